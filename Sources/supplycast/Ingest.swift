import ArgumentParser
import Foundation
import Interop
import Store

extension SupplyCast {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append event files (NDJSON, JSON or CSV) through the same path as the HTTP feed.",
            discussion: """
                Each event is stored once: the same source + id + content again is a duplicate (no second effect);
                the same source + id with different content is a conflict, kept for review. Invalid records go to
                the dead-letter table with the reason and their original bytes (see: supplycast dead-letters).

                Examples:
                  supplycast ingest Data/sample/events.ndjson
                  supplycast ingest --format csv usage-export.txt
                  supplycast ingest feeds/*.ndjson --db /var/lib/supplycast/supplycast.sqlite

                Exit status: 0 when every record was accepted (new or duplicate), 65 when any was rejected or in
                conflict, 66 when a file cannot be read.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "Format of all files (default: from each file's extension: .ndjson/.jsonl, .json, .csv).")
        var format: EventFormat?

        @Flag(help: "Do not print each rejected record.")
        var quiet = false

        @Argument(help: ArgumentHelp("Event files to ingest.", valueName: "file"))
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one file, e.g. supplycast ingest events.ndjson") }
        }

        func run() throws {
            let store = try global.openStore()
            let ingestor = FileIngestor(store: store)
            var total = AppendSummary()
            var unreadable = false
            for file in files {
                let progress = ProgressReporter(label: (file as NSString).lastPathComponent)
                do {
                    let summary = try ingestor.ingest(
                        path: file, format: format, progress: progress.update,
                        onProblem: { result in
                            guard !quiet else { return }
                            printNote(Self.describe(result))
                        })
                    total.merge(summary)
                } catch let error as FileIngestor.FileError {
                    printError(error.description)
                    unreadable = true
                }
            }
            Self.printSummary(total)
            if unreadable { throw ExitCode(ExitStatus.inputMissing) }
            if !total.allAccepted { throw ExitCode(ExitStatus.inputRejected) }
        }

        static func describe(_ result: AppendResult) -> String {
            switch result.outcome {
            case .rejected(let problem, let deadLetterId):
                "rejected \(result.position): \(problem) [dead letter \(deadLetterId)]"
            case .conflict(let conflictId):
                "conflict \(result.position): \(result.source ?? "?")/\(result.id ?? "?") was sent before with different content [conflict \(conflictId)]"
            default:
                ""
            }
        }

        static func printSummary(_ summary: AppendSummary) {
            print("accepted \(summary.accepted), duplicates \(summary.duplicates), conflicts \(summary.conflicts), rejected \(summary.rejected)")
            for (reason, count) in summary.rejectedByReason.sorted(by: { $0.value > $1.value }) {
                print("  rejected \(reason): \(count)")
            }
            if summary.rejected > 0 { print("see them with: supplycast dead-letters list") }
            if summary.conflicts > 0 { print("see them with: supplycast conflicts") }
        }
    }
}

extension EventFormat: ExpressibleByArgument {}

extension AppendSummary {
    mutating func merge(_ other: AppendSummary) {
        accepted += other.accepted
        duplicates += other.duplicates
        conflicts += other.conflicts
        rejected += other.rejected
        for (reason, count) in other.rejectedByReason { rejectedByReason[reason, default: 0] += count }
    }
}
