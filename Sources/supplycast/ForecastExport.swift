import ArgumentParser
import Foundation
import Store
import SupplyDomain

extension SupplyCast.Forecast {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The daily numbers of the latest forecast runs (or one run): one row per site, item and day.",
            discussion: "Example:\n  supplycast forecast export --site NORTH --format csv > forecasts.csv")
        struct Row: Encodable {
            var run: Int64
            var site: String
            var item: String
            var model: String
            var day: String
            var mean: Double
            var quantiles: [String: Double]
        }
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code (all sites when omitted).") var site: String?
        @Option(help: "Item code.") var item: String?
        @Option(name: .customLong("run"), help: "Run id (default: each site's latest).") var runId: Int64?

        func run() throws {
            let store = try global.openStore()
            let runs: [ForecastRunInfo]
            if let runId {
                runs = try store.forecastRuns(limit: Int.max).filter { $0.id == runId }
            } else {
                runs = try store.latestForecastRuns(site: site)
            }
            var rows: [Row] = []
            var levels: [Double] = []
            for info in runs {
                levels = info.quantileLevels
                for series in try store.forecastSeries(runId: info.id, item: item, withDays: true) {
                    for day in series.days {
                        var quantiles: [String: Double] = [:]
                        for (level, value) in zip(info.quantileLevels, day.quantiles) { quantiles[Self.label(level)] = value }
                        rows.append(Row(run: info.id, site: series.site, item: series.item, model: series.model,
                                        day: day.day.description, mean: day.mean, quantiles: quantiles))
                    }
                }
            }
            var columns: [(title: String, value: (Row) -> String)] = [
                ("run", { "\($0.run)" }), ("site", \.site), ("item", \.item), ("model", \.model), ("day", \.day),
                ("mean", { number($0.mean, 3) }),
            ]
            for level in levels {
                let label = Self.label(level)
                columns.append((label, { number($0.quantiles[label], 3) }))
            }
            try Listing<Row>(columns: columns).print(rows, format: listing.format, empty: "no forecasts; run: supplycast forecast run")
        }

        static func label(_ level: Double) -> String {
            "q" + String(format: "%g", level * 100)
        }
    }
}
