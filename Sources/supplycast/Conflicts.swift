import ArgumentParser
import Store

extension SupplyCast {
    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List events a source re-sent under the same id with different content.",
            discussion: "The first version stands; review each and fix the feed.\n\nExample:\n  supplycast conflicts --format json")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "At most this many.") var limit = 100

        func run() throws {
            try Listing<EventConflict>(columns: [
                ("id", { "\($0.id)" }), ("received", \.receivedAt), ("where", \.channel), ("source", \.source),
                ("event", \.sourceId), ("status", \.status),
            ]).print(try global.openStore().conflicts(limit: limit), format: listing.format, empty: "no conflicts")
        }
    }
}
