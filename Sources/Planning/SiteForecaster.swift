import Foundation
import Forecasting
import Store
import SupplyDomain

/// Forecasts every item of a site from the store: usage history against its drivers — the midnight census and
/// the cases per procedure, known ahead from the OR schedule — with per-series model selection.
public struct SiteForecaster: Sendable {
    public let store: SupplyStore
    public var configuration: ForecastConfiguration
    /// Days of history to use at most.
    public var historyDays: Int
    /// Days ahead for which the booked schedule is taken as complete; beyond, each procedure's day counts at least
    /// its recent weekday average, for bookings not made yet. The default, 0, trusts no day as complete:
    /// emergencies and short-notice bookings keep coming until the day itself, so the booked count alone
    /// under-forecasts every day ahead, and a planning run then meets cases it never ordered for.
    public var scheduleVisibilityDays: Int

    public init(store: SupplyStore, configuration: ForecastConfiguration = ForecastConfiguration(),
                historyDays: Int = 730, scheduleVisibilityDays: Int = 0) {
        self.store = store
        self.configuration = configuration
        self.historyDays = historyDays
        self.scheduleVisibilityDays = scheduleVisibilityDays
    }

    /// Why a site cannot be forecast.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The forecast of every item used at `site` in the history window ending on `asOf`.
    public func forecast(site: String, asOf: LocalDate) throws -> SiteDemandForecast {
        let (_, forecasts, driverNames) = try compute(site: site, asOf: asOf)
        var overrides: [String: ForecastOverride] = [:]
        for override in try store.forecastOverrides(site: site, activeOn: asOf.advanced(by: 1)) where overrides[override.item] == nil {
            overrides[override.item] = override
        }
        return SiteDemandForecast(site: site, asOf: asOf, items: forecasts, overrides: overrides, driverNames: driverNames)
    }

    /// Forecasts a site and stores the result as a new versioned forecast run; returns the run's id.
    public func run(site: String, asOf: LocalDate, actor: String) throws -> Int64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let runId = try store.startForecastRun(site: site, asOf: asOf, actor: actor,
                                               configuration: (try? encoder.encode(configuration)) ?? Data(),
                                               quantileLevels: configuration.quantiles)
        do {
            let (history, forecasts, _) = try compute(site: site, asOf: asOf)
            let series = history.usage.compactMap { entry -> StoredSeriesForecast? in
                forecasts[entry.item].map { Self.stored($0, site: site, asOf: asOf, history: entry.values) }
            }
            try store.finishForecastRun(id: runId, series: series)
        } catch {
            try store.failForecastRun(id: runId, error: "\(error)")
            throw error
        }
        return runId
    }

    // MARK: - Computing

    private func compute(site: String, asOf: LocalDate) throws
        -> (DemandHistory, [String: SeriesForecast], [String])
    {
        let future = max(configuration.horizon, configuration.leadTimeHorizon)
        var history = try store.demandHistory(site: site, asOf: asOf, days: historyDays, futureDays: future)
        // Start where the site's data starts, so a young site is not padded with years of zeros.
        let firstActive = history.usage.compactMap { $0.values.firstIndex { $0 != 0 } }.min() ?? 0
        let trimmed = min(firstActive, max(0, history.historyDays - 2 * configuration.horizon))
        if trimmed > 0 {
            history.firstDay = history.firstDay.advanced(by: trimmed)
            history.usage = history.usage.map { ($0.item, Array($0.values.dropFirst(trimmed))) }
            history.census = Array(history.census.dropFirst(trimmed))
            history.procedures = history.procedures.map { ($0.procedure, Array($0.history.dropFirst(trimmed)), $0.future) }
        }
        guard !history.usage.isEmpty else {
            throw Failure(description: "site '\(site)' has no usage up to \(asOf); ingest usage.recorded events first")
        }
        let start = DateStamp(daysSinceEpoch: history.firstDay.dayNumber)
        let items = history.usage.map { TimeSeries(id: $0.item, values: $0.values, frequency: .daily, start: start) }
        let drivers = try self.drivers(history, future: future)
        do {
            if configuration.candidates.contains(.driverRegression) {
                // Series run in parallel on every core; OpenBLAS threads of its own would only spin beside them.
                BLASThreading.keepToOneThread()
                let result = try ForecastEngine.forecastSite(items: items, drivers: drivers, configuration: configuration)
                return (history, Dictionary(uniqueKeysWithValues: result.items.map { ($0.seriesID, $0) }), drivers.names)
            }
            let result = try ForecastEngine.forecast(series: items, configuration: configuration)
            return (history, Dictionary(uniqueKeysWithValues: result.map { ($0.seriesID, $0) }), [])
        } catch {
            throw Failure(description: "forecasting site '\(site)' failed: \(error)")
        }
    }

    /// Census (forecast ahead with its own model) and cases per procedure (booked ahead, topped up past the
    /// visibility window by the recent weekday average).
    private func drivers(_ history: DemandHistory, future: Int) throws -> SiteDrivers {
        var censusConfiguration = configuration
        censusConfiguration.candidates = [.seasonalNaive, .holtDamped, .holtWinters, .ses]
        censusConfiguration.horizon = future
        censusConfiguration.leadTimeHorizon = future
        let censusSeries = TimeSeries(id: "census", values: history.census, frequency: .daily)
        let censusForecast = try ForecastEngine.forecast(series: [censusSeries], configuration: censusConfiguration)
        var names = ["census"]
        var past = [history.census]
        var ahead = [censusForecast.first?.mean ?? Array(repeating: history.census.last ?? 0, count: future)]
        for procedure in history.procedures {
            names.append("procedures.\(procedure.procedure)")
            past.append(procedure.history)
            var booked = procedure.future
            for offset in scheduleVisibilityDays..<future {
                let weekday = offset % 7
                let sameWeekdays = Array(stride(from: procedure.history.count - 7 + weekday, through: 0, by: -7).prefix(8))
                let total = sameWeekdays.reduce(0.0) { $0 + procedure.history[$1] }
                let average = sameWeekdays.isEmpty ? 0 : total / Double(sameWeekdays.count)
                booked[offset] = max(booked[offset], average)
            }
            ahead.append(booked)
        }
        return SiteDrivers(names: names, history: past, future: ahead, firstWeekday: history.firstDay.isoWeekday)
    }

    // MARK: - Storing

    static func stored(_ forecast: SeriesForecast, site: String, asOf: LocalDate, history: [Double]) -> StoredSeriesForecast {
        let recent = history.suffix(90)
        let volume = recent.isEmpty ? 0 : recent.reduce(0, +) / Double(recent.count)
        let chosen = forecast.chosenScore
        let baseline = forecast.backtest.filter { $0.model.isBaseline }.map(\.metrics.mase).min()
        let detail = StoredSeriesForecast.Detail(
            parameters: Dictionary(forecast.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
            drivers: forecast.model == .driverRegression
                ? forecast.coefficients.map { .init(driver: $0.driver, coefficient: $0.coefficient, contribution: $0.meanContribution) }
                : [],
            backtest: forecast.backtest.map {
                .init(model: $0.model.rawValue, mase: $0.metrics.mase, rmsse: $0.metrics.rmsse,
                      pinball: $0.metrics.scaledPinball, coverage95: $0.metrics.coverage95, chosen: $0.model == forecast.model)
            },
            warnings: forecast.warnings.map(\.message))
        let days = forecast.mean.indices.map { index in
            StoredSeriesForecast.Day(day: asOf.advanced(by: index + 1), mean: forecast.mean[index],
                                     quantiles: index < forecast.quantiles.count ? forecast.quantiles[index] : [])
        }
        return StoredSeriesForecast(site: site, item: forecast.seriesID, model: forecast.model.rawValue, detail: detail,
                                    volume: volume, mase: chosen?.metrics.mase, baselineMase: baseline, bias: nil, days: days)
    }
}
