import DemoNetwork
import Forecasting
import Planning
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

@Suite struct SiteForecasterTests {
    static let parameters = DemoParameters(seed: 11, sites: 1, consumables: 30, implants: 6, pharmacyItems: 4,
                                           procedures: 6, historyDays: 150, forwardScheduleDays: 14)

    /// The default configuration with fewer simulated paths, to keep the debug build quick.
    static var configuration: ForecastConfiguration {
        var configuration = ForecastConfiguration()
        configuration.simulationPaths = 200
        return configuration
    }

    @Test("a forecast run stores every used item of the site with its model, backtest and daily quantiles")
    func runIsStored() throws {
        let (db, dataset) = try TemporaryStore.demo(Self.parameters)
        let site = try #require(dataset.sites.first?.id)
        let asOf = dataset.parameters.endDate
        let configuration = Self.configuration
        let runId = try SiteForecaster(store: db.store, configuration: configuration).run(site: site, asOf: asOf, actor: "test")
        let run = try #require(try db.store.latestForecastRuns(site: site).first)
        #expect(run.id == runId)
        #expect(run.status == "succeeded")
        let used = Set(try db.store.usage(site: site, item: nil).map(\.item))
        let series = try db.store.forecastSeries(runId: runId, withDays: true)
        #expect(Set(series.map(\.item)) == used)
        for entry in series {
            #expect(entry.days.count == configuration.horizon)
            #expect(entry.days.first?.day == asOf.advanced(by: 1))
            #expect(entry.detail.backtest.contains { $0.chosen && $0.model == entry.model })
            for day in entry.days {
                #expect(day.quantiles.count == configuration.quantiles.count)
                #expect(zip(day.quantiles, day.quantiles.dropFirst()).allSatisfy { $0 <= $1 })
                #expect(day.quantiles.allSatisfy { $0 >= 0 })
            }
        }
        // Implants are used only in surgery: where the regression is chosen, a procedure drives them.
        let implants = Set(dataset.items.filter(\.isImplant).map(\.id))
        let drivenImplants = series.filter { implants.contains($0.item) && $0.model == "DriverRegression" }
        for implant in drivenImplants {
            #expect(implant.detail.drivers.first?.driver.hasPrefix("procedures.") == true)
        }
    }

    @Test("an override replaces the forecast for the days it covers, and the same input gives the same forecast")
    func overrideAndDeterminism() throws {
        let (db, dataset) = try TemporaryStore.demo(Self.parameters)
        let site = try #require(dataset.sites.first?.id)
        let asOf = dataset.parameters.endDate
        let configuration = Self.configuration
        let forecaster = SiteForecaster(store: db.store, configuration: configuration)
        let first = try forecaster.forecast(site: site, asOf: asOf)
        let second = try forecaster.forecast(site: site, asOf: asOf)
        let item = try #require(first.items.keys.sorted().first)
        #expect(first.items[item] == second.items[item])

        let before = first.leadTimeDemand(item: item, days: 10, level: 0.95)
        _ = try db.store.overrideForecast(site: site, item: item, quantity: 50, factor: nil, until: asOf.advanced(by: 30),
                                          reason: "test", actor: "planner")
        let overridden = try forecaster.forecast(site: site, asOf: asOf)
        #expect(overridden.leadTimeDemand(item: item, days: 10, level: 0.95) == 500)
        #expect(overridden.dailyMean(item: item).prefix(10).allSatisfy { $0 == 50 })
        try db.store.clearForecastOverride(site: site, item: item, actor: "planner")
        #expect(try forecaster.forecast(site: site, asOf: asOf).leadTimeDemand(item: item, days: 10, level: 0.95) == before)
    }
}
