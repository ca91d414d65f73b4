import DemoNetwork
import Foundation
import SupplyDomain
import Testing

/// Checks the hand-written files under `Data/sample` against the canonical shapes and against each other.
@Suite struct SampleDataTests {
    /// `Data/sample` of the repository, found from this file's real location (symlinks resolved).
    static let sampleDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/sample")

    static func table(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: sampleDirectory.appendingPathComponent(name), encoding: .utf8)
        let rows = text.split(separator: "\n").map { splitCSV(String($0)) }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("The sample events decode, validate, cover every type the demo generates and name only sample master data")
    func sampleEvents() throws {
        let text = try String(contentsOf: Self.sampleDirectory.appendingPathComponent("events.ndjson"), encoding: .utf8)
        let decoder = JSONDecoder()
        let events = try text.split(separator: "\n").map { try decoder.decode(SupplyEvent.self, from: Data($0.utf8)) }
        #expect(Set(events.map(\.type)) == Set(EventType.allCases).subtracting(DemoNetwork.typesNotGenerated))
        let sites = Set(try Self.table("sites.csv").compactMap { $0["id"] })
        let items = Set(try Self.table("items.csv").compactMap { $0["id"] })
        let locations = Set(try Self.table("locations.csv").map { ($0["site"] ?? "") + "/" + ($0["id"] ?? "") })
        for event in events {
            try event.validate()
            #expect(event.occurredAt.utcOffsetSeconds != 0)
            #expect(sites.contains(event.site))
            switch event.body {
            case .usage(let usage):
                #expect(items.contains(usage.item ?? ""))
                #expect(locations.contains(event.site + "/" + (usage.location ?? "MAIN")))
            case .receipt(let receipt):
                #expect(items.contains(receipt.item ?? ""))
                #expect(locations.contains(event.site + "/" + (receipt.location ?? "MAIN")))
            case .stockCount(let count):
                #expect(items.contains(count.item ?? ""))
                #expect(locations.contains(event.site + "/" + (count.location ?? "MAIN")))
            case .invoice(let line):
                #expect(items.contains(line.item ?? ""))
            case .admission(let change):
                if let toSite = change.toSite { #expect(sites.contains(toSite)) }
            case .surgicalCase:
                break
            }
        }
        for (earlier, later) in zip(events, events.dropFirst()) {
            #expect(earlier.occurredAt <= later.occurredAt)
        }
    }

    @Test("The sample master data is consistent and its GTINs are valid")
    func sampleMasterData() throws {
        let items = try Self.table("items.csv")
        let itemIds = Set(items.compactMap { $0["id"] })
        let suppliers = Set(try Self.table("suppliers.csv").compactMap { $0["id"] })
        let sites = Set(try Self.table("sites.csv").compactMap { $0["id"] })
        for item in items {
            #expect(hasValidCheckDigit(item["gtin"] ?? "") && item["gtin"]?.count == 14)
            #expect(suppliers.contains(item["supplier"] ?? ""))
        }
        for line in try Self.table("preference-cards.csv") { #expect(itemIds.contains(line["item"] ?? "")) }
        for policy in try Self.table("policies.csv") {
            #expect(itemIds.contains(policy["item"] ?? ""))
            #expect(policy["site"] == "" || sites.contains(policy["site"] ?? ""))
        }
        for location in try Self.table("locations.csv") { #expect(sites.contains(location["site"] ?? "")) }
    }
}

/// Splits one CSV line, honouring double-quoted fields with doubled quotes.
func splitCSV(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var iterator = Array(line).makeIterator()
    var pending: Character? = nil
    while let character = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if character == "\"" {
                let next = iterator.next()
                if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
            } else {
                current.append(character)
            }
        } else if character == "\"" {
            quoted = true
        } else if character == "," {
            fields.append(current)
            current = ""
        } else {
            current.append(character)
        }
    }
    fields.append(current)
    return fields
}
