import ArgumentParser
import Foundation
import Store

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (also $SUPPLYCAST_DB).", valueName: "path"))
    var db: String = ProcessInfo.processInfo.environment["SUPPLYCAST_DB"] ?? "./supplycast.sqlite"

    /// Opens the store, turning failure into exit code 74 with the reason.
    func openStore() throws -> SupplyStore {
        do {
            return try SupplyStore(path: db)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.cannotOpenDatabase)
        }
    }
}

/// How listings are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The output option listings share.
struct ListingOptions: ParsableArguments {
    @Option(name: .long, help: "Output as table, json or csv.")
    var format: OutputFormat = .table
}

/// Exit codes, after sysexits(3), documented in `--help` and the README.
enum ExitStatus {
    static let inputRejected: Int32 = 65
    static let inputMissing: Int32 = 66
    static let cannotOpenDatabase: Int32 = 74
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
}

func printNote(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
