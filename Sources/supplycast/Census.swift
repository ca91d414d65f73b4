import ArgumentParser
import Foundation
import Store
import SupplyDomain

extension SupplyCast {
    struct Census: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Daily census of a site: admissions, discharges, transfers, patients in house at midnight.",
            discussion: "Example:\n  supplycast census --site NORTH --from 2026-11-01 --to 2026-11-20 --format csv")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code.") var site: String
        @Option(help: "First day (YYYY-MM-DD).") var from: LocalDate?
        @Option(help: "Last day (YYYY-MM-DD).") var to: LocalDate?

        func run() throws {
            try Listing<CensusDay>(columns: [
                ("day", { $0.day.description }), ("admissions", { "\($0.admissions)" }),
                ("discharges", { "\($0.discharges)" }), ("transfers in", { "\($0.transfersIn)" }),
                ("transfers out", { "\($0.transfersOut)" }), ("in house", { "\($0.inHouse)" }),
            ]).print(try global.openStore().census(site: site, from: from, to: to), format: listing.format,
                     empty: "no census movements for site \(site)")
        }
    }

    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The case book: surgical cases by start time, with their status.",
            discussion: "Example:\n  supplycast cases --site NORTH --from 2026-11-21 --status scheduled")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code (all sites when omitted).") var site: String?
        @Option(help: "First day (YYYY-MM-DD).") var from: LocalDate?
        @Option(help: "Last day (YYYY-MM-DD).") var to: LocalDate?
        @Option(help: "scheduled, cancelled, completed or noShow.") var status: CaseStatus?
        @Option(help: "At most this many.") var limit = 1000

        func run() throws {
            try Listing<CaseBookEntry>(columns: [
                ("site", \.site), ("case", \.caseId), ("scheduled for", { $0.scheduledFor ?? "" }),
                ("procedure", { $0.procedure ?? "" }), ("surgeon", { $0.surgeon ?? "" }), ("status", \.status),
            ]).print(try global.openStore().cases(site: site, from: from, to: to, status: status, limit: limit),
                     format: listing.format, empty: "no cases")
        }
    }

    struct Usage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Daily usage of items at a site (or all sites).",
            discussion: "Example:\n  supplycast usage --site NORTH --item GLOVE-M --from 2026-10-01")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code (all sites when omitted).") var site: String?
        @Option(help: "Item code (all items when omitted).") var item: String?
        @Option(help: "First day (YYYY-MM-DD).") var from: LocalDate?
        @Option(help: "Last day (YYYY-MM-DD).") var to: LocalDate?

        func run() throws {
            try Listing<UsageDay>(columns: [
                ("site", \.site), ("item", \.item), ("day", { $0.day.description }), ("quantity", { $0.quantity.quantityText }),
            ]).print(try global.openStore().usage(site: site, item: item, from: from, to: to), format: listing.format,
                     empty: "no usage")
        }
    }

    struct Stock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stock on hand per location, item, lot and serial; negative balances are flagged.",
            discussion: "Example:\n  supplycast stock --site NORTH --negative")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code (all sites when omitted).") var site: String?
        @Option(help: "Item code.") var item: String?
        @Flag(help: "Only negative balances (usage recorded without a matching receipt or count).") var negative = false

        func run() throws {
            try Listing<StockBalance>(columns: [
                ("site", \.site), ("location", \.location), ("item", \.item), ("lot", \.lot), ("serial", \.serial),
                ("expiry", { $0.expiry?.description ?? "" }), ("on hand", { $0.quantity.quantityText }),
                ("flag", { $0.negative ? "NEGATIVE" : "" }),
            ]).print(try global.openStore().stock(site: site, item: item, negativeOnly: negative),
                     format: listing.format, empty: "no stock balances")
        }
    }

    struct Database: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "db",
            abstract: "Create or migrate the database, show what it holds, or rebuild its projections.",
            discussion: """
                Examples:
                  supplycast db --db /var/lib/supplycast/supplycast.sqlite
                  supplycast db rebuild --db /var/lib/supplycast/supplycast.sqlite
                """,
            subcommands: [DatabaseSummary.self, DatabaseRebuild.self],
            defaultSubcommand: DatabaseSummary.self)
    }

    struct DatabaseSummary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Create or migrate the database and show what it holds (the default).",
            discussion: "Example:\n  supplycast db show --db /var/lib/supplycast/supplycast.sqlite")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions

        func run() throws {
            let store = try global.openStore()
            let summary = try store.summary()
            if listing.format == .json {
                try Listing<StoreSummary>(columns: []).print([summary], format: .json)
                return
            }
            print(SummaryText.render(summary, path: store.path))
        }
    }

    struct DatabaseRebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild",
            abstract: "Rebuild every projection (census, cases, usage, stock, reservations) from the event log.",
            discussion: """
                Replays the stored events, oldest first, through the same projector as ingest, in one transaction:
                readers see the old projections until it commits, and ingest waits for it. Use it after an upgrade
                that fixes a projection. Progress goes to stderr.
                Example:
                  supplycast db rebuild --db /var/lib/supplycast/supplycast.sqlite
                """)
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try global.openStore()
            let progress = ProgressReporter(label: "rebuild")
            let started = Date()
            let replayed = try store.rebuildProjections { done, total in progress.update(done: done, total: total) }
            let seconds = max(Date().timeIntervalSince(started), 0.001)
            print("rebuilt every projection from \(replayed) events in \(String(format: "%.1f", seconds)) s")
        }
    }
}

extension CaseStatus: ExpressibleByArgument {}

/// The store summary as people read it.
enum SummaryText {
    static func render(_ summary: StoreSummary, path: String) -> String {
        var lines = ["database \(path)",
                     "master data: \(summary.sites) sites, \(summary.items) items, \(summary.preferenceCardLines) preference-card lines",
                     "events: \(summary.events)"]
        for (type, count) in summary.eventsByType.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(type.padding(toLength: 22, withPad: " ", startingAt: 0)) \(count)")
        }
        lines.append("cases: " + summary.cases.sorted(by: { $0.key < $1.key }).map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        lines.append("open dead letters: \(summary.openDeadLetters), open conflicts: \(summary.openConflicts), negative stock balances: \(summary.negativeStockBalances)")
        return lines.joined(separator: "\n")
    }
}
