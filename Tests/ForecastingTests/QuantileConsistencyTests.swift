import Testing
@testable import Forecasting

/// Demand is never negative, so no quantile may contradict the mean: Markov's inequality gives
/// `P(X ≥ q) ≤ mean / q`, and a `p`-quantile has `P(X ≥ q_p) ≥ 1 − p`, hence `mean ≥ (1 − p) · q_p`.
@Suite struct QuantileConsistencyTests {
    static let levels = [0.05, 0.5, 0.8, 0.9, 0.95, 0.99]

    /// Many small series of the kinds that break clipped distributions: intermittent, lumpy, smooth, tiny means,
    /// continuous values near zero.
    static func generatedSeries(count: Int, seed: UInt64) -> [TimeSeries] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let length = 90 + Int(rng.nextUniform() * 60)
            let values: [Double]
            switch i % 5 {
            case 0: // intermittent: a demand every few weeks, small sizes
                let p = 0.02 + 0.2 * rng.nextUniform()
                values = (0..<length).map { _ in rng.nextUniform() < p ? Double(1 + rng.nextPoisson(mean: 1)) : 0 }
            case 1: // lumpy: rare, large and variable
                let p = 0.05 + 0.1 * rng.nextUniform()
                values = (0..<length).map { _ in rng.nextUniform() < p ? Double(rng.nextPoisson(mean: 12)) : 0 }
            case 2: // smooth Poisson
                let mean = 1 + 30 * rng.nextUniform()
                values = (0..<length).map { _ in Double(rng.nextPoisson(mean: mean)) }
            case 3: // tiny means: a handful of units in the whole history
                values = (0..<length).map { _ in rng.nextUniform() < 0.015 ? 1 : 0 }
            default: // continuous, mostly near zero (litres, kilograms)
                let p = 0.1 + 0.3 * rng.nextUniform()
                values = (0..<length).map { _ in rng.nextUniform() < p ? 0.05 + 2.5 * rng.nextUniform() : 0 }
            }
            return TimeSeries(id: "s\(i)", values: values)
        }
    }

    /// Sparse procedure-driven items at one site, where the driver regression competes.
    static func sparseSite(days: Int = 200, horizon: Int = 28) -> (items: [TimeSeries], drivers: SiteDrivers) {
        var rng = SplitMix64(seed: 606)
        let total = days + horizon
        let procedures = (0..<4).map { _ in (0..<total).map { _ in Double(rng.nextPoisson(mean: 0.6)) } }
        let census = (0..<total).map { _ in 80 + 8 * rng.nextNormal() }
        let items = (0..<24).map { i -> TimeSeries in
            let driver = procedures[i % 4]
            let rate = 0.05 + 0.15 * Double(i % 6)
            let values = (0..<days).map { t in
                Double((0..<Int(driver[t])).reduce(0) { n, _ in n + (rng.nextUniform() < rate ? 1 : 0) })
            }
            return TimeSeries(id: "imp\(i)", values: values)
        }
        let drivers = SiteDrivers(names: ["census"] + (0..<4).map { "procedures.p\($0)" },
                                  history: [Array(census[..<days])] + procedures.map { Array($0[..<days]) },
                                  future: [Array(census[days...])] + procedures.map { Array($0[days...]) },
                                  firstWeekday: 1)
        return (items, drivers)
    }

    static func configuration() -> ForecastConfiguration {
        var configuration = ForecastConfiguration(horizon: 14, quantiles: levels)
        configuration.simulationPaths = 400
        configuration.optimizerEvaluations = 20
        return configuration
    }

    /// Every daily row: quantiles non-negative, non-decreasing, integer for counts, and within Markov's bound.
    static func checkRows(_ forecasts: [SeriesForecast]) {
        for forecast in forecasts {
            for (day, mean) in forecast.mean.enumerated() {
                let q = forecast.quantiles[day]
                #expect(q.allSatisfy { $0 >= 0 }, "\(forecast.seriesID) day \(day): \(q)")
                #expect(zip(q, q.dropFirst()).allSatisfy { $0 <= $1 }, "\(forecast.seriesID) day \(day): \(q)")
                if forecast.isCountData {
                    #expect(q.allSatisfy { $0 == $0.rounded() }, "\(forecast.seriesID) day \(day): \(q)")
                }
                for (level, quantile) in zip(forecast.quantileLevels, q) {
                    #expect(mean >= (1 - level) * quantile - 1e-9,
                            "\(forecast.seriesID) (\(forecast.model.rawValue)) day \(day): mean \(mean), q\(level) = \(quantile)")
                }
            }
        }
    }

    /// Lead-time totals: non-negative, non-decreasing in the level, within Markov's bound of the summed mean.
    static func checkLeadTimes(_ forecasts: [SeriesForecast]) {
        for forecast in forecasts {
            for days in [1, 7, 14] {
                let total = forecast.mean.prefix(days).reduce(0, +)
                let q = forecast.leadTimeDemandQuantiles(days: days, levels: levels)
                #expect(q.allSatisfy { $0 >= 0 }, "\(forecast.seriesID) \(days) days: \(q)")
                #expect(zip(q, q.dropFirst()).allSatisfy { $0 <= $1 }, "\(forecast.seriesID) \(days) days: \(q)")
                for (level, quantile) in zip(levels, q) {
                    #expect(total >= (1 - level) * quantile - 1e-9,
                            "\(forecast.seriesID) (\(forecast.model.rawValue)) \(days) days: total mean \(total), q\(level) = \(quantile)")
                }
            }
        }
    }

    @Test("univariate forecasts of intermittent, smooth and tiny series: every quantile is consistent with its mean")
    func univariate() throws {
        let forecasts = try ForecastEngine.forecast(series: Self.generatedSeries(count: 30, seed: 31),
                                                    configuration: Self.configuration())
        Self.checkRows(forecasts)
        Self.checkLeadTimes(forecasts)
    }

    @Test("site forecasts of sparse procedure-driven items: every quantile is consistent with its mean")
    func siteMode() throws {
        let site = Self.sparseSite()
        let result = try ForecastEngine.forecastSite(items: site.items, drivers: site.drivers,
                                                     configuration: Self.configuration())
        Self.checkRows(result.items)
        Self.checkLeadTimes(result.items)
    }

    @Test("the same holds when every item is forced onto the driver regression's distribution",
          arguments: [false, true])
    func regressionDistribution(integer: Bool) throws {
        let site = Self.sparseSite()
        let fit = try DriverRegression.fit(targets: site.items.map(\.values), drivers: site.drivers, rows: 200, lambda: 10)
        let predictions = fit.predict(200..<228, drivers: site.drivers)
        for item in site.items.indices {
            for mean in predictions[item] {
                let marginal = ForecastMarginal.empirical(mean: mean, residuals: fit.residualQuantiles[item], integer: integer)
                let q = marginal.quantiles(Self.levels)
                #expect(zip(q, q.dropFirst()).allSatisfy { $0 <= $1 })
                for (level, quantile) in zip(Self.levels, q) {
                    #expect(max(0, mean) >= (1 - level) * quantile - 1e-9, "mean \(mean), q\(level) = \(quantile)")
                }
            }
        }
    }

    @Test("a clipped distribution's mean is the point forecast: residual atoms and normal, continuous and rounded",
          arguments: [0.01, 0.12, 0.7, 3.0, 40.0])
    func meanIsPointForecast(mean: Double) {
        var rng = SplitMix64(seed: 8)
        let atoms = ResidualAtoms((0..<201).map { _ in rng.nextUniform() < 0.8 ? -0.3 * rng.nextUniform() : 3 * rng.nextUniform() })
        let s = atoms.shift(keepingMean: mean)
        let continuous = atoms.values.reduce(0) { $0 + max(0, s + $1) } / Double(atoms.count)
        #expect(abs(continuous - mean) < 1e-9 * max(1, mean))
        // The integer version's probabilities, P(X = k) from the cumulative table, give the same mean.
        let table = ForecastMarginal.empirical(mean: mean, residuals: atoms, integer: true).cumulativeTable()
        let integerMean = table.indices.reduce(0.0) { $0 + Double($1) * (table[$1] - ($1 == 0 ? 0 : table[$1 - 1])) }
        #expect(abs(integerMean - mean) < 1e-9 * max(1, mean))
        // Normal: E[max(0, s + σZ)] by quadrature over z.
        let sd = 2.0
        let location = NormalDistribution.clippedLocation(mean: mean, standardDeviation: sd)
        var normalMean = 0.0
        let step = 0.001
        for z in stride(from: -9.0, to: 9.0, by: step) {
            normalMean += max(0, location + sd * z) * NormalDistribution.density(z) * step
        }
        #expect(abs(normalMean - mean) < 1e-4 * max(1, mean))
    }
}
