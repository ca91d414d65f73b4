import Foundation
import GRDB
@testable import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// The midnight census on the awkward cases a real feed sends.
@Suite struct CensusTests {
    @Test("a patient discharged without an admission seen was in house before, never below zero")
    func dischargeWithoutAdmission() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try db.append(ndjson: [
            EventLine.admission(id: "a1", "discharged", encounter: "E1", at: "2026-11-03T10:00:00+01:00"),
            EventLine.admission(id: "a2", "admitted", encounter: "E2", at: "2026-11-01T09:00:00+01:00"),
            EventLine.admission(id: "a3", "discharged", encounter: "E2", at: "2026-11-02T11:00:00+01:00"),
        ])
        let census = try db.store.census(site: "NORTH")
        #expect(census.map(\.day) == days("2026-11-01", through: "2026-11-03"))
        #expect(census.map(\.inHouse) == [2, 1, 0])
        #expect(census.map(\.unseenArrivals) == [0, 0, 1])
        let driver = try db.store.demandHistory(site: "NORTH", asOf: day("2026-11-03"), days: 5, futureDays: 0)
        #expect(driver.census == [1, 1, 2, 1, 0])
    }

    @Test("an admission that arrives after its discharge replaces the unseen arrival")
    func lateAdmissionReplacesUnseenArrival() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try db.append(ndjson: [
            EventLine.admission(id: "a1", "discharged", encounter: "E1", at: "2026-11-03T10:00:00+01:00"),
            EventLine.admission(id: "a0", "admitted", encounter: "E1", at: "2026-10-30T22:00:00+01:00"),
        ])
        let census = try db.store.census(site: "NORTH")
        #expect(census.map(\.day) == days("2026-10-30", through: "2026-11-03"))
        #expect(census.map(\.inHouse) == [1, 1, 1, 1, 0])
        #expect(census.map(\.unseenArrivals) == [0, 0, 0, 0, 0])
    }

    @Test("a transfer out without an arrival seen counts the patient at both sites on the right days")
    func transferWithoutAdmission() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try db.append(ndjson: [
            EventLine.admission(id: "a1", "transferred", encounter: "E3", at: "2026-11-02T10:00:00+01:00", toSite: "SOUTH"),
            EventLine.admission(id: "a2", "discharged", encounter: "E3", at: "2026-11-04T10:00:00+01:00", site: "SOUTH"),
        ])
        let north = try db.store.demandHistory(site: "NORTH", asOf: day("2026-11-02"), days: 2, futureDays: 0)
        #expect(north.census == [1, 0])
        let south = try db.store.census(site: "SOUTH")
        #expect(south.map(\.inHouse) == [1, 1, 0])
    }

    @Test("a patient admitted and discharged the same day is not in house at midnight")
    func sameDayDischarge() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try db.append(ndjson: [
            EventLine.admission(id: "a1", "admitted", encounter: "E1", at: "2026-11-01T08:00:00+01:00"),
            EventLine.admission(id: "a2", "discharged", encounter: "E1", at: "2026-11-01T18:00:00+01:00"),
        ])
        let census = try #require(try db.store.census(site: "NORTH").first)
        #expect(census.admissions == 1)
        #expect(census.discharges == 1)
        #expect(census.inHouse == 0)
    }

    @Test("a cancelled admission never counts, and a later admission of the encounter starts afresh",
          arguments: [[0, 1, 2, 3], [3, 2, 1, 0], [1, 0, 3, 2]])
    func cancelledThenReadmitted(order: [Int]) throws {
        let db = try TemporaryStore().withStandardMasterData()
        let events = [
            EventLine.admission(id: "a1", "admitted", encounter: "E4", at: "2026-11-01T10:00:00+01:00"),
            EventLine.admission(id: "a2", "cancelled", encounter: "E4", at: "2026-11-01T12:00:00+01:00"),
            EventLine.admission(id: "a3", "admitted", encounter: "E4", at: "2026-11-03T09:00:00+01:00"),
            EventLine.admission(id: "a4", "discharged", encounter: "E4", at: "2026-11-05T09:00:00+01:00"),
        ]
        for index in order { try db.append(ndjson: [events[index]]) }
        let census = try db.store.census(site: "NORTH")
        #expect(census.map(\.day) == days("2026-11-03", through: "2026-11-05"))
        #expect(census.map(\.inHouse) == [1, 1, 0])
    }

    @Test("changes at the same instant count the same whichever arrives first", arguments: [[0, 1], [1, 0]])
    func simultaneousChanges(order: [Int]) throws {
        let db = try TemporaryStore().withStandardMasterData()
        let events = [
            EventLine.admission(id: "a1", "admitted", encounter: "E5", at: "2026-11-01T10:00:00+01:00"),
            EventLine.admission(id: "a2", "transferred", encounter: "E5", at: "2026-11-01T10:00:00+01:00", toSite: "SOUTH"),
        ]
        for index in order { try db.append(ndjson: [events[index]]) }
        let north = try #require(try db.store.census(site: "NORTH").first)
        #expect(north.admissions == 1)
        #expect(north.transfersOut == 1)
        #expect(north.inHouse == 0)
        #expect(try db.store.census(site: "SOUTH").map(\.inHouse) == [1])
    }

    @Test("a database projected before unseen arrivals were counted counts them once upgraded")
    func upgradeCountsUnseenArrivals() throws {
        // Given what the earlier projection wrote for a discharge whose admission was never seen …
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supplycast-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("supplycast.sqlite").path
        let discharged = try Timestamp.parse("2026-11-03T10:00:00+01:00")
        let state = EncounterCensus.fold(encounter: "E1", changes: [
            (discharged, "NORTH", AdmissionChange(kind: .discharged, encounter: "E1")),
        ])
        do {
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: "v1: access")
            try pool.write { db in
                try db.execute(sql: "INSERT INTO encounter (encounter, lastChangeAt, state) VALUES (?, ?, ?)",
                               arguments: ["encounter:adt:E1", discharged.secondsSinceEpoch, try JSONEncoder().encode(state)])
                try db.execute(sql: "INSERT INTO censusDay (site, day, discharges) VALUES ('NORTH', ?, 1)",
                               arguments: [day("2026-11-03").dayNumber])
                try db.execute(sql: "INSERT INTO censusDay (site, day, admissions) VALUES ('NORTH', ?, 1)",
                               arguments: [day("2026-11-01").dayNumber])
            }
        }
        // … when the store opens it, the departure counts as a patient who was in house.
        let store = try SupplyStore(path: path)
        #expect(try store.census(site: "NORTH").map(\.inHouse) == [2, 2, 1])
    }

    // MARK: - Helpers

    private func day(_ text: String) -> LocalDate {
        LocalDate(iso: text)!
    }

    private func days(_ first: String, through last: String) -> [LocalDate] {
        Array(day(first)...day(last))
    }
}
