import Testing
@testable import Forecasting

@Suite struct LeadTimeDemandTests {
    @Test("7-day sum of independent Poisson(4) days matches Poisson(28) quantiles, not the sum of daily quantiles")
    func poissonSum() {
        let days = 7
        let distribution = ForecastDistribution(
            marginals: Array(repeating: .count(mean: 4, variance: 4), count: days),
            innovationWeights: [1] + Array(repeating: 0, count: days - 1))
        let levels = [0.5, 0.9, 0.99]
        let simulated = distribution.sumQuantiles(days: days, levels: levels, paths: 40_000, seed: 5)
        let exact = ForecastMarginal.countQuantiles(mean: 28, variance: 28, levels: levels)
        for (s, e) in zip(simulated, exact) {
            #expect(abs(s - e) <= 1, "simulated \(s) vs exact \(e)")
        }
        let addedDaily = Double(days) * ForecastMarginal.count(mean: 4, variance: 4).quantile(0.9)
        #expect(simulated[1] < addedDaily - 10)
    }

    @Test("a random-walk forecast's lead-time sum is wider than independent days with the same marginals")
    func correlatedSum() {
        let marginals = (0..<10).map { ForecastMarginal.normal(mean: 100, standardDeviation: 10 * Double($0 + 1).squareRoot(), integer: false) }
        let correlated = ForecastDistribution(marginals: marginals, innovationWeights: Array(repeating: 1, count: 10))
        let independent = ForecastDistribution(marginals: marginals, innovationWeights: [1] + Array(repeating: 0, count: 9))
        let wide = correlated.sumQuantiles(days: 10, levels: [0.05, 0.95], paths: 20_000, seed: 1)
        let narrow = independent.sumQuantiles(days: 10, levels: [0.05, 0.95], paths: 20_000, seed: 1)
        #expect(wide[1] - wide[0] > 1.5 * (narrow[1] - narrow[0]))
        // Random walk: Var(sum of 10) = σ² Σ_k (11 − k)² = 100 · 385 → sd ≈ 196; 90% band ≈ 2·1.645·196.
        #expect(abs((wide[1] - wide[0]) - 2 * 1.645 * 196.2) < 40)
    }

    @Test("engine lead-time quantiles on Poisson(4) history are near Poisson(4·L)")
    func engineLeadTime() throws {
        let history = TestData.poisson(4, count: 730, seed: 99)
        let forecast = try #require(try ForecastEngine.forecast(
            series: [TimeSeries(id: "p4", values: history)]).first)
        let q = forecast.leadTimeDemandQuantiles(days: 14, levels: [0.5, 0.95])
        let exact = ForecastMarginal.countQuantiles(mean: 56, variance: 56, levels: [0.5, 0.95])
        #expect(abs(q[0] - exact[0]) <= 4, "median \(q[0]) vs \(exact[0]) with model \(forecast.model)")
        #expect(abs(q[1] - exact[1]) <= 6, "q95 \(q[1]) vs \(exact[1]) with model \(forecast.model)")
    }

    @Test("a single lead-time quantile by selection equals the one read off the sorted sums, ties included")
    func selectionMatchesSort() {
        var rng = SplitMix64(seed: 3)
        for count in [1, 2, 7, 100, 1000] {
            let values = (0..<count).map { _ in (rng.nextUniform() * 20).rounded() }
            let sorted = values.sorted()
            for rank in Set([0, count / 2, count - 1, (count * 95) / 100]) {
                var scratch = values
                #expect(ForecastDistribution.select(rank: rank, in: &scratch) == sorted[rank])
            }
        }
        let distribution = ForecastDistribution(
            marginals: Array(repeating: .count(mean: 3, variance: 6), count: 10),
            innovationWeights: [1] + Array(repeating: 0.3, count: 9))
        let sums = distribution.sampleSums(days: 10, paths: 1000, seed: 9)
        #expect(distribution.sumQuantiles(days: 10, levels: [0.95], paths: 1000, seed: 9) == [sums[949]])
    }

    @Test("independent slow-moving count days are summed exactly: Poisson days give the Poisson quantile of the total")
    func convolution() {
        let poisson = ForecastDistribution(marginals: Array(repeating: .count(mean: 2, variance: 2), count: 12),
                                           innovationWeights: [1] + Array(repeating: 0, count: 11))
        let levels = [0.5, 0.9, 0.95, 0.99]
        #expect(poisson.convolvedSumQuantiles(days: 12, levels: levels)
            == ForecastMarginal.countQuantiles(mean: 24, variance: 24, levels: levels))
        // Overdispersed days: the exact sum agrees with a large simulation of the same distribution.
        let lumpy = ForecastDistribution(marginals: Array(repeating: .count(mean: 0.8, variance: 3), count: 14),
                                         innovationWeights: [1] + Array(repeating: 0, count: 13))
        let exact = lumpy.convolvedSumQuantiles(days: 14, levels: levels)!
        var sums = lumpy.simulatedSums(days: 14, paths: 200_000, seed: 4)
        sums.sort()
        for (level, value) in zip(levels, exact) {
            #expect(abs(sums[Int(level * 200_000) - 1] - value) <= 1, "level \(level): \(value)")
        }
        // Days that move together, or a large total, stay with simulation.
        let correlated = ForecastDistribution(marginals: Array(repeating: .count(mean: 2, variance: 2), count: 5),
                                              innovationWeights: [1, 0.5, 0.5, 0.5, 0.5])
        #expect(correlated.convolvedSumQuantiles(days: 5, levels: [0.9]) == nil)
        let busy = ForecastDistribution(marginals: Array(repeating: .count(mean: 20, variance: 20), count: 5),
                                        innovationWeights: [1, 0, 0, 0, 0])
        #expect(busy.convolvedSumQuantiles(days: 5, levels: [0.9]) == nil)
    }
}
