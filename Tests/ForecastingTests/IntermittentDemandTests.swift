import Testing
@testable import Forecasting

@Suite struct IntermittentDemandTests {
    let y: [Double] = [0, 3, 0, 0, 6, 0]

    @Test("Croston classic: size 3→3.3, interval 2→2.1, rate 3.3/2.1")
    func crostonByHand() {
        let f = TestData.forecast(CrostonModel(variant: .classic), y, horizon: 2)
        #expect(abs(f.mean[0] - 3.3 / 2.1) < 1e-12)
    }

    @Test("Croston SBA multiplies the classic rate by 1 − α/2 = 0.95")
    func sbaByHand() {
        let f = TestData.forecast(CrostonModel(variant: .sba), y, horizon: 1)
        #expect(abs(f.mean[0] - 0.95 * 3.3 / 2.1) < 1e-12)
    }

    @Test("TSB with α_d = α_p = 0.5: probability 0.28125 × size 4.5")
    func tsbByHand() {
        let f = TestData.forecast(TSBModel(alphaDemand: 0.5, alphaProbability: 0.5), y, horizon: 1)
        #expect(abs(f.mean[0] - 0.28125 * 4.5) < 1e-12)
    }

    @Test("ADIDA aggregates at the rounded mean interval and spreads the SES forecast of the sums")
    func adidaByHand() {
        // Non-zero at t = 1, 3, 5, 7 → mean interval 2; sums of pairs = [4, 4, 4, 4] → rate 2.
        let series: [Double] = [0, 4, 0, 4, 0, 4, 0, 4]
        let options = FitOptions(seasonLength: 1, optimizationWindow: 100, maxEvaluations: 40)
        let model = series.withUnsafeBufferPointer { ADIDAModel.fit($0, options: options) }
        #expect(model?.level == 2)
        let f = TestData.forecast(model!, series, horizon: 1)
        #expect(abs(f.mean[0] - 2) < 1e-12)
    }

    @Test("ADIDA and IMAPA still forecast the average rate when one demand makes a single bucket")
    func singleBucket() throws {
        // One demand of 2 in the last of 10 periods: mean interval 10, one bucket summing to 2.
        var series = [Double](repeating: 0, count: 10)
        series[9] = 2
        let options = FitOptions(seasonLength: 1, optimizationWindow: 100, maxEvaluations: 40)
        let adida = try #require(series.withUnsafeBufferPointer { ADIDAModel.fit($0, options: options) })
        #expect(adida.level == 10)
        #expect(abs(TestData.forecast(adida, series, horizon: 1).mean[0] - 0.2) < 1e-12)
        let imapa = try #require(series.withUnsafeBufferPointer { IMAPAModel.fit($0, options: options) })
        #expect(imapa.alphas.count == 10)
        #expect(TestData.forecast(imapa, series, horizon: 1).mean[0] < 2)
    }

    @Test("IMAPA averages the per-level rates")
    func imapaByHand() {
        let series: [Double] = [0, 4, 0, 4, 0, 4, 0, 4]
        let f = TestData.forecast(IMAPAModel(alphas: [0.2, 0.2]), series, horizon: 1)
        let level1 = series.withUnsafeBufferPointer { TemporalAggregation.rate($0, level: 1, alpha: 0.2).rate }
        #expect(abs(f.mean[0] - (level1 + 2) / 2) < 1e-12)
    }

    @Test("intermittent quantiles are non-negative integers, never a symmetric band below zero")
    func countQuantiles() throws {
        let sparse = TestData.poisson(0.3, count: 200, seed: 3)
        let result = try ForecastEngine.forecast(
            series: [TimeSeries(id: "sparse", values: sparse)],
            configuration: ForecastConfiguration(candidates: [.croston, .crostonSBA, .tsb, .adida, .imapa]))
        let forecast = try #require(result.first)
        for row in forecast.quantiles {
            for q in row {
                #expect(q >= 0)
                #expect(q == q.rounded())
            }
            #expect(row == row.sorted())
        }
    }
}
