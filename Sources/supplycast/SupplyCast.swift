import ArgumentParser

/// The one SupplyCast executable.
@main
struct SupplyCast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supplycast",
        abstract: "Clinical demand-to-supply planning for hospital networks.",
        discussion: """
            SupplyCast consumes census, OR schedule, usage, receipt and invoice events, keeps projections in one
            SQLite file, and serves planners, schedulers, operations and integration feeds.

            Quick start:
              supplycast import Data/sample/*.csv
              supplycast ingest Data/sample/events.ndjson
              supplycast census --site NORTH
              supplycast tokens create --role integration --name hl7-engine
              supplycast serve --port 8080

            Every command takes --db PATH (or SUPPLYCAST_DB); listings take --format table|json|csv.
            Exit codes: 0 ok · 64 usage error · 65 input rejected (some records or rows) · 66 input file missing
            or unreadable · 74 database cannot be opened · 1 anything else.
            """,
        subcommands: [
            Ingest.self, Import.self, Serve.self, DeadLetters.self, Conflicts.self, Tokens.self, Census.self,
            Cases.self, Usage.self, Stock.self, Forecast.self, Plan.self, Inventory.self, Reservations.self,
            Requisitions.self, Database.self, Demo.self, Simulate.self,
            Webhooks.self, Alerts.self,
        ]
    )
}
