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
        #expect(run.status == .succeeded && run.requisitionsRaised == 2 && run.linesRaised == 2)
        let requisitions = try test.store.requisitions(site: "NORTH")
        // Gloves: lead time 3 (supplier) + review 1 = 4 days; quantile 2 × 4 = 8, plus 4 reserved for C1 → ROP 12.
        // Position 5 on hand − 4 reserved = 1. Order-up-to 12 + max(1.5 × 1, pack 10) = 22 → 21 short → 30 (packs of 10).
        let gloves = try #require(requisitions.first { $0.supplier == "MEDLINE" })
        let line = try #require(gloves.lines.first)
        #expect(line.reason.coverDays == 4 && line.reason.reorderPoint == 12 && line.reason.orderUpTo == 22)
        #expect(line.reason.position.position == 1 && line.quantity == 30)
        // Stock left after C1 (1) lasts one day, before the 3-day lead time: urgent, needed tomorrow; 135 ≤ 5000: approved.
        #expect(gloves.priority == .urgent && gloves.needBy == PlanningFixture.asOf.advanced(by: 1) && gloves.status == .approved)
        // Hip stem: implant → 99 %; lead time 10 + 1 = 11 days; 22 + 1 short for C1 = 23; position −1;
        // order-up-to 23 + max(1.5, pack 1) = 24.5 → 25.5 short → 26 EA.
        let stems = try #require(requisitions.first { $0.supplier == "ORTHO" })
        #expect(stems.lines[0].reason.serviceLevel == 0.99 && stems.lines[0].reason.reorderPoint == 23)
        #expect(stems.lines[0].quantity == 26 && stems.status == .pendingApproval)
        // The approved one is in the outbox for the ERP, the waiting one is not.
        let messages = try test.store.outboxMessages(channel: Requisitions.channel)
        #expect(messages.map(\.messageId) == [gloves.id])
        #expect(try test.store.alerts(kind: .shortageProjected).map(\.subject).sorted() == ["NORTH/GLOVE-M", "NORTH/HIP-STEM"])
        #expect(try test.store.alerts(kind: .caseAtRisk).map(\.subject) == ["NORTH/C1"])
        // The shortage names what is on hand, held, on order and the requisition that covers it.
        let glovesAlert = try #require(try test.store.alerts(kind: .shortageProjected).first { $0.subject == "NORTH/GLOVE-M" })
        let shortage = try #require(try JSONSerialization.jsonObject(with: glovesAlert.data) as? [String: Any])
        #expect(shortage["coveringRequisition"] as? String == gloves.id)
        #expect(shortage["onHand"] as? Double == 5 && shortage["reserved"] as? Double == 4 && shortage["onOrder"] as? Double == 30)
        #expect(shortage["stockoutDate"] as? String == "2026-11-09" && shortage["expectedArrival"] as? String == "2026-11-09")
    }

    @Test("running the same plan twice raises nothing new; a receipt against the requisition closes on-order")
    func idempotent() throws {
        let test = try PlanningFixture.store()
        let planning = PlanningFixture.planning(test.store)
        _ = try planning.run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        let second = try planning.run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        #expect(second.status == .succeeded && second.requisitionsRaised == 0 && second.alertsRaised == 0)
        #expect(try test.store.requisitions().count == 2)
        let gloves = try #require(try test.store.requisitions().first { $0.supplier == "MEDLINE" })
        try test.append(ndjson: [ReservationTests.receipt("r9", item: "GLOVE-M", quantity: 30, po: gloves.id,
                                                          at: "2026-11-09T08:00:00+01:00")])
        #expect(try test.store.requisition(id: gloves.id).0.status == .received)
        let position = try #require(try test.store.inventory(site: "NORTH", item: "GLOVE-M", asOf: PlanningFixture.asOf).first)
        #expect(position.onOrder == 0 && position.usableOnHand == 35)
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
