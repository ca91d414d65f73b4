import CSV
import Foundation
import SupplyDomain

/// Reads master-data files (CSV with a header row, or a JSON array of objects) into typed records, collecting
/// every bad row so a planner can fix the file in one pass.
public struct MasterDataDecoder: Sendable {
    public init() {}

    /// Decodes a whole file; throws all of its problems when any row is bad, so nothing is half-applied.
    public func decode(_ data: Data, kind: MasterDataKind, file: String) throws(MasterDataProblems) -> MasterDataRecords {
        let rows = try Self.rows(of: data, file: file)
        var problems: [MasterDataProblem] = []
        if let first = rows.first {
            for column in kind.requiredColumns where first.values[column] == nil {
                problems.append(MasterDataProblem(file: file, row: 1, column: column, reason: "required column is missing"))
            }
            if !problems.isEmpty { throw MasterDataProblems(problems: problems) }
        }
        func each<T>(_ build: (inout Row) throws(MasterDataProblem) -> T) -> [T] {
            var built: [T] = []
            for var row in rows {
                do {
                    built.append(try build(&row))
                } catch {
                    problems.append(error)
                }
            }
            return built
        }
        let records: MasterDataRecords
        switch kind {
        case .sites:
            records = .sites(each { row throws(MasterDataProblem) in
                let timeZone = row.optional("timeZone")
                if let timeZone, TimeZone(identifier: timeZone) == nil {
                    // HL7 feeds send local times without an offset; they are read in this zone, so it must be one.
                    throw row.problem("timeZone", "'\(timeZone)' is not an IANA time zone name (e.g. Europe/Berlin, America/New_York)")
                }
                return Site(id: try row.text("id"), name: try row.text("name"), timeZone: timeZone,
                            defaultLocation: row.optional("defaultLocation") ?? "MAIN")
            })
        case .locations:
            records = .locations(each { row throws(MasterDataProblem) in
                Location(site: try row.text("site"), id: try row.text("id"), name: try row.text("name"),
                         kind: row.optional("kind"))
            })
        case .suppliers:
            records = .suppliers(each { row throws(MasterDataProblem) in
                Supplier(id: try row.text("id"), name: try row.text("name"),
                         leadTimeDays: try row.number("leadTimeDays", atLeast: 0))
            })
        case .items:
            records = .items(each { row throws(MasterDataProblem) in
                let gtin = row.optional("gtin")
                if let gtin, !(gtin.count == 14 && GTIN.hasValidCheckDigit(gtin)) {
                    throw row.problem("gtin", "'\(gtin)' is not a 14-digit GTIN with a valid check digit")
                }
                return Item(
                    id: try row.text("id"), name: try row.text("name"), gtin: gtin,
                    unit: row.optional("unit") ?? "EA",
                    packSize: try row.number("packSize", atLeast: 1) ?? 1,
                    category: row.optional("category") ?? "consumable",
                    isImplant: try row.flag("implant") ?? false,
                    lotTracked: try row.flag("lotTracked") ?? false,
                    serialTracked: try row.flag("serialTracked") ?? false,
                    critical: try row.flag("critical") ?? false,
                    unitCost: try row.number("unitCost", atLeast: 0) ?? 0,
                    supplier: row.optional("supplier"),
                    leadTimeDays: try row.number("leadTimeDays", atLeast: 0))
            })
        case .preferenceCards:
            records = .preferenceCards(each { row throws(MasterDataProblem) in
                guard let quantity = try row.number("quantity", atLeast: 0), quantity > 0 else {
                    throw row.problem("quantity", "must be greater than 0")
                }
                return PreferenceCardLine(procedure: try row.text("procedure"), surgeon: row.optional("surgeon") ?? "",
                                          item: try row.text("item"), quantity: quantity)
            })
        case .policies:
            records = .policies(each { row throws(MasterDataProblem) in
                let serviceLevel = try row.number("serviceLevel", atLeast: 0)
                if let serviceLevel, !(serviceLevel > 0 && serviceLevel < 1) {
                    throw row.problem("serviceLevel", "must be a probability between 0 and 1 exclusive, e.g. 0.95")
                }
                return ReplenishmentPolicy(
                    site: row.optional("site") ?? "", item: try row.text("item"), serviceLevel: serviceLevel,
                    reviewPeriodDays: try row.number("reviewPeriodDays", atLeast: 0) ?? 1,
                    leadTimeDays: try row.number("leadTimeDays", atLeast: 0),
                    leadTimeStdDevDays: try row.number("leadTimeStdDevDays", atLeast: 0),
                    minimumOrderQuantity: try row.number("minimumOrderQuantity", atLeast: 0) ?? 0,
                    maximumQuantity: try row.number("maximumQuantity", atLeast: 0))
            })
        }
        if !problems.isEmpty { throw MasterDataProblems(problems: problems) }
        return records
    }

    // MARK: - Rows

    /// One row as column name → text, whatever the file format.
    struct Row {
        var file: String
        var number: Int
        var values: [String: String]

        func optional(_ column: String) -> String? {
            guard let value = values[column]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }

        func problem(_ column: String, _ reason: String) -> MasterDataProblem {
            MasterDataProblem(file: file, row: number, column: column, reason: reason)
        }

        func text(_ column: String) throws(MasterDataProblem) -> String {
            guard let value = optional(column) else { throw problem(column, "is empty") }
            return value
        }

        func number(_ column: String, atLeast minimum: Double) throws(MasterDataProblem) -> Double? {
            guard let text = optional(column) else { return nil }
            guard let value = Double(text), value.isFinite else { throw problem(column, "'\(text)' is not a number") }
            guard value >= minimum else { throw problem(column, "\(text) must be at least \(minimum.formatted())") }
            return value
        }

        func flag(_ column: String) throws(MasterDataProblem) -> Bool? {
            guard let text = optional(column)?.lowercased() else { return nil }
            switch text {
            case "true", "yes", "y", "1": return true
            case "false", "no", "n", "0": return false
            default: throw problem(column, "'\(text)' is not yes/no (true, false, yes, no, 1, 0)")
            }
        }
    }

    static func rows(of data: Data, file: String) throws(MasterDataProblems) -> [Row] {
        let firstByte = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
        if firstByte == UInt8(ascii: "[") {
            guard let array = (try? JSONSerialization.jsonObject(with: data)) as? [Any] else {
                throw MasterDataProblems(problems: [MasterDataProblem(file: file, row: 1, column: nil,
                    reason: "not a valid JSON array of objects")])
            }
            var rows: [Row] = []
            for (offset, element) in array.enumerated() {
                guard let object = element as? [String: Any] else {
                    throw MasterDataProblems(problems: [MasterDataProblem(file: file, row: offset + 1, column: nil,
                        reason: "expected a JSON object")])
                }
                var values: [String: String] = [:]
                for (key, value) in object {
                    switch value {
                    case let text as String: values[key] = text
                    case is NSNull: break
                    default: values[key] = "\(value)"
                    }
                }
                rows.append(Row(file: file, number: offset + 1, values: values))
            }
            return rows
        }
        let text = String(decoding: data, as: UTF8.self)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw MasterDataProblems(problems: [MasterDataProblem(file: file, row: 1, column: nil, reason: "not readable as CSV: \(error)")])
        }
        let header = (reader.headerRow ?? []).map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
        var rows: [Row] = []
        var number = 1
        while let values = reader.next() {
            number += 1
            if values.allSatisfy(\.isEmpty) { continue }
            rows.append(Row(file: file, number: number, values: Dictionary(zip(header, values), uniquingKeysWith: { first, _ in first })))
        }
        return rows
    }
}

/// Every bad row of a master-data file.
public struct MasterDataProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [MasterDataProblem]

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
