import ArgumentParser
import Foundation
import Store
import SupplyDomain

extension SupplyCast.Forecast {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One item's forecast: chart of history and forecast with 80/95% bounds, model, drivers, backtest.",
            discussion: "Example:\n  supplycast forecast show --site NORTH --item IMP-0011 --history 42")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Site code.") var site: String
        @Option(help: "Item code.") var item: String
        @Option(help: "Days of history to chart.") var history = 42
        @Option(help: "Output as table (chart) or json.") var format: OutputFormat = .table

        struct Report: Encodable {
            var run: ForecastRunInfo
            var forecast: StoredSeriesForecast
            var history: [UsageDay]
            var override: ForecastOverride?
        }

        func run() throws {
            let store = try global.openStore()
            guard let run = try store.latestForecastRuns(site: site).first else {
                printError("no forecast run for site \(site); run: supplycast forecast run --site \(site)")
                throw ExitCode(ExitStatus.inputRejected)
            }
            guard let forecast = try store.forecastSeries(runId: run.id, item: item, withDays: true).first else {
                printError("item \(item) has no forecast in run \(run.id) of \(site) (no usage in its history window?)")
                throw ExitCode(ExitStatus.inputRejected)
            }
            let usage = try store.usage(site: site, item: item, from: run.asOf.advanced(by: -(history - 1)), to: run.asOf)
            let override = try store.forecastOverrides(site: site, item: item).first
            if format == .json {
                try Listing<Report>(columns: []).print([Report(run: run, forecast: forecast, history: usage, override: override)], format: .json)
                return
            }
            print("\(item) at \(site) — run \(run.id), history to \(run.asOf), model \(forecast.model)")
            print(ForecastChart.render(history: usage, from: run.asOf.advanced(by: -(history - 1)), to: run.asOf,
                                       forecast: forecast, levels: run.quantileLevels, override: override))
            if let override, override.clearedAt == nil {
                let what = override.quantity.map { "\($0.quantityText)/day" } ?? "× \(override.factor ?? 1)"
                print("OVERRIDE \(what) until \(override.until) by \(override.actor): \(override.reason)")
                let covered = forecast.days.filter { $0.day <= override.until }
                if !covered.isEmpty {
                    let model = covered.reduce(0) { $0 + $1.mean }
                    let planned = covered.reduce(0) { $0 + override.apply(to: $1.mean, on: $1.day) }
                    print("  planning uses \(number(planned)) over \(covered.first!.day) → \(covered.last!.day) instead of the model's \(number(model))")
                }
            }
            if !forecast.detail.parameters.isEmpty {
                print("parameters: " + forecast.detail.parameters.sorted { $0.key < $1.key }
                    .map { "\($0.key)=\(number($0.value, 3))" }.joined(separator: " "))
            }
            if !forecast.detail.drivers.isEmpty {
                print("\nwhat moves the number (per day, at the drivers' average):")
                for driver in forecast.detail.drivers.prefix(6) {
                    print("  \(driver.driver.padding(toLength: 28, withPad: " ", startingAt: 0)) \(number(driver.contribution).leftPadded(8))"
                          + "   (\(number(driver.coefficient, 3)) per unit)")
                }
            }
            print("\nbacktest (rolling origins; lower is better):")
            print("  " + "model".padding(toLength: 18, withPad: " ", startingAt: 0) + "MASE    RMSSE   pinball  cover95")
            for score in forecast.detail.backtest.sorted(by: { $0.mase < $1.mase }) {
                let marker = score.chosen ? "▶ " : "  "
                print(marker + score.model.padding(toLength: 18, withPad: " ", startingAt: 0)
                      + [number(score.mase, 3), number(score.rmsse, 3), number(score.pinball, 3), number(score.coverage95, 2)]
                        .map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined())
            }
            for warning in forecast.detail.warnings { print("note: \(warning)") }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// A terminal chart: history as ●, forecast mean as ○, the 80% and 95% upper bounds as ▒ and ░.
enum ForecastChart {
    static func render(history: [UsageDay], from: LocalDate, to: LocalDate, forecast: StoredSeriesForecast,
                       levels: [Double], override: ForecastOverride?, height: Int = 12) -> String {
        let byDay = Dictionary(history.map { ($0.day, $0.quantity) }, uniquingKeysWith: +)
        let past = (0...from.distance(to: to)).map { byDay[from.advanced(by: $0)] ?? 0 }
        let q80 = levels.firstIndex { abs($0 - 0.8) < 1e-9 }
        let q95 = levels.firstIndex { abs($0 - 0.95) < 1e-9 }
        let ahead = forecast.days.map { day -> (mean: Double, q80: Double?, q95: Double?) in
            let mean = override?.clearedAt == nil ? (override?.apply(to: day.mean, on: day.day) ?? day.mean) : day.mean
            return (mean, q80.flatMap { $0 < day.quantiles.count ? day.quantiles[$0] : nil },
                    q95.flatMap { $0 < day.quantiles.count ? day.quantiles[$0] : nil })
        }
        let top = max(1, (past + ahead.map { max($0.mean, $0.q95 ?? 0, $0.q80 ?? 0) }).max() ?? 1)
        func level(_ value: Double) -> Int { Int((value / top * Double(height - 1)).rounded()) }
        var lines: [String] = []
        for row in stride(from: height - 1, through: 0, by: -1) {
            var line = row == height - 1 ? number(top, 1).leftPadded(7) + " ┤" : (row == 0 ? "      0 ┤" : "        │")
            for value in past { line += level(value) == row ? "●" : (level(value) > row ? "│" : " ") }
            line += "┊"
            for point in ahead {
                if level(point.mean) == row {
                    line += "○"
                } else if let q80 = point.q80, row > level(point.mean), row <= level(q80) {
                    line += "▒"
                } else if let q95 = point.q95, row > level(point.mean), row <= level(q95) {
                    line += "░"
                } else {
                    line += " "
                }
            }
            lines.append(line)
        }
        lines.append("        └" + String(repeating: "─", count: past.count) + "┴" + String(repeating: "─", count: ahead.count))
        lines.append("         \(from)".padding(toLength: 9 + past.count, withPad: " ", startingAt: 0)
                     + " \(forecast.days.first?.day.description ?? "") → \(forecast.days.last?.day.description ?? "")")
        lines.append("         ● used  ○ forecast mean  ▒ up to 80% quantile  ░ up to 95% quantile")
        return lines.joined(separator: "\n")
    }
}
