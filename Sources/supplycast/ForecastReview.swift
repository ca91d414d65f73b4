import ArgumentParser
import Foundation
import Store
import SupplyDomain

/// A forecast series as listings show it.
struct ForecastRow: Encodable {
    var site: String
    var item: String
    var category: String
    var model: String
    var volume: Double
    var mase: Double?
    var baselineMase: Double?
    var bias: Double?
    var runId: Int64
}

/// The series of each site's latest succeeded run, with item categories.
func latestForecastRows(_ store: SupplyStore, site: String?) throws -> [ForecastRow] {
    let categories = try store.itemCategories()
    var rows: [ForecastRow] = []
    for run in try store.latestForecastRuns(site: site) {
        for series in try store.forecastSeries(runId: run.id) {
            rows.append(ForecastRow(site: series.site, item: series.item, category: categories[series.item] ?? "",
                                    model: series.model, volume: series.volume, mase: series.mase,
                                    baselineMase: series.baselineMase, bias: series.bias, runId: run.id))
        }
    }
    return rows
}

func number(_ value: Double?, _ digits: Int = 2) -> String {
    guard let value, value.isFinite else { return "" }
    return String(format: "%.\(digits)f", value)
}

extension SupplyCast.Forecast {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the latest forecast of each series, filtered and sorted.",
            discussion: "Example:\n  supplycast forecast list --site NORTH --category implant --sort error --limit 20")
        enum SortKey: String, ExpressibleByArgument, CaseIterable { case volume, error, bias, item }
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code.") var site: String?
        @Option(help: "Item code.") var item: String?
        @Option(help: "Item category (consumable, implant, pharmacy…).") var category: String?
        @Option(help: "Chosen model (DriverRegression, HoltWinters, TSB…).") var model: String?
        @Option(help: "Sort by volume, error (MASE), bias or item.") var sort: SortKey = .volume
        @Option(help: "At most this many.") var limit = 100

        func run() throws {
            var rows = try latestForecastRows(global.openStore(), site: site).filter { row in
                (item == nil || row.item == item) && (category == nil || row.category == category)
                    && (model == nil || row.model.lowercased() == model?.lowercased())
            }
            switch sort {
            case .volume: rows.sort { $0.volume > $1.volume }
            case .error: rows.sort { ($0.mase ?? -1) > ($1.mase ?? -1) }
            case .bias: rows.sort { abs($0.bias ?? 0) > abs($1.bias ?? 0) }
            case .item: rows.sort { ($0.site, $0.item) < ($1.site, $1.item) }
            }
            try Listing<ForecastRow>(columns: [
                ("site", \.site), ("item", \.item), ("category", \.category), ("model", \.model),
                ("volume/day", { number($0.volume) }), ("mase", { number($0.mase) }),
                ("baseline mase", { number($0.baselineMase) }), ("run", { "\($0.runId)" }),
            ]).print(Array(rows.prefix(limit)), format: listing.format, empty: "no forecasts; run: supplycast forecast run")
        }
    }

    struct Accuracy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Backtest error of the latest forecasts by model, site and item class, against seasonal naive.",
            discussion: "Example:\n  supplycast forecast accuracy --format csv")
        struct Group: Encodable {
            var by: String
            var value: String
            var series: Int
            var meanMase: Double
            var baselineMase: Double
            var beatsBaseline: Double
        }
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code.") var site: String?

        func run() throws {
            let rows = try latestForecastRows(global.openStore(), site: site).filter { $0.mase?.isFinite == true }
            var groups: [Group] = []
            for (name, key) in [("model", \ForecastRow.model), ("site", \ForecastRow.site), ("class", \ForecastRow.category)] {
                for (value, members) in Dictionary(grouping: rows, by: { $0[keyPath: key] }).sorted(by: { $0.key < $1.key }) {
                    let mase = members.compactMap(\.mase)
                    let baseline = members.compactMap(\.baselineMase).filter(\.isFinite)
                    let beating = members.filter { ($0.mase ?? .infinity) < ($0.baselineMase ?? .infinity) }.count
                    groups.append(Group(by: name, value: value, series: members.count,
                                        meanMase: mase.reduce(0, +) / Double(max(mase.count, 1)),
                                        baselineMase: baseline.reduce(0, +) / Double(max(baseline.count, 1)),
                                        beatsBaseline: Double(beating) / Double(max(members.count, 1))))
                }
            }
            try Listing<Group>(columns: [
                ("by", \.by), ("value", \.value), ("series", { "\($0.series)" }), ("mean mase", { number($0.meanMase, 3) }),
                ("baseline mase", { number($0.baselineMase, 3) }), ("beats baseline", { "\(Int(($0.beatsBaseline * 100).rounded()))%" }),
            ]).print(groups, format: listing.format, empty: "no forecasts; run: supplycast forecast run")
        }
    }

    struct Override: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Override a forecast until a date (a daily quantity or a factor), or clear the override.",
            discussion: """
                Planning uses the override in place of the forecast for the days it covers; forecast show displays it.
                Examples:
                  supplycast forecast override --site NORTH --item CON-0001 --factor 1.3 --until 2026-12-24 --reason "flu season"
                  supplycast forecast override --site NORTH --item IMP-0011 --quantity 2 --until 2026-12-01 --reason "trial"
                  supplycast forecast override --site NORTH --item CON-0001 --clear
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Site code.") var site: String
        @Option(help: "Item code.") var item: String
        @Option(help: "Daily quantity to plan with instead of the forecast.") var quantity: Double?
        @Option(help: "Factor to multiply the forecast by (1.2 = 20% more).") var factor: Double?
        @Option(help: "Last day the override applies (YYYY-MM-DD).") var until: LocalDate?
        @Option(help: "Why: shown to every planner who looks.") var reason: String?
        @Option(help: "Who overrides (default: $USER).") var actor: String?
        @Flag(help: "Clear the live override instead.") var clear = false

        func validate() throws {
            if clear { return }
            guard (quantity == nil) != (factor == nil) else { throw ValidationError("give exactly one of --quantity or --factor (or --clear)") }
            if let quantity, !(quantity >= 0) { throw ValidationError("--quantity must be zero or more") }
            if let factor, !(factor > 0) { throw ValidationError("--factor must be greater than 0") }
            guard until != nil else { throw ValidationError("--until DATE is required: overrides always end") }
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason is required: say why, for the next planner")
            }
        }

        func run() throws {
            let store = try global.openStore()
            if clear {
                let cleared = try store.clearForecastOverride(site: site, item: item, actor: currentActor(actor))
                print(cleared ? "override of \(item) at \(site) cleared" : "no live override of \(item) at \(site)")
                return
            }
            do {
                let saved = try store.overrideForecast(site: site, item: item, quantity: quantity, factor: factor,
                                                       until: until!, reason: reason!, actor: currentActor(actor))
                let what = saved.quantity.map { "\($0.quantityText)/day" } ?? "× \(saved.factor ?? 1)"
                print("override \(saved.id): \(item) at \(site) \(what) until \(saved.until) by \(saved.actor) — \(saved.reason)")
            } catch let error as StoreError {
                printError("\(error)")
                throw ExitCode(ExitStatus.inputRejected)
            }
        }
    }
}
