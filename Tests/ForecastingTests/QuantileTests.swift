import Testing
@testable import Forecasting

@Suite struct QuantileTests {
    @Test("Poisson(4) marginal gives the exact discrete quantiles")
    func poissonQuantiles() {
        // CDF of Poisson(4): P(X≤3)=0.433, P(X≤4)=0.629, P(X≤6)=0.889, P(X≤7)=0.949, P(X≤9)=0.992.
        let q = ForecastMarginal.count(mean: 4, variance: 4).quantiles([0.5, 0.9, 0.95, 0.99])
        #expect(q == [4, 7, 8, 9])
    }

    @Test("forecast q0.9 of Poisson(4) demand covers about 90% of fresh draws")
    func poissonCoverage() throws {
        let history = TestData.poisson(4, count: 365, seed: 11)
        let forecast = try #require(try ForecastEngine.forecast(
            series: [TimeSeries(id: "p4", values: history)]).first)
        let q90 = forecast.quantiles[0][forecast.quantileLevels.firstIndex(of: 0.9)!]
        #expect((6...8).contains(q90))
        let fresh = TestData.poisson(4, count: 20_000, seed: 12)
        let coverage = Double(fresh.filter { $0 <= q90 }.count) / Double(fresh.count)
        let below = Double(fresh.filter { $0 <= q90 - 1 }.count) / Double(fresh.count)
        // A discrete quantile covers at least the level; one unit less covers less (within sampling error).
        #expect(coverage >= 0.88 && coverage <= 0.985)
        #expect(below <= 0.93)
    }

    @Test("continuous Normal(100, 10) demand: q0.9 coverage within 0.03 of 0.9")
    func normalCoverage() throws {
        let history = TestData.normal(mean: 100, sd: 10, count: 730, seed: 21)
        let forecast = try #require(try ForecastEngine.forecast(
            series: [TimeSeries(id: "n", values: history)]).first)
        #expect(!forecast.isCountData)
        let q90 = forecast.quantiles[0][forecast.quantileLevels.firstIndex(of: 0.9)!]
        let fresh = TestData.normal(mean: 100, sd: 10, count: 20_000, seed: 22)
        let coverage = Double(fresh.filter { $0 <= q90 }.count) / Double(fresh.count)
        #expect(abs(coverage - 0.9) < 0.03, "coverage \(coverage), q90 \(q90)")
    }

    @Test("negative-binomial quantiles widen with overdispersion and stay integer")
    func overdispersion() {
        let poisson = ForecastMarginal.count(mean: 4, variance: 4).quantile(0.95)
        let nb = ForecastMarginal.count(mean: 4, variance: 16).quantile(0.95)
        #expect(nb > poisson)
        #expect(nb == nb.rounded())
    }

    @Test("a normal marginal far from zero keeps its quantiles; near zero it moves down so clipping keeps the mean")
    func clipped() {
        let far = ForecastMarginal.normal(mean: 100, standardDeviation: 10, integer: false).quantiles([0.5, 0.9])
        #expect(abs(far[0] - 100) < 1e-9)
        #expect(abs(far[1] - (100 + 10 * 1.2815515655446004)) < 1e-6)
        // Mean 1, sd 5: max(0, 1 + 5Z) would have mean 2.53; the location that keeps mean 1 is below zero,
        // so the median is 0 and q0.9 sits 1.28 sd above that location.
        let near = ForecastMarginal.normal(mean: 1, standardDeviation: 5, integer: false).quantiles([0.05, 0.5, 0.9])
        let location = NormalDistribution.clippedLocation(mean: 1, standardDeviation: 5)
        #expect(location < 0)
        #expect(near[0] == 0)
        #expect(near[1] == 0)
        #expect(abs(near[2] - (location + 5 * 1.2815515655446004)) < 1e-6)
    }
}
