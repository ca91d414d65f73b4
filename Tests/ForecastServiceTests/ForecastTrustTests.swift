import DemoNetwork
import Forecasting
import Planning
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// What a planner can check on any forecast run without trusting the forecaster: demand is never negative, so
/// no quantile may contradict its mean (Markov: mean ≥ (1 − p) · q_p), and no item runs on a model whose own
/// backtest says a baseline's mean is far better.
@Suite struct ForecastTrustTests {
    /// One hospital with enough implants for selection to matter, on a short history.
    static let parameters = DemoParameters(seed: 23, sites: 1, consumables: 30, implants: 16, pharmacyItems: 4,
                                           procedures: 6, historyDays: 180, forwardScheduleDays: 14)

    static var configuration: ForecastConfiguration {
        var configuration = ForecastConfiguration()
        configuration.simulationPaths = 300
        return configuration
    }

    struct NoSite: Error {}

    /// The demo store, one stored forecast run and the same forecast for planning, made once for the suite.
    struct Fixture: Sendable {
        var db: TemporaryStore
        var dataset: DemoDataset
        var site: String
        var runId: Int64
        var forecast: SiteDemandForecast
    }

    static let fixture = Result { () throws -> Fixture in
        let (db, dataset) = try TemporaryStore.demo(parameters)
        guard let site = dataset.sites.first?.id else { throw NoSite() }
        let forecaster = SiteForecaster(store: db.store, configuration: configuration)
        let asOf = dataset.parameters.endDate
        let runId = try forecaster.run(site: site, asOf: asOf, actor: "test")
        return Fixture(db: db, dataset: dataset, site: site, runId: runId,
                       forecast: try forecaster.forecast(site: site, asOf: asOf))
    }

    @Test("every stored row of a real site forecast keeps its quantiles within Markov's bound of its mean")
    func markovOnEveryRow() throws {
        let fixture = try Self.fixture.get()
        let levels = Self.configuration.quantiles.sorted()
        let series = try fixture.db.store.forecastSeries(runId: fixture.runId, withDays: true)
        #expect(series.count > 40)
        var rows = 0
        for entry in series {
            for day in entry.days {
                rows += 1
                for (level, quantile) in zip(levels, day.quantiles) {
                    #expect(day.mean >= (1 - level) * quantile - 1e-9,
                            "\(entry.item) (\(entry.model)) \(day.day): mean \(day.mean), q\(level) = \(quantile)")
                }
            }
        }
        #expect(rows == series.count * Self.configuration.horizon)
    }

    @Test("lead-time demand at every service level stays within Markov's bound of the summed daily means")
    func markovOnLeadTimes() throws {
        let forecast = try Self.fixture.get().forecast
        for item in forecast.items.keys.sorted() {
            for days in [1, 3, 14] {
                let total = forecast.dailyMean(item: item).prefix(days).reduce(0, +)
                for level in [0.8, 0.95, 0.99] {
                    let demand = forecast.leadTimeDemand(item: item, days: days, level: level)
                    #expect(total >= (1 - level) * demand - 1e-9, "\(item) over \(days) days: mean \(total), q\(level) = \(demand)")
                }
            }
        }
    }

    @Test("no implant runs on a model whose backtest MASE is more than twice the best baseline's, and none has a negative driver effect")
    func implantsEarnTheirModel() throws {
        let fixture = try Self.fixture.get()
        let implants = Set(fixture.dataset.items.filter(\.isImplant).map(\.id))
        let series = try fixture.db.store.forecastSeries(runId: fixture.runId).filter { implants.contains($0.item) }
        #expect(series.count >= 8)
        for entry in series {
            let baseline = try #require(entry.detail.backtest.filter { $0.model == "Naive" || $0.model == "SeasonalNaive" }
                .map(\.mase).min(), "\(entry.item) has no baseline backtest")
            let chosen = try #require(entry.detail.backtest.first { $0.chosen }, "\(entry.item) has no chosen model")
            #expect(chosen.mase <= 2 * baseline, "\(entry.item): \(chosen.model) MASE \(chosen.mase), best baseline \(baseline)")
            for effect in entry.detail.drivers where effect.driver == "census" || effect.driver.hasPrefix("procedures.") {
                #expect(effect.coefficient >= 0, "\(entry.item): \(effect.driver) \(effect.coefficient)")
            }
        }
    }
}
