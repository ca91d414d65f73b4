import DemoNetwork
import Foundation
import GRDB
@testable import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// The midnight census held to a headcount made straight from the events (``MidnightHeadcount``), on a whole
/// demo network and on the awkward cases a real feed sends.
@Suite struct CensusTests {
    /// All three sites, with transfers between them, over a short history with a small catalogue.
    static let network = DemoParameters(seed: 23, sites: 3, consumables: 6, implants: 4, pharmacyItems: 2,
                                        procedures: 4, historyDays: 30, forwardScheduleDays: 7)
    static let history = network.startDate...network.endDate
    /// The network ingested in time order, once, for the tests that only read it.
    static let ingested = Result { try TemporaryStore.demo(network) }

    @Test("every site's census equals a headcount from the events, every day of history")
    func demoCensusMatchesHeadcount() throws {
        let (db, dataset) = try Self.ingested.get()
        let headcount = MidnightHeadcount(events: dataset.events, days: Self.history)
        for site in dataset.sites.map(\.id) {
            let census = try db.store.census(site: site, from: Self.history.lowerBound, to: Self.history.upperBound)
            #expect(census.map(\.day) == Array(Self.history), "site \(site)")
            #expect(census.map(\.inHouse) == headcount.inHouse(site: site), "site \(site)")
        }
    }

    @Test("the census the forecaster reads equals the same headcount")
    func forecastDriverMatchesHeadcount() throws {
        let (db, dataset) = try Self.ingested.get()
        let headcount = MidnightHeadcount(events: dataset.events, days: Self.history)
        for site in dataset.sites.map(\.id) {
            let history = try db.store.demandHistory(site: site, asOf: Self.history.upperBound,
                                                     days: Self.history.count, futureDays: 0)
            #expect(history.census == headcount.inHouse(site: site).map(Double.init), "site \(site)")
        }
    }

    @Test("events arriving in a shuffled order give the same census", arguments: [UInt64(1), 2])
    func shuffledArrivalMatchesHeadcount(seed: UInt64) throws {
        let dataset = DemoNetwork.generate(Self.network)
        let db = try TemporaryStore()
        try db.importMasterData(of: dataset)
        var generator = ShuffleGenerator(seed: seed)
        // The census is built from ADT events alone. Small batches, so late events meet a projection already
        // built from later ones.
        let feed = dataset.events.filter { if case .admission = $0.body { true } else { false } }
        try db.ingest(feed.shuffled(using: &generator), batch: 200)
        let headcount = MidnightHeadcount(events: dataset.events, days: Self.history)
        for site in dataset.sites.map(\.id) {
            let census = try db.store.census(site: site, from: Self.history.lowerBound, to: Self.history.upperBound)
            #expect(census.map(\.inHouse) == headcount.inHouse(site: site), "site \(site)")
            let history = try db.store.demandHistory(site: site, asOf: Self.history.upperBound,
                                                     days: Self.history.count, futureDays: 0)
            #expect(history.census == headcount.inHouse(site: site).map(Double.init), "site \(site)")
        }
    }

    @Test("no site's census is negative on any day, the opening load's days included")
    func censusNeverNegative() throws {
        let (db, dataset) = try Self.ingested.get()
        for site in dataset.sites.map(\.id) {
            let census = try db.store.census(site: site)
            #expect(!census.isEmpty, "site \(site)")
            #expect(census.allSatisfy { $0.inHouse >= 0 }, "site \(site): \(census.filter { $0.inHouse < 0 }.prefix(3))")
        }
    }

    // MARK: - What a real feed sends

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

/// SplitMix64: a seeded generator so a shuffled arrival order is the same on every run.
struct ShuffleGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
