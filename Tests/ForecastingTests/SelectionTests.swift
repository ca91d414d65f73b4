import Testing
@testable import Forecasting

@Suite struct SelectionTests {
    @Test("selection picks the driver regression when demand is driven by scheduled procedures")
    func drivenDemand() throws {
        let site = DriverRegressionTests.plantedSite(days: 400)
        let result = try ForecastEngine.forecastSite(items: site.items, drivers: site.drivers)
        for item in result.items {
            #expect(item.model == .driverRegression, "\(item.seriesID): \(item.backtest.map { "\($0.model.rawValue) \($0.score)" })")
            #expect(!item.coefficients.isEmpty)
            #expect(item.distribution.periods == ForecastConfiguration().leadTimeHorizon)
            let fourWeeks = item.leadTimeDemandQuantile(days: 28, level: 0.5)
            #expect(abs(fourWeeks - item.mean.reduce(0, +)) < 0.1 * item.mean.reduce(0, +))
        }
        #expect(result.items[1].coefficients.first?.driver == "procedures.ortho"
            || result.items[1].coefficients.first?.driver == "intercept")
    }

    @Test("selection keeps naive (or its twin, SES with alpha near 1) for most random walks")
    func randomWalk() throws {
        let walks = (0..<20).map { i in
            TimeSeries(id: "rw\(i)", values: TestData.randomWalk(start: 1000, sd: 5, count: 500, seed: UInt64(100 + i)))
        }
        let forecasts = try ForecastEngine.forecast(series: walks)
        let naiveLike = forecasts.filter { f in
            f.model == .naive || (f.model == .ses && (f.parameters.first?.value ?? 0) > 0.9)
        }
        #expect(naiveLike.count >= 14, "\(forecasts.map(\.model.rawValue))")
        if let naive = forecasts.first(where: { $0.model == .naive }),
           let walk = walks.first(where: { $0.id == naive.seriesID }) {
            #expect(naive.mean.allSatisfy { $0 == walk.values.last })
        }
    }

    @Test("a seasonal series selects a seasonal model over plain naive")
    func seasonal() throws {
        let season: [Double] = [40, 35, 30, 30, 32, 10, 5]
        let noise = TestData.normal(mean: 0, sd: 2, count: 364, seed: 4)
        let y = (0..<364).map { max(0, season[$0 % 7] + noise[$0]) }
        let forecast = try ForecastEngine.forecast(series: [TimeSeries(id: "w", values: y)])[0]
        #expect(forecast.model == .holtWinters || forecast.model == .seasonalNaive)
    }

    @Test("a model is chosen only if it beats the baseline by the margin")
    func baselineRule() {
        func score(_ model: ModelKind, _ s: Double) -> ModelScore {
            ModelScore(model: model, metrics: AccuracyMetrics(mase: s, medianMase: s, rmsse: s, scaledPinball: s, coverage95: 0.95),
                       origins: 3, score: s)
        }
        #expect(SeriesForecaster.select([score(.seasonalNaive, 1.0), score(.naive, 1.1), score(.ses, 0.99)], margin: 0.02) == .seasonalNaive)
        #expect(SeriesForecaster.select([score(.seasonalNaive, 1.0), score(.naive, 1.1), score(.ses, 0.9)], margin: 0.02) == .ses)
        #expect(SeriesForecaster.select([score(.seasonalNaive, 1.2), score(.naive, 1.0), score(.tsb, 0.995)], margin: 0.02) == .naive)
    }

    @Test("backtest reports MASE, RMSSE, pinball and coverage for every fitted candidate")
    func backtestReport() throws {
        let y = TestData.poisson(0.8, count: 365, seed: 2)
        let forecast = try ForecastEngine.forecast(series: [TimeSeries(id: "p", values: y)])[0]
        #expect(forecast.backtest.count >= 9)
        for score in forecast.backtest {
            #expect(score.origins == 3)
            #expect(score.metrics.mase.isFinite && score.metrics.mase > 0)
            #expect(score.metrics.rmsse.isFinite && score.metrics.scaledPinball.isFinite)
            #expect((0...1).contains(score.metrics.coverage95))
        }
    }

    @Test("pooling: the class's evidence weighs k / (k + n) for n demands seen in the backtest windows")
    func poolingWeight() throws {
        #expect(SeriesForecaster.pooledWeight(backtestDemands: 0, strength: 50) == 1)
        #expect(abs(SeriesForecaster.pooledWeight(backtestDemands: 50, strength: 50) - 0.5) < 1e-12)
        #expect(SeriesForecaster.pooledWeight(backtestDemands: 500, strength: 0) == 0)

        var y = [Double](repeating: 0, count: 120)
        for t in stride(from: 3, to: 120, by: 9) { y[t] = 2 }
        let configuration = ForecastConfiguration(horizon: 12)
        let evaluation = SeriesForecaster.evaluate(TimeSeries(id: "sparse", values: y), configuration: configuration)
        let windows = [84..<96, 96..<108, 108..<120]
        #expect(evaluation.backtestDemands == windows.reduce(0) { n, w in n + w.filter { y[$0] != 0 }.count })

        // The class says the candidate this series' own backtest likes least is best: with pooling off the
        // series keeps its own choice, with overwhelming pooling it follows the class.
        let ownWorst = try #require(evaluation.scores.filter { !$0.model.isBaseline }.max { $0.score < $1.score })
        let pooled: [DemandClass: [ModelKind: Double]] = [
            evaluation.demandClass: Dictionary(uniqueKeysWithValues: evaluation.scores.map {
                ($0.model, $0.model == ownWorst.model ? 0.0 : 10.0)
            })]
        var own = configuration
        own.poolingStrength = 0
        let alone = SeriesForecaster.finish(evaluation, configuration: own, pooled: pooled)
        #expect(alone.model != ownWorst.model)
        var trusting = configuration
        trusting.poolingStrength = 1e9
        #expect(SeriesForecaster.finish(evaluation, configuration: trusting, pooled: pooled).model == ownWorst.model)
    }

    /// A score whose selection value and MASE are set by hand.
    static func score(_ model: ModelKind, score: Double, mase: Double) -> ModelScore {
        ModelScore(model: model, metrics: AccuracyMetrics(mase: mase, medianMase: mase, rmsse: mase, scaledPinball: score,
                                                          coverage95: 0.95), origins: 3, score: score)
    }

    /// An evaluated sparse series whose candidates' scores are then replaced by hand.
    static func sparseEvaluation() -> SeriesEvaluation {
        var y = [Double](repeating: 0, count: 200)
        for t in stride(from: 5, to: 200, by: 11) { y[t] = 1 }
        return SeriesForecaster.evaluate(TimeSeries(id: "implant", values: y), configuration: ForecastConfiguration(horizon: 14))
    }

    @Test("a candidate whose backtest MASE is more than twice the best baseline's is never chosen, whatever its quantiles or its class say")
    func refutedMean() throws {
        var evaluation = Self.sparseEvaluation()
        // SES has by far the best selection score (its quantiles), and its class says so too, but its mean misses
        // 2.5 times as much as naive's: no expected demand can do that.
        evaluation.scores = [Self.score(.naive, score: 0.53, mase: 0.4), Self.score(.ses, score: 0.30, mase: 1.0)]
        let pooled: [DemandClass: [ModelKind: Double]] = [evaluation.demandClass: [.naive: 0.5, .ses: -2]]
        var trusting = ForecastConfiguration(horizon: 14)
        trusting.poolingStrength = 1e9
        #expect(SeriesForecaster.finish(evaluation, configuration: trusting, pooled: pooled).model == .naive)
        var own = trusting
        own.poolingStrength = 0
        #expect(SeriesForecaster.finish(evaluation, configuration: own, pooled: nil).model == .naive)
        // Within twice naive's MASE the backtest does not refute it, and its better score wins.
        evaluation.scores[1] = Self.score(.ses, score: 0.30, mase: 0.75)
        #expect(SeriesForecaster.finish(evaluation, configuration: own, pooled: nil).model == .ses)
    }

    @Test("pooled evidence is read against each series' own baseline: busy series' large errors cannot outvote a sparse series' three-to-one verdict")
    func relativePooling() throws {
        // Busy series of the class: every score is large, and SES is 10% better than naive on each.
        var busy = Self.sparseEvaluation()
        busy.scores = [Self.score(.naive, score: 2.0, mase: 2.0), Self.score(.ses, score: 1.8, mase: 1.8)]
        // The sparse series' own backtest: SES three times as bad as naive (its mean within twice naive's MASE).
        var sparse = Self.sparseEvaluation()
        sparse.scores = [Self.score(.naive, score: 0.5, mase: 0.5), Self.score(.ses, score: 1.5, mase: 0.9)]
        let pooled = SeriesForecaster.pooledScores(Array(repeating: busy, count: 20) + [sparse])
        var configuration = ForecastConfiguration(horizon: 14)
        let weight = SeriesForecaster.pooledWeight(backtestDemands: sparse.backtestDemands,
                                                   strength: configuration.poolingStrength)
        #expect(weight > 0.9)
        // Mixing raw score levels (naive's 0.5 toward 2.0, SES's 1.5 toward 1.8) would have chosen SES.
        #expect((1 - weight) * 1.5 + weight * 1.8 < (1 - weight) * 0.5 + weight * 2.0)
        #expect(SeriesForecaster.finish(sparse, configuration: configuration, pooled: pooled).model == .naive)
        // With no evidence of its own the series follows its class's relative verdict.
        configuration.poolingStrength = 1e9
        #expect(SeriesForecaster.finish(sparse, configuration: configuration, pooled: pooled).model == .ses)
    }

    @Test("site mode with pooling: an implant superseded by a new model selects what its backtest supports, not the class's driver regression")
    func supersededImplant() throws {
        let days = 400
        let site = DriverRegressionTests.plantedSite(days: days)
        var rng = SplitMix64(seed: 99)
        let ortho = site.drivers.history[1]
        // Eight more items the OR schedule drives, so the class's evidence favours the regression …
        var items = site.items + (0..<8).map { i in
            TimeSeries(id: "driven\(i)", values: (0..<days).map { t in
                Double(rng.nextPoisson(mean: 0.3 * Double(i + 1) * ortho[t]))
            })
        }
        // … and an implant used on ortho cases until its successor replaced it 100 days ago; since then one
        // turns up now and then.
        let superseded = (0..<days).map { t in
            t < days - 100 ? Double(rng.nextPoisson(mean: 0.15 * ortho[t])) : (rng.nextUniform() < 0.08 ? 1 : 0)
        }
        items.append(TimeSeries(id: "superseded", values: superseded))
        let result = try ForecastEngine.forecastSite(items: items, drivers: site.drivers)
        let forecast = try #require(result.items.last)
        let baseline = try #require(forecast.backtest.filter { $0.model.isBaseline }.map(\.metrics.mase).min())
        let regression = try #require(forecast.backtest.first { $0.model == .driverRegression })
        #expect(regression.metrics.mase > 2 * baseline, "the regression's mean misses: \(regression.metrics.mase) vs \(baseline)")
        #expect(forecast.model != .driverRegression)
        let chosen = try #require(forecast.chosenScore)
        #expect(chosen.metrics.mase <= 2 * baseline, "\(forecast.model.rawValue): \(chosen.metrics.mase) vs \(baseline)")
        // The driven items keep the regression.
        #expect(result.items.prefix(10).filter { $0.model == .driverRegression }.count >= 8, "\(result.items.map { "\($0.seriesID) \($0.model.rawValue) \($0.backtest.map { "\($0.model.rawValue) \($0.metrics.mase) \($0.score)" })" })")
    }
}
