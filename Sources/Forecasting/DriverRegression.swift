import Foundation
/// Multi-output ridge regression of every item of one site on one shared driver design.
///
/// Drivers are standardised (mean 0, unit variance over the fit rows), items are centred, and
/// `(XᵀX + λI) B = XᵀY` is solved with one Cholesky factorisation and one multi-RHS solve for all items;
/// items with a negative driver effect are then refitted with those effects held at zero (`NonNegativeRidge`,
/// from the same factorisation), so no case or patient gives supplies back. Coefficients are mapped back to
/// driver units with the intercept restoring the means. The predictive distribution is the empirical
/// distribution of each item's leave-one-out residuals under its constrained fit.
public struct DriverRegression: Sendable {
    /// `intercept` followed by the driver and weekday-dummy names.
    public let driverNames: [String]
    /// Coefficients in original units: `coefficients[driver, item]`, row 0 is the intercept.
    public let coefficients: Matrix
    /// Mean of each design column (intercept = 1) over the fit rows.
    public let meanDriverValues: [Double]
    /// Number of history rows the fit used.
    public let fitRows: Int
    /// Per item: leave-one-out residuals as at most 201 equally likely atoms, for the predictive distribution.
    let residualQuantiles: [ResidualAtoms]
    /// Per item: mean squared leave-one-out residual.
    let residualVariance: [Double]

    /// Atoms kept per item's residual distribution.
    static let residualAtoms = 201

    /// Fits on the first `rows` periods of `targets` (`targets[item][period]`) against `drivers`.
    static func fit(targets: [[Double]], drivers: SiteDrivers, rows: Int, lambda: Double) throws(ForecastError) -> DriverRegression {
        let names = drivers.designNames
        let p = names.count
        let items = targets.count
        var x = Matrix(rows: rows, columns: p)
        var row = [Double](repeating: 0, count: p)
        for t in 0..<rows {
            drivers.designRow(t, into: &row)
            for j in 0..<p { x[t, j] = row[j] }
        }
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var s = 0.0
            for t in 0..<rows { s += x[t, j] }
            let mean = s / Double(max(rows, 1))
            var v = 0.0
            for t in 0..<rows { v += (x[t, j] - mean) * (x[t, j] - mean) }
            means[j] = mean
            scales[j] = (v / Double(max(rows, 1))).squareRoot()
        }
        for t in 0..<rows {
            for j in 0..<p {
                x[t, j] = scales[j] > 1e-12 ? (x[t, j] - means[j]) / scales[j] : 0
            }
        }
        var y = Matrix(rows: rows, columns: items)
        var itemMeans = [Double](repeating: 0, count: items)
        for i in 0..<items {
            let series = targets[i]
            var s = 0.0
            for t in 0..<rows { s += series[t] }
            itemMeans[i] = s / Double(max(rows, 1))
            for t in 0..<rows { y.values[t * items + i] = series[t] - itemMeans[i] }
        }
        let solution = try RidgeSolver.solveWithLeverage(design: x, targets: y, lambda: max(lambda, 1e-8))
        // A case or a patient in house can only use supplies, never give them back: every driver's coefficient is
        // held ≥ 0 (standardising divides by a positive scale, so the sign carries over); weekday effects are free.
        let nonNegative = (0..<p).map { $0 < drivers.names.count }
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let constrained = try ParallelMap.map(count: items, workers: workers) { i in
            Result { () throws(ForecastError) in try NonNegativeRidge.solve(solution, item: i, nonNegative: nonNegative) }
        }.map { result throws(ForecastError) in try result.get() }
        var standardized = Matrix(rows: p, columns: items)
        for i in 0..<items {
            for j in 0..<p { standardized[j, i] = constrained[i].coefficients[j] }
        }
        // In-sample residuals understate the errors of days the fit has not seen, the more so the shorter the
        // history is against the number of drivers; leave-one-out residuals do not (centring adds 1/rows). An
        // item whose fit holds some drivers at zero has the leverages of the fit without them: one small solve
        // per distinct set of held drivers.
        var heldSets: [[Int]: Int] = [:]
        for fit in constrained where heldSets[fit.atZero] == nil { heldSets[fit.atZero] = heldSets.count }
        let distinct = heldSets.sorted { $0.value < $1.value }.map(\.key)
        let inflations = try ParallelMap.map(count: distinct.count, workers: workers) { k in
            Result { () throws(ForecastError) in
                try NonNegativeRidge.leverage(solution, atZero: distinct[k]).map { 1 / max(1 - $0 - 1 / Double(max(rows, 1)), 0.05) }
            }
        }.map { result throws(ForecastError) in try result.get() }
        let inflationOfItem = constrained.map { heldSets[$0.atZero]! }
        var coefficients = Matrix(rows: p + 1, columns: items)
        for i in 0..<items {
            var intercept = itemMeans[i]
            for j in 0..<p {
                let beta = scales[j] > 1e-12 ? standardized[j, i] / scales[j] : 0
                coefficients[j + 1, i] = beta
                intercept -= beta * means[j]
            }
            coefficients[0, i] = intercept
        }
        let fitted = Matrix.product(x, standardized)
        let observed = y
        // Items are independent here: their residual distributions are summarised on every core.
        let summaries = ParallelMap.map(count: items, workers: workers) { i in
            let inflation = inflations[inflationOfItem[i]]
            var residuals = (0..<rows).map { (observed.values[$0 * items + i] - fitted.values[$0 * items + i]) * inflation[$0] }
            residuals.sort()
            let variance = residuals.reduce(0) { $0 + $1 * $1 } / Double(max(rows, 1))
            // Each atom stands for an equal slice of probability: the residual quantile at the slice's middle.
            let points = Self.residualAtoms
            let atoms = residuals.count <= points ? residuals : (0..<points).map {
                ForecastMarginal.empiricalQuantile(residuals, (Double($0) + 0.5) / Double(points))
            }
            return (ResidualAtoms(atoms), variance)
        }
        return DriverRegression(driverNames: ["intercept"] + names, coefficients: coefficients,
                                meanDriverValues: [1] + means, fitRows: rows,
                                residualQuantiles: summaries.map(\.0), residualVariance: summaries.map(\.1))
    }

    /// Mean predictions for absolute periods `range` (history rows first, then future rows): `[item][period]`.
    func predict(_ range: Range<Int>, drivers: SiteDrivers) -> [[Double]] {
        let p = driverNames.count
        var x = Matrix(rows: range.count, columns: p)
        var row = [Double](repeating: 0, count: p - 1)
        for (r, t) in range.enumerated() {
            drivers.designRow(t, into: &row)
            x[r, 0] = 1
            for j in 1..<p { x[r, j] = row[j - 1] }
        }
        let prediction = Matrix.product(x, coefficients)
        let items = coefficients.columns
        return (0..<items).map { i in (0..<range.count).map { prediction.values[$0 * items + i] } }
    }

    /// Forecast of item `item` for `range`, with empirical residual uncertainty.
    func modelForecast(item: Int, predictions: [Double]) -> ModelForecast {
        var weights = Array(repeating: 0.0, count: predictions.count)
        if !weights.isEmpty { weights[0] = 1 }
        return ModelForecast(mean: predictions,
                             variance: Array(repeating: residualVariance[item], count: predictions.count),
                             innovationWeights: weights, residuals: residualQuantiles[item])
    }

    /// Coefficients of one item with each driver's mean contribution, largest contribution first.
    public func coefficients(item: Int) -> [DriverCoefficient] {
        driverNames.indices.map { j in
            DriverCoefficient(driver: driverNames[j], coefficient: coefficients[j, item],
                              meanContribution: coefficients[j, item] * meanDriverValues[j])
        }.sorted { abs($0.meanContribution) > abs($1.meanContribution) }
    }
}
