import Testing
@testable import Forecasting

@Suite struct NonNegativeRidgeTests {
    /// Census and two procedures; every item uses 2 per case of A and nothing per case of B, plus noise.
    static func plantedSite(items: Int = 200, days: Int = 120) -> (targets: [[Double]], drivers: SiteDrivers) {
        var rng = SplitMix64(seed: 4242)
        let census = (0..<(days + 7)).map { _ in 60 + 6 * rng.nextNormal() }
        let a = (0..<(days + 7)).map { _ in Double(rng.nextPoisson(mean: 3)) }
        let b = (0..<(days + 7)).map { _ in Double(rng.nextPoisson(mean: 3)) }
        let targets = (0..<items).map { _ in (0..<days).map { 2 * a[$0] + 1.5 * rng.nextNormal() } }
        let drivers = SiteDrivers(names: ["census", "procedures.A", "procedures.B"],
                                  history: [Array(census[..<days]), Array(a[..<days]), Array(b[..<days])],
                                  future: [Array(census[days...]), Array(a[days...]), Array(b[days...])])
        return (targets, drivers)
    }

    /// Ordinary least squares of one item on census, A and B with an intercept, from the centred normal equations.
    static func unconstrained(_ y: [Double], _ drivers: SiteDrivers) throws -> [Double] {
        let rows = y.count
        let columns = drivers.history.map { column in
            let mean = column.reduce(0, +) / Double(rows)
            return column.map { $0 - mean }
        }
        let x = Matrix(rowArrays: (0..<rows).map { t in columns.map { $0[t] } })
        let mean = y.reduce(0, +) / Double(rows)
        let target = Matrix(rows: rows, columns: 1, values: y.map { $0 - mean })
        return try RidgeSolver.solve(design: x, targets: target, lambda: 1e-9).values
    }

    @Test("planted 2 per case of A and 0 per case of B: no negative driver effect, and A and B are recovered where the unconstrained fit puts B below zero")
    func plantedEffects() throws {
        let site = Self.plantedSite()
        let fit = try DriverRegression.fit(targets: site.targets, drivers: site.drivers, rows: 120, lambda: 0.01)
        let unconstrained = try site.targets.map { try Self.unconstrained($0, site.drivers) }
        let negativeB = unconstrained.indices.filter { unconstrained[$0][2] < 0 }
        // The noise pushes the unconstrained estimate of B below zero for many items: a procedure giving implants back.
        #expect(negativeB.count >= 40, "\(negativeB.count) items with a negative unconstrained B")
        for item in site.targets.indices {
            let drivers = fit.coefficients(item: item).filter { $0.driver != "intercept" }
            #expect(drivers.allSatisfy { $0.coefficient >= 0 }, "item \(item): \(drivers)")
        }
        for item in negativeB {
            let a = fit.coefficients[2, item]
            let b = fit.coefficients[3, item]
            #expect(abs(a - 2) < 0.3, "item \(item): A \(a)")
            #expect(b < 0.02, "item \(item): B \(b)")
        }
        let meanA = site.targets.indices.reduce(0.0) { $0 + fit.coefficients[2, $1] } / Double(site.targets.count)
        let meanB = site.targets.indices.reduce(0.0) { $0 + fit.coefficients[3, $1] } / Double(site.targets.count)
        #expect(abs(meanA - 2) < 0.02)
        #expect(meanB < 0.05)
    }

    @Test("the active-set solution is the best feasible one, found by trying every set of coefficients held at zero")
    func matchesEnumeration() throws {
        var rng = SplitMix64(seed: 17)
        let rows = 40
        let p = 4
        let nonNegative = [true, true, true, false]
        let x = Matrix(rows: rows, columns: p, values: (0..<(rows * p)).map { _ in rng.nextNormal() })
        let y = Matrix(rows: rows, columns: 30, values: (0..<(rows * 30)).map { _ in 2 * rng.nextNormal() })
        let lambda = 0.5
        let solution = try RidgeSolver.solveWithLeverage(design: x, targets: y, lambda: lambda)
        for item in 0..<30 {
            let target = y.column(item)
            func objective(_ beta: [Double]) -> Double {
                var sum = 0.0
                for t in 0..<rows {
                    let e = target[t] - (0..<p).reduce(0.0) { $0 + x[t, $1] * beta[$1] }
                    sum += e * e
                }
                return 0.5 * sum + 0.5 * lambda * beta.reduce(0) { $0 + $1 * $1 }
            }
            // Every subset of the constrained coefficients held at zero, solved on the remaining columns.
            var best: (value: Double, beta: [Double])?
            for mask in 0..<8 {
                let free = (0..<p).filter { $0 == 3 || mask & (1 << $0) == 0 }
                let reduced = Matrix(rowArrays: (0..<rows).map { t in free.map { x[t, $0] } })
                let b = try RidgeSolver.solve(design: reduced, targets: Matrix(rows: rows, columns: 1, values: target),
                                              lambda: lambda).values
                var beta = [Double](repeating: 0, count: p)
                for (k, j) in free.enumerated() { beta[j] = b[k] }
                guard (0..<3).allSatisfy({ beta[$0] >= -1e-12 }) else { continue }
                let value = objective(beta)
                if best == nil || value < best!.value { best = (value, beta) }
            }
            let (beta, _) = try NonNegativeRidge.solve(solution, item: item, nonNegative: nonNegative)
            let expected = try #require(best).beta
            for j in 0..<p {
                #expect(abs(beta[j] - expected[j]) < 1e-9, "item \(item) coefficient \(j): \(beta[j]) vs \(expected[j])")
            }
        }
    }

    @Test("leverages of a fit with coefficients held at zero equal those of the ridge fit without those columns")
    func leverageOfHeldFit() throws {
        var rng = SplitMix64(seed: 5)
        let rows = 30
        let x = Matrix(rows: rows, columns: 5, values: (0..<(rows * 5)).map { _ in rng.nextNormal() })
        let y = Matrix(rows: rows, columns: 1, values: (0..<rows).map { _ in rng.nextNormal() })
        let solution = try RidgeSolver.solveWithLeverage(design: x, targets: y, lambda: 2)
        let held = [1, 3]
        let reduced = Matrix(rowArrays: (0..<rows).map { t in [0, 2, 4].map { x[t, $0] } })
        let expected = try RidgeSolver.solveWithLeverage(design: reduced, targets: y, lambda: 2).leverage
        let leverage = try NonNegativeRidge.leverage(solution, atZero: held)
        for t in 0..<rows {
            #expect(abs(leverage[t] - expected[t]) < 1e-12)
        }
    }
}
