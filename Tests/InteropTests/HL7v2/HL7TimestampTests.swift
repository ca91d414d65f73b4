import Foundation
@testable import Interop
import SupplyDomain
import Testing

/// HL7 date/times of every precision, with and without offset, against the canonical RFC 3339 parser.
@Suite struct HL7TimestampTests {
    @Test("every precision with an offset is the instant RFC 3339 states",
          arguments: [
              ("2026+0100", "2026-01-01T00:00:00+01:00"),
              ("202603+0100", "2026-03-01T00:00:00+01:00"),
              ("20260302+0100", "2026-03-02T00:00:00+01:00"),
              ("2026030207+0100", "2026-03-02T07:00:00+01:00"),
              ("202603020745+0215", "2026-03-02T07:45:00+02:15"),
              ("20260302074530-0330", "2026-03-02T07:45:30-03:30"),
              ("20260302074530.25+0000", "2026-03-02T07:45:30.250Z"),
              ("20210817151943.4+0200", "2021-08-17T15:19:43.400+02:00"),
              ("20260302074530.1234-0500", "2026-03-02T07:45:30.1234-05:00"),
          ])
    func withOffset(hl7: String, rfc3339: String) throws {
        let parsed = try HL7Timestamp.parse(hl7, zone: nil)
        let expected = try Timestamp.parse(rfc3339)
        #expect(parsed == expected)
        #expect(parsed.utcOffsetSeconds == expected.utcOffsetSeconds)
    }

    @Test("without an offset the site's zone applies, summer and winter alike",
          arguments: [
              ("20260115083000", "2026-01-15T08:30:00+01:00"),
              ("20260715083000", "2026-07-15T08:30:00+02:00"),
              ("20261025120000", "2026-10-25T12:00:00+01:00"),
          ])
    func inSiteZone(hl7: String, rfc3339: String) throws {
        let parsed = try HL7Timestamp.parse(hl7, zone: TimeZone(identifier: "Europe/Berlin"))
        let expected = try Timestamp.parse(rfc3339)
        #expect(parsed == expected)
        #expect(parsed.utcOffsetSeconds == expected.utcOffsetSeconds)
    }

    @Test("without an offset and without a zone the value is refused, saying how to fix it")
    func noZone() {
        #expect(throws: HL7Timestamp.Failure.noTimeZone("20260115")) { try HL7Timestamp.parse("20260115", zone: nil) }
    }

    @Test("malformed and out-of-range values are refused",
          arguments: ["", "202", "2026013", "20261301", "20260230", "2026010125", "20260101.5", "20260101120000.",
                      "20260101120000.12345", "20260101+01", "20260101+2400", "2026-01-01", "20260101x"])
    func refused(text: String) {
        #expect(throws: HL7Timestamp.Failure.self) { try HL7Timestamp.parse(text, zone: TimeZone(identifier: "UTC")) }
    }
}
