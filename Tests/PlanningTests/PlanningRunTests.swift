import Foundation
import Planning
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

@Suite struct PlanningRunTests {
    @Test("reorder point, order-up-to and quantity match a hand computation")
    func handComputed() throws {
        let test = try PlanningFixture.store()
        let run = try PlanningFixture.planning(test.store).run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        #expect(run.status == .succeeded)
        #expect(run.requisitionsRaised == 2)
        #expect(run.linesRaised == 2)
        let requisitions = try test.store.requisitions(site: "NORTH")
        // Gloves: lead time 3 (supplier) + review 1 = 4 days. Booked: C1's 4 on 10 Nov. Not yet booked: 1.5 a day on
        // the other three days = 4.5 (C1's day is all booked). Safety: quantile 8 − mean 6 = 2. ROP ⌈10.5⌉ = 11;
        // order-up-to ⌈11 + max(8.5 / 4, pack 10)⌉ = 21; usable 5 + on order 0 → 16 needed → 20 in packs of 10.
        let gloves = try #require(requisitions.first { $0.supplier == "MEDLINE" })
        let line = try #require(gloves.lines.first)
        #expect(line.reason.coverDays == 4)
        #expect(line.reason.reservationsInWindow == 4)
        #expect(line.reason.unbookedDemand == 4.5)
        #expect(line.reason.safetyStock == 2)
        #expect(line.reason.reorderPoint == 11)
        #expect(line.reason.orderUpTo == 21)
        #expect(line.quantity == 20)
        // 5 − 1.5 on 9 Nov leaves 3.5 for C1's 4 on 10 Nov: short on the 10th, before an order lands (11th): urgent.
        #expect(line.reason.stockoutDate == LocalDate(iso: "2026-11-10")!)
        #expect(line.expectedArrival == LocalDate(iso: "2026-11-11")!)
        #expect(gloves.priority == .urgent)
        #expect(gloves.needBy == LocalDate(iso: "2026-11-10")!)
        #expect(gloves.status == .approved)
        // Hip stem: implant → 99 %; lead time 10 + 1 = 11 days; booked 1 (C1), not yet booked 16.5 − 1 = 15.5,
        // safety 22 − 16.5 = 5.5: ROP 22; order-up-to ⌈22 + 1.5⌉ = 24; nothing on hand → 24 EA (28,800: waits).
        let stems = try #require(requisitions.first { $0.supplier == "ORTHO" })
        #expect(stems.lines[0].reason.serviceLevel == 0.99)
        #expect(stems.lines[0].reason.reorderPoint == 22)
        #expect(stems.lines[0].quantity == 24)
        #expect(stems.status == .pendingApproval)
        // The approved one is in the outbox for the ERP, the waiting one is not.
        let messages = try test.store.outboxMessages(channel: Requisitions.channel)
        #expect(messages.map(\.messageId) == [gloves.id])
        let shortages = try test.store.alerts(kind: .shortageProjected)
        #expect(shortages.map(\.subject).sorted() == ["NORTH/GLOVE-M", "NORTH/HIP-STEM"])
        #expect(try test.store.alerts(kind: .caseAtRisk).map(\.subject) == ["NORTH/C1"])
        // The gloves shortage names what is on hand, on order, the requisition that covers it and when it lands.
        let glovesAlert = try #require(shortages.first { $0.subject == "NORTH/GLOVE-M" })
        let shortage = try #require(try JSONSerialization.jsonObject(with: glovesAlert.data) as? [String: Any])
        #expect(shortage["coveringRequisition"] as? String == gloves.id)
        #expect(shortage["usableOnHand"] as? Double == 5)
        #expect(shortage["onOrder"] as? Double == 20)
        #expect(shortage["stockoutDate"] as? String == "2026-11-10")
        #expect(shortage["expectedArrival"] as? String == "2026-11-11")
    }

    @Test("running the same plan twice raises nothing new; a receipt against the requisition closes on-order")
    func idempotent() throws {
        let test = try PlanningFixture.store()
        let planning = PlanningFixture.planning(test.store)
        _ = try planning.run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        let second = try planning.run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        #expect(second.status == .succeeded)
        #expect(second.requisitionsRaised == 0)
        #expect(second.alertsRaised == 0)
        #expect(try test.store.requisitions().count == 2)
        let gloves = try #require(try test.store.requisitions().first { $0.supplier == "MEDLINE" })
        try test.append(ndjson: [ReservationTests.receipt("r9", item: "GLOVE-M", quantity: 20, po: gloves.id,
                                                          at: "2026-11-09T08:00:00+01:00")])
        #expect(try test.store.requisition(id: gloves.id).0.status == .received)
        let position = try #require(try test.store.inventory(site: "NORTH", item: "GLOVE-M", asOf: PlanningFixture.asOf).first)
        #expect(position.onOrder == 0)
        #expect(position.usableOnHand == 25)
    }

    @Test("concurrent triggers for one site: one runs, the others learn its id; a crashed run is marked failed")
    func oneRunPerSite() async throws {
        let test = try PlanningFixture.store()
        let planning = PlanningFixture.planning(test.store)
        let outcomes = await withTaskGroup(of: Result<Int64, any Error>.self) { group in
            for _ in 0..<8 {
                group.addTask { Result { try planning.begin(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t") } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let started = outcomes.compactMap { try? $0.get() }
        #expect(started.count == 1)
        let conflicts = outcomes.compactMap { result -> Int64? in
            guard case .failure(let error as PlanningRunConflict) = result else { return nil }
            return error.runningId
        }
        #expect(conflicts == Array(repeating: started[0], count: 7))
        // The process holding it "dies": on restart the run is failed and planning can run again.
        #expect(try test.store.failInterruptedPlanningRuns(isAlive: { _ in false }) == started)
        #expect(try test.store.planningRun(id: started[0]).status == .failed)
        let again = try planning.run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        #expect(again.status == .succeeded)
    }

    @Test("approval moves a waiting requisition into the outbox; reject and cancel are refused when out of place")
    func approval() throws {
        let test = try PlanningFixture.store()
        _ = try PlanningFixture.planning(test.store).run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        let stems = try #require(try test.store.requisitions(status: .pendingApproval).first)
        try test.store.approveRequisition(id: stems.id, actor: "planner", note: "ok")
        #expect(try test.store.outboxMessages(channel: Requisitions.channel).count == 2)
        #expect(throws: StoreError.self) { try test.store.rejectRequisition(id: stems.id, actor: "planner") }
        let history = try test.store.requisition(id: stems.id).1.map(\.status)
        #expect(history == ["pendingApproval", "approved"])
    }
}
