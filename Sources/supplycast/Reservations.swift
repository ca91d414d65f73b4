import ArgumentParser
import Store
import SupplyDomain

extension SupplyCast {
    struct Reservations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stock held for scheduled cases, lot by lot, and what cases still miss.",
            discussion: "Example:\n  supplycast reservations list --case C0001234",
            subcommands: [List.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Reservations and shortfalls by case day.",
                discussion: "Example:\n  supplycast reservations list --site NORTH --format json")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var listing: ListingOptions
            @Option(help: "Site code.") var site: String?
            @Option(name: .customLong("case"), help: "Case id.") var caseId: String?
            @Option(help: "At most this many rows.") var limit = 5000

            func run() throws {
                try Listing<CaseReservation>(columns: [
                    ("site", \.site), ("case", \.caseId), ("day", { $0.caseDay.description }), ("item", \.item),
                    ("lot", \.lot), ("reserved", { $0.reserved.quantityText }),
                    ("shortfall", { $0.shortfall > 0 ? $0.shortfall.quantityText : "" }),
                ]).print(try global.openStore().reservations(site: site, caseId: caseId, limit: limit),
                         format: listing.format, empty: "no reservations")
            }
        }
    }
}
