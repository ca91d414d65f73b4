import ArgumentParser
import Store

extension SupplyCast {
    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Alerts for hospital operations: projected shortages, cases at risk, expiring lots, failed requisitions.",
            discussion: """
                One alert per kind and subject while it is live (open, then updated when its severity or substance
                changes, then resolved). Each change is delivered to matching webhook subscriptions.
                Example: supplycast alerts list --kind shortage.projected --site NORTH
                """,
            subcommands: [List.self],
            defaultSubcommand: List.self)
    }
}

extension AlertKind: ExpressibleByArgument {}

extension SupplyCast.Alerts {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List live alerts (with --all, resolved ones too), newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "shortage.projected, case.at_risk, lot.expiring or requisition.failed.") var kind: AlertKind?
        @Option(help: "Only this site.") var site: String?
        @Flag(help: "Include resolved alerts.") var all = false
        @Option(help: "At most this many.") var limit = 200

        func run() throws {
            let alerts = try global.openStore().alerts(kind: kind, site: site, includeResolved: all, limit: limit)
            try Listing<AlertView>(columns: [
                ("id", { "\($0.id)" }), ("kind", \.kind), ("subject", \.subject), ("site", { $0.site ?? "" }),
                ("severity", \.severity), ("state", \.state), ("rev", { "\($0.revision)" }), ("updated", \.updatedAt),
            ]).print(alerts.map(AlertView.init), format: listing.format, empty: all ? "no alerts" : "no live alerts")
        }
    }
}
