import ArgumentParser
import Foundation
import Store
import SupplyDomain

extension SupplyCast {
    struct Inventory: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inventory positions: usable on hand + on order − reserved − backorders.",
            discussion: "Example:\n  supplycast inventory show --site NORTH --item HIP-STEM",
            subcommands: [Show.self])

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Positions per item at a site.",
                discussion: "Example:\n  supplycast inventory show --site NORTH --as-of 2026-11-20 --format csv")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var listing: ListingOptions
            @Option(help: "Site code.") var site: String
            @Option(help: "Item code.") var item: String?
            @Option(help: """
                End of the day the position is for; cases on later days count as reserved, lots expired by then do \
                not count (default: the site's last day with usage, as for plan run).
                """)
            var asOf: LocalDate?

            func run() throws {
                let store = try global.openStore()
                guard let day = try asOf ?? store.lastUsageDay(site: site) else {
                    throw ValidationError("no usage recorded at \(site) yet; give the day with --as-of YYYY-MM-DD")
                }
                try Listing<InventoryPosition>(columns: [
                    ("item", \.item), ("on hand", { $0.onHand.quantityText }), ("usable", { $0.usableOnHand.quantityText }),
                    ("on order", { $0.onOrder.quantityText }), ("reserved", { $0.reserved.quantityText }),
                    ("backorders", { $0.backorders.quantityText }), ("position", { $0.position.quantityText }),
                ]).print(try store.inventory(site: site, item: item, asOf: day), format: listing.format,
                         empty: "nothing on hand, on order or reserved at \(site)")
            }
        }
    }
}
