import ArgumentParser
import Foundation
import Planning
import Store
import SupplyDomain

extension SupplyCast {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Planning runs: reorder points from the forecast, requisitions for what falls short, alerts.",
            discussion: """
                A run forecasts a site, compares each item's inventory position (usable on hand + on order −
                reserved − backorders) with its reorder point, and raises requisitions per supplier, each line
                saying why. Needs already covered by an open requisition raise nothing; one run per site at a time.

                Examples:
                  supplycast plan run --site NORTH --as-of 2026-11-20
                  supplycast plan list
                  supplycast plan status 7
                """,
            subcommands: [Run.self, List.self, Status.self])
    }
}

extension SupplyCast.Plan {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run planning for one site or every site.",
            discussion: "Example:\n  supplycast plan run --site NORTH --as-of 2026-11-20 --approval-threshold 2500")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var forecastConfig: ForecastConfigOptions
        @Option(help: "Site code (all sites when omitted).") var site: String?
        @Option(help: "Plan as of this day (default: the last day with usage).") var asOf: LocalDate?
        @Option(help: "Requisitions worth more than this wait for approval.") var approvalThreshold = 5000.0
        @Option(help: "Tell ops again only when an alert's stockout or case day moves by more than this many days.")
        var alertDayTolerance = 2
        @Option(help: "Who runs it, for the record (default: $USER).") var actor: String?

        func run() throws {
            let store = try global.openStore()
            try store.failInterruptedPlanningRuns(isAlive: processIsAlive)
            let planning = PlanningRun(
                store: store, forecaster: SiteForecaster(store: store, configuration: try forecastConfig.load()),
                settings: PlanningRunSettings(approvalThreshold: approvalThreshold, alertDayTolerance: alertDayTolerance))
            let sites = try site.map { [$0] } ?? store.siteIds()
            let chosenDay = asOf
            var failed = false
            let outcomes = planning.run(sites: sites, asOf: { site in try chosenDay ?? store.lastUsageDay(site: site) },
                                        trigger: "cli", actor: currentActor(actor))
            for (site, outcome) in outcomes {
                switch outcome {
                case .ran(let record):
                    print(PlanText.summary(record))
                    failed = failed || record.status != .succeeded
                case .skipped(let reason):
                    printNote("\(site): \(reason), skipped")
                case .failed(let error):
                    printError("\(site): \(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Planning runs, newest first.", discussion: "Example:\n  supplycast plan list --site NORTH")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code.") var site: String?
        @Option(help: "At most this many.") var limit = 50

        func run() throws {
            let store = try global.openStore()
            try store.failInterruptedPlanningRuns(isAlive: processIsAlive)
            try Listing<PlanningRunRecord>(columns: PlanText.columns)
                .print(try store.planningRuns(site: site, limit: limit), format: listing.format, empty: "no planning runs")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One planning run: trigger, actor, timings, counts, error.",
            discussion: "Example:\n  supplycast plan status 7")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Argument(help: "Run id.") var id: Int64

        func run() throws {
            let store = try global.openStore()
            try store.failInterruptedPlanningRuns(isAlive: processIsAlive)
            let record = try store.planningRun(id: id)
            if listing.format == .table {
                print(PlanText.summary(record))
                if let error = record.error { print("error: \(error)") }
            } else {
                try Listing<PlanningRunRecord>(columns: PlanText.columns).print([record], format: listing.format)
            }
        }
    }
}

/// Whether a process of this machine is still running (planning runs record their process id).
func processIsAlive(_ pid: Int32) -> Bool {
    pid == ProcessInfo.processInfo.processIdentifier || kill(pid, 0) == 0 || errno == EPERM
}

/// Planning runs as people read them.
enum PlanText {
    static var columns: [(title: String, value: (PlanningRunRecord) -> String)] { [
        ("run", { "\($0.id)" }), ("site", \.site), ("as of", { $0.asOf.description }), ("status", \.status.rawValue),
        ("trigger", \.trigger), ("actor", \.actor), ("started", { Timestamp(date: $0.startedAt).description }),
        ("seconds", { $0.seconds.map { String(format: "%.1f", $0) } ?? "" }), ("items", { "\($0.itemsPlanned)" }),
        ("lines", { "\($0.linesRaised)" }), ("requisitions", { "\($0.requisitionsRaised)" }),
        ("alerts raised", { "\($0.alertsRaised)" }), ("alerts resolved", { "\($0.alertsResolved)" }),
    ] }

    static func summary(_ run: PlanningRunRecord) -> String {
        var text = "\(run.site): run \(run.id) \(run.status.rawValue) as of \(run.asOf)"
        if let seconds = run.seconds {
            text += " in \(String(format: "%.1f", seconds)) s"
            if let forecast = run.forecastSeconds { text += " (forecast \(String(format: "%.1f", forecast)) s)" }
        }
        text += " — \(run.itemsPlanned) items, \(run.linesRaised) lines in \(run.requisitionsRaised) requisitions, "
        text += "\(run.alertsRaised) alerts raised, \(run.alertsResolved) resolved"
        if let error = run.error { text += " — \(error)" }
        return text
    }
}
