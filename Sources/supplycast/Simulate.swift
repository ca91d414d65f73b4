import ArgumentParser
import DemoNetwork
import Foundation
import Simulation
import SupplyDomain

extension SupplyCast {
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the demo network forward in a closed loop: SupplyCast against par levels and AMC.",
            discussion: """
                Generates the demo network and its history (as `supplycast demo` does) into a temporary database, \
                then simulates --days days. Each day the network's true admissions, case changes and uses happen; \
                every use takes stock first-expiry-first-out from each policy's own shelves, and what a shelf lacks \
                comes on an emergency loan that counts as a shortfall (a case lacking anything it used is a short \
                case). SupplyCast is sent the day's events and plans each night through its own planning run; \
                requisitions above --approval-threshold wait for a planner the next morning. The same demand is \
                served by par levels (reorder at two weeks of the trailing-90-day average use, order up to four) \
                and by AMC (reorder below one month of average monthly consumption, order up to three). Every \
                order arrives after a lead time drawn for its site, supplier and day, the same for every policy.

                Figures per policy: case service level (all cases, and cases with an implant), fill rate, stockout \
                days (site × item × day), average inventory value, orders per week, urgent share of order lines, \
                alerts opened or updated per site per night, and for SupplyCast alert precision (critical alerts \
                a shortfall would have followed had no one acted) and recall (shortfalls an alert announced a lead \
                time ahead, or before the case day). Progress goes to stderr, one line per simulated day.

                Examples:
                  supplycast simulate --days 90
                  supplycast simulate --days 14 --sites EAST --history-days 180 --format json
                  supplycast simulate --days 30 --seed 7 --keep-db sim.sqlite
                """)

        @OptionGroup var listing: ListingOptions
        @OptionGroup var forecastConfig: ForecastConfigOptions

        @Option(help: "Days to simulate after the history.")
        var days = 90

        @Option(help: "Random seed of the demo network; the same seed gives the same simulation.")
        var seed: UInt64 = 42

        @Option(parsing: .upToNextOption, help: ArgumentHelp("Sites to simulate (default: all).", valueName: "site"))
        var sites: [String] = []

        @Option(help: "Days of history before the simulation starts.")
        var historyDays = 730

        @Option(help: "Requisitions worth more than this wait for a planner's approval the next morning.")
        var approvalThreshold = 5000.0

        @Option(help: ArgumentHelp("Keep SupplyCast's simulated database in this file (it must not exist yet).",
                                   valueName: "path"))
        var keepDb: String?

        func validate() throws {
            guard days >= 1 else { throw ValidationError("--days must be at least 1") }
            guard historyDays >= 30 else {
                throw ValidationError("--history-days must be at least 30, so that forecasts and par levels have use to look back on")
            }
            guard approvalThreshold >= 0 else { throw ValidationError("--approval-threshold must be zero or more") }
            if let keepDb, FileManager.default.fileExists(atPath: keepDb) {
                throw ValidationError("--keep-db \(keepDb) exists already; name a new file")
            }
        }

        func run() throws {
            let chosen = sites.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            let options = SimulationOptions(
                network: DemoParameters(seed: seed, historyDays: historyDays), days: days,
                sites: chosen.isEmpty ? nil : chosen, approvalThreshold: approvalThreshold,
                forecast: try forecastConfig.load(), databasePath: keepDb)
            let ingest = ProgressReporter(label: "ingest history")
            let outcome: SimulationOutcome
            do {
                outcome = try ClosedLoopSimulation(options: options).run { progress in
                    switch progress {
                    case .ingesting(let done, let total): ingest.update(done: done, total: total)
                    default: printNote(progress.description)
                    }
                }
            } catch let error as SimulationError {
                printError("\(error)")
                throw ExitCode.failure
            }
            switch listing.format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(SimulationDocument(outcome: outcome)), as: UTF8.self))
            case .csv:
                try Listing<PolicyReport>(columns: SimulationText.columns).print(outcome.report.policies, format: .csv)
            case .table:
                print(SimulationText.render(outcome))
            }
        }
    }
}

/// The JSON document: the report's keys (`policies` first among them) plus where the time went.
struct SimulationDocument: Encodable {
    var outcome: SimulationOutcome

    enum Keys: String, CodingKey { case timings }

    func encode(to encoder: any Encoder) throws {
        try outcome.report.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(outcome.timings, forKey: .timings)
    }
}

/// A simulation as a planner reads it.
enum SimulationText {
    static var columns: [(title: String, value: (PolicyReport) -> String)] { [
        ("policy", \.policy),
        ("cases", { percent($0.caseServiceLevel) }),
        ("implant cases", { percent($0.implantCaseServiceLevel) }),
        ("fill", { percent($0.fillRate) }),
        ("stockout days", { "\($0.stockoutDays)" }),
        ("avg stock €", { String(format: "%.0f", $0.averageInventoryValue) }),
        ("orders/wk", { String(format: "%.1f", $0.ordersPerWeek) }),
        ("urgent", { percent($0.urgentShare) }),
        ("alerts/site/night", { String(format: "%.1f", $0.alertsPerSiteNight) }),
        ("precision", { $0.alertPrecision.map(percent) ?? "–" }),
        ("recall", { $0.alertRecall.map(percent) ?? "–" }),
    ] }

    static func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }

    /// One line per category, largest SupplyCast value first, with each policy's average stock value in it.
    static func categoryLines(_ policies: [PolicyReport]) -> [String] {
        guard let first = policies.first else { return [] }
        let categories = Set(policies.flatMap(\.averageInventoryValueByCategory.keys)).sorted {
            (first.averageInventoryValueByCategory[$0] ?? 0, $1) > (first.averageInventoryValueByCategory[$1] ?? 0, $0)
        }
        let width = max(8, categories.map(\.count).max() ?? 0)
        let header = "category".padding(toLength: width, withPad: " ", startingAt: 0) + policies.map {
            "  " + String(repeating: " ", count: max(0, 12 - $0.policy.count)) + $0.policy
        }.joined()
        return ["  " + header] + categories.map { category in
            "  " + category.padding(toLength: width, withPad: " ", startingAt: 0) + policies.map {
                "  " + String(format: "%12.0f", $0.averageInventoryValueByCategory[category] ?? 0)
            }.joined()
        }
    }

    static func render(_ outcome: SimulationOutcome) -> String {
        let report = outcome.report
        var lines = ["simulated \(report.firstDay) … \(report.lastDay) (\(report.days) days) at "
                     + "\(report.sites.joined(separator: ", ")), seed \(report.seed), after \(report.historyDays) days of history",
                     "cases: share supplied in full on their day (all, with an implant); fill: share of units from the "
                     + "shelf; precision and recall of SupplyCast's alerts", ""]
        let rows = report.policies.map { policy in columns.map { $0.value(policy) } }
        let widths = columns.indices.map { column in max(columns[column].title.count, rows.map { $0[column].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        lines.append(line(columns.map { $0.title.uppercased() }))
        lines += rows.map(line)
        lines += ["", "average stock € by category:"] + categoryLines(report.policies)
        if !report.trouble.isEmpty {
            lines += ["", "trouble in the simulated days:"] + report.trouble.map { "  " + $0 }
        }
        for policy in report.policies where !policy.worstItems.isEmpty {
            lines += ["", "\(policy.policy): most units short (\(policy.shortCases) short cases, "
                      + "\(policy.shortImplantCases) with implants):"]
            for item in policy.worstItems.prefix(5) {
                lines.append("  \(item.site)/\(item.item) \(item.name): \(item.unitsShort) units short on "
                             + "\(item.stockoutDays) days, \(item.shortCases) cases")
                if let before = item.lastOrderBefore { lines.append("    last order before: \(before)") }
            }
        }
        let timings = outcome.timings
        lines += ["", String(format: "wall time %.0f s: generating %.0f s, ingesting history %.0f s, appending days %.0f s, "
                             + "planning %.0f s (%d runs, %.1f s each), other %.0f s",
                             timings.total, timings.generating, timings.ingesting, timings.appending, timings.planning,
                             timings.planningRuns, timings.planning / Double(max(timings.planningRuns, 1)), timings.other)]
        return lines.joined(separator: "\n")
    }
}
