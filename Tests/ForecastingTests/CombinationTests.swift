import Foundation
import Testing
@testable import Forecasting

@Suite struct CombinationTests {
    /// Monthly smooth seasonal demand (counts), as in a central store.
    static func monthly(_ i: Int) -> TimeSeries {
        let season: [Double] = [0.8, 0.9, 1.0, 1.1, 1.2, 1.1, 1.0, 0.9, 0.9, 1.0, 1.1, 1.0]
        var rng = SplitMix64(seed: UInt64(100 + i))
        let values = (0..<96).map { t in
            Double(rng.nextPoisson(mean: (200 + Double(i) * 20 + 2 * Double(t)) * season[t % 12]))
        }
        return TimeSeries(id: "m\(i)", values: values, frequency: .monthly, start: DateStamp(year: 2018, month: 1, day: 1))
    }

    @Test("the combination's distribution is the equal mixture's: mean of means, mean variance plus spread of means")
    func mixtureMoments() {
        let a = ModelForecast(mean: [10, 12], variance: [4, 9], innovationWeights: [1, 0.5], residuals: nil)
        let b = ModelForecast(mean: [14, 12], variance: [1, 1], innovationWeights: [1, 0.3], residuals: nil)
        let f = CombinationModel.combine([a, b])
        #expect(f.mean == [12, 12])
        // E[Var] + Var[E]: (4 + 1)/2 + ((10 − 12)² + (14 − 12)²)/2 = 2.5 + 4.
        #expect(f.variance == [6.5, 5])
        #expect(abs(f.innovationWeights[1] - 0.4) < 1e-12)
    }

    @Test("a family is represented by its nesting model, and the best-scoring families are taken first")
    func components() {
        func score(_ kind: ModelKind, _ s: Double) -> ModelScore {
            ModelScore(model: kind, metrics: AccuracyMetrics(mase: s, medianMase: s, rmsse: s, scaledPinball: s, coverage95: 0.95),
                       origins: 3, score: s)
        }
        let scores = [score(.seasonalNaive, 0.5), score(.holtWinters, 0.9), score(.autoETS, 1.0), score(.theta, 1.2),
                      score(.optimizedTheta, 1.3), score(.autoCES, 1.1)]
        #expect(SeriesForecaster.combinationComponents(scores) == [.autoETS, .autoCES, .optimizedTheta])
        let withoutNesting = [score(.holtWinters, 0.9), score(.ses, 1.4), score(.theta, 1.2)]
        #expect(SeriesForecaster.combinationComponents(withoutNesting) == [.holtWinters, .theta])
    }

    @Test("the combination's point forecast is the mean of its components refitted on the whole history")
    func finalForecastIsComponentMean() throws {
        let series = Self.monthly(1)
        let config = ForecastConfiguration(horizon: 12, workers: 1)
        let result = try #require(try ForecastEngine.forecast(series: [series], configuration: config).first)
        try #require(result.model == .combination)
        let evaluation = SeriesForecaster.evaluate(series, configuration: config)
        let options = evaluation.options
        let means = series.values.withUnsafeBufferPointer { full in
            evaluation.combinationComponents.map { kind in
                SeriesForecaster.fit(kind, full, options)!.forecast(history: full, horizon: 12).mean
            }
        }
        for h in 0..<12 {
            let expected = max(0, means.map { $0[h] }.reduce(0, +) / Double(means.count))
            #expect(abs(result.mean[h] - expected) < 1e-9 * max(1, expected))
        }
    }

    @Test("combined quantiles are integer counts, ordered, and on the right side of the mean")
    func quantilesConsistent() throws {
        let config = ForecastConfiguration(horizon: 12, quantiles: [0.05, 0.5, 0.95], workers: 1)
        let results = try ForecastEngine.forecast(series: (0..<4).map(Self.monthly), configuration: config)
        for r in results where r.model == .combination {
            for (h, q) in r.quantiles.enumerated() {
                #expect(q == q.sorted(), "\(r.seriesID) step \(h + 1)")
                #expect(q.allSatisfy { $0 == $0.rounded() && $0 >= 0 })
                #expect(q[0] < r.mean[h] && r.mean[h] < q[2])
            }
        }
        #expect(results.contains { $0.model == .combination })
    }

    @Test("daily series and intermittent monthly series never get the extended models")
    func extendedModelsScope() throws {
        let daily = TimeSeries(id: "d", values: TestData.poisson(20, count: 200, seed: 1), frequency: .daily)
        var sparse = TestData.poisson(0.3, count: 72, seed: 2)
        sparse[0] = 1
        let intermittent = TimeSeries(id: "i", values: sparse, frequency: .monthly)
        let config = ForecastConfiguration(horizon: 6, workers: 1)
        for series in [daily, intermittent] {
            let e = SeriesForecaster.evaluate(series, configuration: config)
            #expect(!e.scores.contains { $0.model.isExtended }, "\(series.id): \(e.scores.map(\.model))")
        }
    }

    @Test("forecasts with the combination are identical run to run, serial or parallel")
    func deterministic() throws {
        let series = (0..<6).map(Self.monthly)
        let config = ForecastConfiguration(horizon: 12)
        var serial = config
        serial.workers = 1
        #expect(try ForecastEngine.forecast(series: series, configuration: serial)
            == ForecastEngine.forecast(series: series, configuration: config))
    }
}
