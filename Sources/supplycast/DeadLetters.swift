import ArgumentParser
import Foundation
import Store

extension SupplyCast {
    struct DeadLetters: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dead-letters",
            abstract: "Inspect and retry records that could not be accepted.",
            discussion: """
                Examples:
                  supplycast dead-letters list --reason unknownItem
                  supplycast dead-letters show 42
                  supplycast import items.csv && supplycast dead-letters retry --all
                """,
            subcommands: [List.self, Show.self, Retry.self],
            aliases: ["deadletter", "deadletters"])
    }
}

extension SupplyCast.DeadLetters {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "open, resolved or all.") var status = "open"
        @Option(help: "Only this reason, e.g. unknownItem, invalidTimestamp.") var reason: String?
        @Option(help: "At most this many.") var limit = 100

        func run() throws {
            let letters = try global.openStore().deadLetters(status: status == "all" ? nil : status, reason: reason, limit: limit)
            try Listing<DeadLetter>(columns: [
                ("id", { "\($0.id)" }), ("received", \.receivedAt), ("where", \.channel),
                ("source", { $0.source ?? "" }), ("event", { $0.sourceId ?? "" }), ("reason", \.reason),
                ("field", { $0.field ?? "" }), ("message", \.message), ("times", { "\($0.occurrences)" }),
                ("status", \.status),
            ]).print(letters, format: listing.format, empty: "no \(status == "all" ? "" : status + " ")dead letters")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one dead letter with its original bytes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Dead letter id.") var id: Int64

        func run() throws {
            let letter = try global.openStore().deadLetter(id: id)
            print("""
                dead letter \(letter.id) (\(letter.status))
                received:    \(letter.receivedAt) (\(letter.occurrences) time(s))
                where:       \(letter.channel)
                event:       \(letter.source ?? "?") / \(letter.sourceId ?? "?") \(letter.type ?? "")
                reason:      \(letter.reason)\(letter.field.map { " at \($0)" } ?? "")
                message:     \(letter.message)
                """)
            if let resolution = letter.resolution { print("resolution:  \(resolution)") }
            print("original:")
            print(String(decoding: letter.original, as: UTF8.self))
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode and append dead letters again (after fixing master data or the feed).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Retry every open dead letter.") var all = false
        @Argument(help: "Dead letter ids.") var ids: [Int64] = []

        func validate() throws {
            if all == !ids.isEmpty { throw ValidationError("name dead letter ids or pass --all (not both)") }
        }

        func run() throws {
            let store = try global.openStore()
            let targets = all ? try store.deadLetters(status: "open", limit: Int.max).map(\.id).reversed() : ids
            var summary = AppendSummary()
            for id in targets {
                let result = try store.retryDeadLetter(id: id)
                summary.add([result])
                switch result.outcome {
                case .accepted(let seq): print("\(id): accepted as event \(seq)")
                case .duplicate(let seq): print("\(id): already stored as event \(seq)")
                case .conflict(let conflictId): print("\(id): conflicts with a stored event (conflict \(conflictId))")
                case .rejected(let problem, let letter): print("\(id): still rejected: \(problem) [dead letter \(letter)]")
                }
            }
            if !summary.allAccepted { throw ExitCode(ExitStatus.inputRejected) }
        }
    }
}
