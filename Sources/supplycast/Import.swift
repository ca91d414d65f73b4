import ArgumentParser
import Foundation
import Interop
import Store

extension SupplyCast {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import master data: sites, locations, suppliers, items, preference cards, policies.",
            discussion: """
                Files are CSV with a header row or a JSON array of objects; the kind comes from the file name
                (sites.csv, items.json, preference-cards.csv, north-policies.csv …) or --kind. Rows are upserts, so
                importing the same file twice changes nothing. Every bad row is reported with file, row, column and
                reason, and nothing from a command with errors is applied.

                Columns (* required):
                  sites             id*, name*, timeZone, defaultLocation
                  locations         site*, id*, name*, kind
                  suppliers         id*, name*, leadTimeDays
                  items             id*, name*, gtin, unit, packSize, category, implant, lotTracked, serialTracked,
                                    critical, unitCost, supplier, leadTimeDays
                  preference-cards  procedure*, surgeon, item*, quantity*
                  policies          site, item*, serviceLevel, reviewPeriodDays, leadTimeDays, leadTimeStdDevDays,
                                    minimumOrderQuantity, maximumQuantity

                Example:
                  supplycast import Data/sample/*.csv
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "Kind of every file, when the names do not say: \(MasterDataKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: MasterDataKind?

        @Argument(help: ArgumentHelp("Master-data files.", valueName: "file"))
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one file, e.g. supplycast import items.csv") }
            if kind == nil {
                for file in files where MasterDataKind(fileName: file) == nil {
                    throw ValidationError("cannot tell what '\(file)' holds from its name; name it like items.csv or pass --kind")
                }
            }
        }

        func run() throws {
            var decoded: [(file: String, records: MasterDataRecords, data: Data)] = []
            var problems: [String] = []
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    printError("\(file): cannot read")
                    throw ExitCode(ExitStatus.inputMissing)
                }
                let fileKind = kind ?? MasterDataKind(fileName: file)!
                do {
                    decoded.append((file, try MasterDataDecoder().decode(data, kind: fileKind, file: file), data))
                } catch {
                    problems += error.problems.map(\.description)
                }
            }
            let store = try global.openStore()
            if problems.isEmpty {
                do {
                    for result in try store.importMasterData(decoded) {
                        print("\(result.file): \(result.rows) \(result.kind)" + (result.changed ? "" : " (unchanged)"))
                    }
                    return
                } catch StoreError.invalidMasterData(let found) {
                    problems = found
                }
            }
            for problem in problems { printError(problem) }
            printNote("nothing was imported: fix the rows above and run the command again")
            throw ExitCode(ExitStatus.inputRejected)
        }
    }
}

extension MasterDataKind: ExpressibleByArgument {}
