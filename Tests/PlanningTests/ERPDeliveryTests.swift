import Delivery
import Foundation
import NIOCore
import Planning
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// Requisitions reaching a real HTTP ERP on loopback: healthy, down, slow, failing, refusing, and a service killed
/// at each step of a send. Whatever happens, the ERP ends with exactly one requisition per need.
@Suite(.serialized) struct ERPDeliveryTests {
    /// The standard fixture planned with every requisition approved: gloves (MEDLINE) and hip stems (ORTHO).
    static func plannedStore() throws -> TemporaryStore {
        let test = try PlanningFixture.store()
        let planning = PlanningRun(store: test.store, settings: PlanningRunSettings(approvalThreshold: 1e9)) { _, _ in
            FixedDemand()
        }
        _ = try planning.run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        #expect(try test.store.requisitions(status: .approved).count == 2)
        return test
    }

    /// The ERP connector's schedule 1000× faster (5 ms, 30 ms, 120 ms, …).
    static func connector(_ store: SupplyStore, url: String, timeout: TimeAmount = .seconds(5)) -> ERPHTTPConnector {
        ERPHTTPConnector(store: store, url: url, schedule: ERPHTTPConnector.defaultSchedule.scaled(by: 0.001), timeout: timeout)
    }

    /// Relay passes until every requisition has left `approved`, or `seconds` pass.
    func deliver(_ store: SupplyStore, _ connector: ERPHTTPConnector, within seconds: Double) async throws -> Bool {
        let relay = Relay(store: store, connectors: [connector], lease: 1)
        return try await eventually(within: seconds) {
            try await relay.runOnce()
            return try store.requisitions(status: .approved).isEmpty
        }
    }

    @Test("a healthy ERP gets each requisition once, keyed by its id, without patient identifiers; its id is stored")
    func healthy() async throws {
        let test = try Self.plannedStore()
        let erp = try await FakeERP()
        let connector = Self.connector(test.store, url: erp.url)
        #expect(try await deliver(test.store, connector, within: 10))
        try await connector.shutdown()
        await erp.stop()
        let requisitions = try test.store.requisitions()
        #expect(Set(erp.requests.map(\.key)) == Set(requisitions.map(\.id)) && erp.requests.count == 2)
        #expect(requisitions.allSatisfy { $0.status == .sent && $0.erpId?.hasPrefix("ERP-") == true })
        let gloves = try #require(requisitions.first { $0.supplier == "MEDLINE" })
        let sent = try #require(erp.requests.first { $0.key == gloves.id })
        let document = try JSONDecoder().decode(RequisitionDocument.self, from: sent.body)
        #expect(document.requisitionId == gloves.id && document.site == "NORTH" && document.supplier == "MEDLINE")
        #expect(document.lines.map(\.item) == ["GLOVE-M"])
        #expect(document.lines[0].quantity == gloves.lines[0].quantity)
        #expect(document.demandReferences.contains("forecast"))
        let text = String(decoding: sent.body, as: UTF8.self)
        #expect(!text.contains("patient") && !text.contains("MRN"))
        #expect(try test.store.requisition(id: gloves.id).1.map(\.status) == ["approved", "sent"])
    }

    @Test("an ERP that is down, then answers 500 and 503, is retried until it takes each requisition once")
    func downThenFailingThenUp() async throws {
        let test = try Self.plannedStore()
        let probe = try await FakeERP()
        let port = probe.port
        await probe.stop()
        let connector = Self.connector(test.store, url: "http://127.0.0.1:\(port)/requisitions")
        let relay = Relay(store: test.store, connectors: [connector], lease: 1)
        // While nothing listens, attempts fail with connection errors and stay queued.
        _ = try await eventually(within: 3) {
            try await relay.runOnce()
            return try test.store.outboxMessages(channel: Requisitions.channel).allSatisfy { $0.attempts >= 2 }
        }
        #expect(try test.store.requisitions(status: .approved).count == 2)
        // Then the ERP comes up on that port, failing twice more before it works.
        let erp = try await FakeERP(script: ["status:500", "status:503"], port: port)
        #expect(try await deliver(test.store, connector, within: 15))
        try await connector.shutdown()
        await erp.stop()
        #expect(erp.accepted.count == 2 && erp.requests.count == 4)
        #expect(try test.store.requisitions().allSatisfy { $0.status == .sent })
        #expect(try test.store.outboxMessages(channel: Requisitions.channel).allSatisfy { $0.attempts >= 3 })
    }

    @Test("a slow ERP past the timeout: the retry meets 409 for the repeated key, which counts as delivered")
    func slowThenConflict() async throws {
        let test = try Self.plannedStore()
        let erp = try await FakeERP(script: ["slow:1.5"])
        let connector = Self.connector(test.store, url: erp.url, timeout: .milliseconds(400))
        #expect(try await deliver(test.store, connector, within: 15))
        try await connector.shutdown()
        await erp.stop()
        // The first request was processed (late) and the retry repeated its key: one requisition per need.
        #expect(erp.accepted.count == 2)
        #expect(erp.requests.count == 3)
        let repeated = Dictionary(grouping: erp.requests, by: \.key).filter { $0.value.count > 1 }
        #expect(repeated.count == 1)
        let slowOne = try #require(repeated.keys.first)
        #expect(try test.store.requisition(id: slowOne).0.erpId == erp.accepted[slowOne])
    }

    @Test("a 4xx refusal marks the requisition rejected by the ERP and raises requisition.failed for planners")
    func refused() async throws {
        let test = try Self.plannedStore()
        let erp = try await FakeERP(script: ["status:422", "ok"])
        let connector = Self.connector(test.store, url: erp.url)
        #expect(try await deliver(test.store, connector, within: 10))
        try await connector.shutdown()
        await erp.stop()
        let statuses = try test.store.requisitions().map(\.status.rawValue).sorted()
        #expect(statuses == ["rejectedByERP", "sent"])
        #expect(erp.requests.count == 2)
        let rejected = try #require(try test.store.requisitions(status: .rejectedByERP).first)
        let failures = try test.store.alerts(kind: .requisitionFailed)
        #expect(failures.map(\.subject) == [rejected.id] && failures[0].severity == .critical)
        // Its quantities no longer count as on order, so the next run can raise the need again.
        let position = try #require(try test.store.inventory(site: "NORTH", asOf: PlanningFixture.asOf)
            .first { $0.item == rejected.lines[0].item })
        #expect(position.onOrder == 0)
    }

    @Test("the ERP answered but the answer was never recorded: the re-send meets 409 and keeps the ERP's first id")
    func answeredButNotRecorded() async throws {
        let test = try Self.plannedStore()
        let erp = try await FakeERP()
        let connector = Self.connector(test.store, url: erp.url)
        // A relay claims the messages and the ERP takes them, then the relay dies before recording the answers.
        let claimed = try await test.store.claimDueMessages(channel: Requisitions.channel, lease: 0.5)
        #expect(claimed.count == 2)
        for message in claimed {
            guard case .delivered = await connector.deliver(message) else {
                Issue.record("the ERP did not take \(message.messageId)")
                return
            }
        }
        let firstIds = erp.accepted
        #expect(try test.store.requisitions(status: .approved).count == 2)
        // Once the claims lapse, the next relay sends the same keys again and records the ERP's original ids.
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await deliver(test.store, connector, within: 10))
        try await connector.shutdown()
        await erp.stop()
        #expect(erp.requests.count == 4 && erp.accepted == firstIds)
        for requisition in try test.store.requisitions() {
            #expect(requisition.status == .sent && requisition.erpId == firstIds[requisition.id])
        }
    }

    @Test("killing the service between commit and send, and while the ERP holds the request: one requisition per need")
    func killedService() async throws {
        let test = try Self.plannedStore()
        // Given requisitions committed while no service runs, and an ERP that records the first request and then
        // takes 4 s to answer it,
        let erp = try await FakeERP(script: ["slow:4"])
        let log = test.folder.appendingPathComponent("serve.log")
        let extra = ["--erp-url", erp.url, "--erp-retry-scale", "0.001"]
        // when the service starts (the committed messages go out) and is killed with SIGKILL while the ERP holds
        // the first answer,
        let first = try ServeProcess(db: test.path, log: log, extra: extra)
        let sending = try await eventually(within: 15) { !erp.requests.isEmpty }
        first.kill9()
        #expect(sending)
        let afterKill = erp.requests.count
        #expect(try test.store.requisitions(status: .approved).count >= 1)
        // then after a restart the claim lapses, the same key goes out again, and every requisition is sent.
        let second = try ServeProcess(db: test.path, log: log, extra: extra)
        let done = try await eventually(within: 25) {
            try test.store.requisitions().allSatisfy { $0.status == .sent }
        }
        second.stop()
        await erp.stop()
        #expect(done, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        #expect(erp.requests.count > afterKill)
        #expect(erp.accepted.count == 2)
        #expect(Set(erp.accepted.keys) == Set(try test.store.requisitions().map(\.id)))
        for requisition in try test.store.requisitions() {
            #expect(requisition.erpId == erp.accepted[requisition.id])
        }
    }

    @Test("the CSV connector drops one complete file per requisition, atomically; a second drop replaces it unchanged")
    func csvDrop() async throws {
        let test = try Self.plannedStore()
        let folder = test.folder.appendingPathComponent("erp-inbox")
        let connector = ERPCSVConnector(store: test.store, directory: folder)
        let relay = Relay(store: test.store, connectors: [connector], lease: 1)
        #expect(try await eventually(within: 10) {
            try await relay.runOnce()
            return try test.store.requisitions(status: .approved).isEmpty
        })
        let requisitions = try test.store.requisitions()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == requisitions.map { "\($0.id).csv" }.sorted())
        #expect(requisitions.allSatisfy { $0.status == .sent && $0.erpId == $0.id })
        let gloves = try #require(requisitions.first { $0.supplier == "MEDLINE" })
        let file = folder.appendingPathComponent("\(gloves.id).csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 2 && rows[0].first == "requisitionId" && rows[1][0] == Substring(gloves.id))
        #expect(rows[1][rows[0].firstIndex(of: "quantity")!] == Substring(String(Int(gloves.lines[0].quantity))))
        #expect(rows[1][rows[0].firstIndex(of: "item")!] == "GLOVE-M")
        // Delivered again (a crash before the answer was recorded): the same file, no second requisition.
        let message = try #require(try test.store.outboxMessages(channel: Requisitions.channel).first { $0.messageId == gloves.id })
        #expect(await connector.deliver(message) == .delivered(response: gloves.id, statusCode: nil))
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == files.count)
    }
}
