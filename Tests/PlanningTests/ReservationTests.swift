import Foundation
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

@Suite struct ReservationTests {
    static func receipt(_ id: String, item: String, quantity: Double, lot: String? = nil, expiry: String? = nil,
                        po: String = "PO-1", at: String = "2026-11-01T08:00:00+01:00") -> String {
        var payload: [String: Any] = ["po": po, "item": item, "quantity": quantity]
        if let lot { payload["lot"] = lot }
        if let expiry { payload["expiry"] = expiry }
        return EventLine.make(id: id, source: "erp", type: "receipt.recorded", at: at, payload: payload)
    }

    func held(_ store: SupplyStore, _ caseId: String) throws -> [String: Double] {
        try store.reservations(caseId: caseId).reduce(into: [:]) { result, row in
            if row.reserved > 0 { result["\(row.item)/\(row.lot)", default: 0] += row.reserved }
            if row.shortfall > 0 { result["\(row.item)/short", default: 0] += row.shortfall }
        }
    }

    @Test("book, reschedule past a lot's expiry, a second case, cancel: lots move first-expiry-first-out")
    func bookRescheduleCancel() throws {
        let test = try TemporaryStore().withStandardMasterData()
        // Given a hip stem in lot A (expires 12 Nov), one in lot B (end of year), a recalled-free stock of gloves.
        try test.append(ndjson: [
            Self.receipt("r1", item: "HIP-STEM", quantity: 1, lot: "A", expiry: "2026-11-12"),
            Self.receipt("r2", item: "HIP-STEM", quantity: 1, lot: "B", expiry: "2026-12-31"),
            Self.receipt("r3", item: "GLOVE-M", quantity: 10),
        ])
        // When C1 is booked for 10 Nov it takes lot A, the first to expire.
        try test.append(ndjson: [EventLine.caseEvent(id: "c1", "scheduled", caseId: "C1", at: "2026-11-02T09:00:00+01:00",
                                                     scheduledFor: "2026-11-10T08:00:00+01:00")])
        #expect(try held(test.store, "C1") == ["HIP-STEM/A": 1, "GLOVE-M/": 4])
        // Moved to 20 Nov, lot A would have expired: it takes lot B instead.
        try test.append(ndjson: [EventLine.caseEvent(id: "c2", "rescheduled", caseId: "C1", at: "2026-11-03T09:00:00+01:00",
                                                     scheduledFor: "2026-11-20T08:00:00+01:00")])
        #expect(try held(test.store, "C1") == ["HIP-STEM/B": 1, "GLOVE-M/": 4])
        // C2 on 11 Nov can still use lot A; C3 on 25 Nov finds nothing usable and is short.
        try test.append(ndjson: [
            EventLine.caseEvent(id: "c3", "scheduled", caseId: "C2", at: "2026-11-03T10:00:00+01:00",
                                scheduledFor: "2026-11-11T08:00:00+01:00"),
            EventLine.caseEvent(id: "c4", "scheduled", caseId: "C3", at: "2026-11-03T11:00:00+01:00",
                                scheduledFor: "2026-11-25T08:00:00+01:00"),
        ])
        #expect(try held(test.store, "C2") == ["HIP-STEM/A": 1, "GLOVE-M/": 4])
        #expect(try held(test.store, "C3") == ["HIP-STEM/short": 1, "GLOVE-M/": 2, "GLOVE-M/short": 2])
        // Cancelling C1 releases lot B and gloves, which go to C3.
        try test.append(ndjson: [EventLine.caseEvent(id: "c5", "cancelled", caseId: "C1", at: "2026-11-04T09:00:00+01:00")])
        #expect(try held(test.store, "C1").isEmpty)
        #expect(try held(test.store, "C3") == ["HIP-STEM/B": 1, "GLOVE-M/": 4])
        // Then the inventory position counts what is held for cases from the given day on.
        let positions = try test.store.inventory(site: "NORTH", asOf: LocalDate(iso: "2026-11-05")!)
        let stem = try #require(positions.first { $0.item == "HIP-STEM" })
        #expect(stem.usableOnHand == 2 && stem.reserved == 2 && stem.backorders == 0 && stem.position == 0)
    }

    @Test("usage converts a reservation, completion releases the rest, a recalled or expired lot is never held")
    func usageAndCompletion() throws {
        let test = try TemporaryStore().withStandardMasterData()
        try test.append(ndjson: [
            Self.receipt("r1", item: "GLOVE-M", quantity: 10),
            Self.receipt("r2", item: "HIP-STEM", quantity: 1, lot: "OLD", expiry: "2026-11-01"),
            EventLine.caseEvent(id: "c1", "scheduled", caseId: "C1", at: "2026-11-02T09:00:00+01:00"),
        ])
        #expect(try held(test.store, "C1") == ["GLOVE-M/": 4, "HIP-STEM/short": 1])
        try test.append(ndjson: [EventLine.usage(id: "u1", item: "GLOVE-M", quantity: 3, extra: ["case": "C1"])])
        #expect(try held(test.store, "C1") == ["GLOVE-M/": 1, "HIP-STEM/short": 1])
        try test.append(ndjson: [EventLine.caseEvent(id: "c2", "completed", caseId: "C1", at: "2026-11-10T12:00:00+01:00")])
        #expect(try held(test.store, "C1").isEmpty)
    }

    @Test("a cancellation that arrives before its booking leaves nothing reserved")
    func outOfOrder() throws {
        let test = try TemporaryStore().withStandardMasterData()
        try test.append(ndjson: [
            Self.receipt("r1", item: "GLOVE-M", quantity: 10),
            EventLine.caseEvent(id: "c2", "cancelled", caseId: "C1", at: "2026-11-03T09:00:00+01:00"),
            EventLine.caseEvent(id: "c1", "scheduled", caseId: "C1", at: "2026-11-02T09:00:00+01:00"),
        ])
        #expect(try held(test.store, "C1").isEmpty)
    }

    @Test("a case booked for tomorrow without stock raises case.at_risk at once; the receipt that covers it resolves it")
    func urgentCaseAtRisk() throws {
        let test = try TemporaryStore().withStandardMasterData()
        let now = Date()
        let today = Timestamp(date: now).localDate
        let tomorrow = "\(today.advanced(by: 1))T08:00:00Z"
        let booking = EventLine.caseEvent(id: "c1", "scheduled", caseId: "C1", at: Timestamp(date: now).description,
                                          scheduledFor: tomorrow)
        try test.append(ndjson: [booking])
        let alert = try #require(try test.store.alerts(kind: .caseAtRisk).first)
        #expect(alert.subject == "NORTH/C1" && alert.severity == .critical && alert.state == .open)
        let data = try #require(try JSONSerialization.jsonObject(with: alert.data) as? [String: Any])
        #expect((data["missing"] as? [String: Double])?.keys.sorted() == ["GLOVE-M", "HIP-STEM"])
        // A case two weeks out that is short waits for the planning run.
        let later = EventLine.caseEvent(id: "c2", "scheduled", caseId: "C2", at: Timestamp(date: now).description,
                                        scheduledFor: "\(today.advanced(by: 14))T08:00:00Z")
        try test.append(ndjson: [later])
        #expect(try test.store.alerts(kind: .caseAtRisk).map(\.subject) == ["NORTH/C1"])
        // Stock for both items arrives: C1 is covered and its alert is resolved, in the same transaction.
        let receipts = [Self.receipt("r1", item: "GLOVE-M", quantity: 10, at: Timestamp(date: now).description),
                        Self.receipt("r2", item: "HIP-STEM", quantity: 1, lot: "A", expiry: "2030-01-01",
                                     at: Timestamp(date: now).description)]
        try test.append(ndjson: receipts)
        #expect(try test.store.alerts(kind: .caseAtRisk).isEmpty)
        #expect(try test.store.alerts(kind: .caseAtRisk, includeResolved: true).first?.state == .resolved)
    }
}

@Suite struct StartedCaseTests {
    @Test("a case whose start has passed raises no case.at_risk when its day's events arrive that evening")
    func startedCaseIsNotAtRisk() throws {
        let test = try TemporaryStore().withStandardMasterData()
        // Given a case that started at 08:00 today with nothing on the shelf, booked a week ago.
        let now = Date()
        let today = Timestamp(date: now).localDate
        let weekAgo = "\(today.advanced(by: -7))T09:00:00Z"
        let morning = Timestamp(secondsSinceEpoch: Double(today.dayNumber) * 86_400 + 8 * 3_600)
        let booking = EventLine.caseEvent(id: "c1", "scheduled", caseId: "C1", at: weekAgo,
                                          scheduledFor: morning.description)
        // When the feed delivers it after the case began (the evening's batch), with a case later today.
        let evening = Timestamp(secondsSinceEpoch: Double(today.dayNumber) * 86_400 + 23 * 3_600).date
        let later = EventLine.caseEvent(id: "c2", "scheduled", caseId: "C2", at: weekAgo,
                                        scheduledFor: "\(today.advanced(by: 1))T08:00:00Z")
        try test.append(ndjson: [booking, later], receivedAt: evening)
        // Then only tomorrow's case is at risk: the one already under way went ahead with what there was.
        #expect(try test.store.alerts(kind: .caseAtRisk).map(\.subject) == ["NORTH/C2"])
    }
}
