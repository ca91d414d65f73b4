import Foundation
import Interop
import SupplyDomain
import Testing

/// The canonical form pinned: a few events whose canonical bytes and SHA-256 are written out here, computed
/// outside Swift. Fingerprints are stored in databases; if this test fails, a change (in SupplyCast or in the
/// toolchain) would turn re-sent events from duplicates into conflicts. Do not update the literals to make it
/// pass: make the writer produce them again.
@Suite struct FingerprintPinTests {
    struct Pin: Sendable, CustomTestStringConvertible {
        var event: SupplyEvent
        var canonical: String
        var sha256: String
        var testDescription: String { event.type.rawValue }
    }

    static func at(_ text: String) -> Timestamp {
        try! Timestamp.parse(text)
    }

    static let pins: [Pin] = [
        Pin(
            event: SupplyEvent(id: "use-1", source: "mm-north", occurredAt: at("2026-11-02T09:15:30.250+01:00"),
                site: "NORTH", correlationId: "corr/1",
                body: .usage(Usage(item: "HIP-STEM-12", gtin: "00614141999996",
                    udi: "(01)00614141999996(17)270630(10)LOT42(21)SN7", quantity: 1, lot: "LOT42", serial: "SN7",
                    expiry: LocalDate(year: 2027, month: 6, day: 30), location: "OR-1", caseId: "C0001",
                    patient: "P/123"))),
            canonical: #"{"correlationId":"corr/1","id":"use-1","occurredAt":"2026-11-02T09:15:30.250+01:00","payload":{"case":"C0001","expiry":"2027-06-30","gtin":"00614141999996","item":"HIP-STEM-12","location":"OR-1","lot":"LOT42","patient":"P/123","quantity":1,"serial":"SN7","udi":"(01)00614141999996(17)270630(10)LOT42(21)SN7"},"site":"NORTH","source":"mm-north","type":"usage.recorded"}"#,
            sha256: "baaa5c8bb2190258570b04894c516bda2bc0791f9db4d33d9877bd873222fc2a"),
        Pin(
            event: SupplyEvent(id: "rcv-7", source: "erp", occurredAt: at("2026-11-03T14:00:00Z"), site: "EAST",
                body: .receipt(Receipt(po: "PO-77", poLine: "2", item: "GLOVE-M", quantity: 3,
                    expiry: LocalDate(year: 2028, month: 1, day: 31), unitPrice: 0.1 + 0.2, supplier: "M\u{E9}di-Sup",
                    location: "DOCK"))),
            canonical: "{\"id\":\"rcv-7\",\"occurredAt\":\"2026-11-03T14:00:00Z\",\"payload\":{\"expiry\":\"2028-01-31\",\"item\":\"GLOVE-M\",\"location\":\"DOCK\",\"po\":\"PO-77\",\"poLine\":\"2\",\"quantity\":3,\"supplier\":\"M\u{E9}di-Sup\",\"unitPrice\":0.30000000000000004},\"site\":\"EAST\",\"source\":\"erp\",\"type\":\"receipt.recorded\"}",
            sha256: "d5ddc87b672eb11e1393e3dba4542f12e29c26953b7037943c0f607ace58edef"),
        Pin(
            event: SupplyEvent(id: "inv-9", source: "ap", occurredAt: at("2026-11-04T08:30:00-05:00"), site: "NORTH",
                body: .invoice(InvoiceLine(supplier: "ACME", invoice: "INV-9", line: "1\"A\\B", po: "po\t7",
                    item: "GLOVE-M", quantity: -2, unitPrice: 1e21, currency: "EUR"))),
            canonical: #"{"id":"inv-9","occurredAt":"2026-11-04T08:30:00-05:00","payload":{"currency":"EUR","invoice":"INV-9","item":"GLOVE-M","line":"1\"A\\B","po":"po\t7","quantity":-2,"supplier":"ACME","unitPrice":1e+21},"site":"NORTH","source":"ap","type":"invoice.received"}"#,
            sha256: "e8c094520d146c7407d8f5816ec75b9ed5563ccfa8a5c9711d5a0daf623d62f3"),
        Pin(
            event: SupplyEvent(id: "cnt-1", source: "count", occurredAt: at("2026-11-05T23:59:59.999+14:00"),
                site: "NORTH",
                body: .stockCount(StockCount(item: "CAFE\u{301}", lot: "\u{1}\u{1F}\u{7F}", location: "\u{1F600}\u{2028}",
                    quantity: -0.0))),
            canonical: "{\"id\":\"cnt-1\",\"occurredAt\":\"2026-11-05T23:59:59.999+14:00\",\"payload\":{\"item\":\"CAFE\u{301}\",\"location\":\"\u{1F600}\u{2028}\",\"lot\":\"\\u0001\\u001f\u{7F}\",\"quantity\":-0},\"site\":\"NORTH\",\"source\":\"count\",\"type\":\"stock.counted\"}",
            sha256: "9c5f514d24e91edc464de2b8e27f07979631e62a798b14f05fe032e529044c55"),
        Pin(
            event: SupplyEvent(id: "or-3", source: "or-north", occurredAt: at("2026-11-06T07:00:00-03:30"), site: "NORTH",
                body: .surgicalCase(CaseChange(kind: .rescheduled, caseId: "C3", procedure: "HIP-TOTAL", surgeon: "DR-1",
                    scheduledFor: at("2026-11-10T08:00:00+01:00"), reason: "moved/\nagain"))),
            canonical: #"{"id":"or-3","occurredAt":"2026-11-06T07:00:00-03:30","payload":{"case":"C3","procedure":"HIP-TOTAL","reason":"moved/\nagain","scheduledFor":"2026-11-10T08:00:00+01:00","surgeon":"DR-1"},"site":"NORTH","source":"or-north","type":"case.rescheduled"}"#,
            sha256: "db36fad5b30caa3d97d4b926f5273ea8c48d9c9503734840aa9b93730bf35341"),
        Pin(
            event: SupplyEvent(id: "adt-4", source: "adt-north", occurredAt: at("2026-11-07T13:30:00+01:00"), site: "NORTH",
                body: .admission(AdmissionChange(kind: .transferred, encounter: "E4", unit: "WARD-MED", toSite: "EAST"))),
            canonical: #"{"id":"adt-4","occurredAt":"2026-11-07T13:30:00+01:00","payload":{"encounter":"E4","toSite":"EAST","unit":"WARD-MED"},"site":"NORTH","source":"adt-north","type":"admission.transferred"}"#,
            sha256: "34b5dab8c7e27830e73c308dfc7c50cd18d98210c0381400126b47f8fd686a5a"),
        Pin(
            event: SupplyEvent(id: "use-2", source: "mm-north", occurredAt: at("2026-11-08T10:00:00Z"), site: "NORTH",
                body: .usage(Usage(item: "SUTURE", quantity: 1e-7))),
            canonical: #"{"id":"use-2","occurredAt":"2026-11-08T10:00:00Z","payload":{"item":"SUTURE","quantity":1e-07},"site":"NORTH","source":"mm-north","type":"usage.recorded"}"#,
            sha256: "d3d7b3edc5f23fe689db5a24857f559dcd86cab370236713843e0ad3f57d8a79"),
    ]

    @Test("the canonical bytes of each pinned event are the ones written here", arguments: pins)
    func canonicalBytes(pin: Pin) throws {
        let fingerprint = try EventFingerprint(of: pin.event)
        #expect(Array(fingerprint.canonical) == Array(pin.canonical.utf8))
    }

    @Test("the fingerprint of each pinned event is the SHA-256 written here", arguments: pins)
    func contentHash(pin: Pin) throws {
        #expect(try EventFingerprint(of: pin.event).contentHash == pin.sha256)
    }

    @Test("a pinned record sent in another spelling (keys reordered, spaces, escapes) decodes to the pinned fingerprint")
    func respeltRecordKeepsItsFingerprint() throws {
        let record = #"{ "type": "usage.recorded", "site": "NORTH", "source": "mm-north", "id": "use-2", "occurredAt": "2026-11-08T10:00:00+00:00", "payload": { "quantity": 0.0000001, "item": "SUT\u0055RE" } }"#
        let decoded = EventDecoder().decode(Data(record.utf8), format: .ndjson, origin: "pin.ndjson")
        guard case .event(_, let fingerprint)? = decoded.first?.outcome else {
            Issue.record("not decoded: \(String(describing: decoded.first?.problem))")
            return
        }
        #expect(fingerprint.contentHash == Self.pins[6].sha256)
    }
}
