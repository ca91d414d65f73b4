import Foundation
@testable import Interop
import SupplyDomain
import Testing

/// Replies: MSH from the message's own delimiters and version, MSA-2 echoing MSH-10, ERR naming segment and field.
@Suite struct HL7AcknowledgmentTests {
    static let now = Timestamp(secondsSinceEpoch: 1_796_213_400, utcOffsetSeconds: 3_600)

    static func reply(_ message: [UInt8], _ outcome: HL7Acknowledgment.Outcome) throws -> HL7Message {
        let text = try #require(HL7Acknowledgment.reply(to: HL7Header.read(message), outcome: outcome, controlId: "ACK-1", at: now))
        return try HL7Message(Array(text.utf8))
    }

    @Test("an accepted message is answered AA to its sender, echoing MSH-10, in its version")
    func accepted() throws {
        let ack = try Self.reply(try HL7Samples.bytes("ADT-A01-01"), .accepted)
        #expect(ack.segment("MSA")?.value(1) == "AA")
        #expect(ack.segment("MSA")?.value(2) == "MSG00001")
        #expect(ack.header.version == "2.8")
        #expect(ack.msh.value(5) == "ADTApp")
        #expect(ack.msh.value(6, component: 2) == "2.16.840.1.122848.1.30")
        #expect(ack.msh.value(3) == "EHRApp")
        #expect(ack.msh.value(9) == "ACK")
        #expect(ack.msh.value(9, component: 2) == "A01")
        #expect(ack.header.controlId == "ACK-1")
        #expect(ack.msh.value(7) == "20261202131000+0100")
        #expect(ack.segment("ERR") == nil)
    }

    @Test("an error is answered AE with ERR-2 naming segment, field and component and ERR-3 the table 0357 code")
    func error() throws {
        let error = HL7Error(.unmappedCode, at: HL7Location("AIS", 3, component: 1), "procedure '76164006' is not in the code map")
        let ack = try Self.reply(try HL7Samples.bytes("SIU-S12-01"), HL7Acknowledgment.Outcome(error))
        let err = try #require(ack.segment("ERR"))
        #expect(ack.segment("MSA")?.value(1) == "AE")
        #expect(ack.segment("MSA")?.value(2) == "MSG00012")
        #expect(err.value(2) == "AIS")
        #expect(err.value(2, component: 3) == "3")
        #expect(err.value(2, component: 5) == "1")
        #expect(err.value(3) == "103")
        #expect(err.value(8) == "procedure '76164006' is not in the code map")
    }

    @Test("a v2.3 message gets ERR-1 with the location and code in one field, and the text in MSA-3")
    func olderVersion() throws {
        let message = Array("MSH|^~\\&|A|F|R|RF|2026||ADT^A01|X9|P|2.3".utf8)
        let error = HL7Error(.requiredFieldMissing, at: HL7Location("PV1", 19), "the visit number (PV1-19) is missing")
        let ack = try Self.reply(message, .error(error))
        #expect(ack.segment("ERR")?.value(1) == "PV1")
        #expect(ack.segment("ERR")?.value(1, component: 3) == "19")
        #expect(ack.segment("ERR")?.value(1, component: 4, subcomponent: 1) == "101")
        #expect(ack.segment("MSA")?.value(3) == "PV1-19: the visit number (PV1-19) is missing")
    }

    @Test("the reply uses the message's own delimiters, and escapes them in its text")
    func ownDelimiters() throws {
        let message = Array("MSH#$*!@#A#F#R#RF#2026##ADT$A01#C!F!1#P#2.5".utf8)
        let error = HL7Error(.dataType, at: HL7Location("PV1", 3), "bad #value$")
        let text = try #require(HL7Acknowledgment.reply(to: HL7Header.read(message), outcome: .error(error), controlId: "Z", at: Self.now))
        #expect(text.hasPrefix("MSH#$*!@#R#RF#A#F#"))
        let ack = try HL7Message(Array(text.utf8))
        #expect(ack.segment("MSA")?.value(2) == "C#1")
        #expect(ack.segment("ERR")?.value(8) == "bad #value$")
    }

    @Test("a message without a readable MSH is answered AR in the standard delimiters")
    func unreadable() throws {
        let text = try #require(HL7Acknowledgment.reply(to: HL7Header.read(Array("garbage".utf8)),
            outcome: .rejected(HL7Error(.segmentSequence, at: HL7Location("MSH", 1), "no MSH")), controlId: "Z", at: Self.now))
        let ack = try HL7Message(Array(text.utf8))
        #expect(ack.segment("MSA")?.value(1) == "AR")
        #expect(ack.segment("ERR")?.value(2) == "MSH")
    }

    @Test("enhanced mode answers CA, CE or CR as MSH-15 asks: AL always, NE never, ER on errors, SU on success",
          arguments: [
              ("AL", "accepted", "CA"), ("AL", "error", "CE"), ("AL", "rejected", "CR"),
              ("NE", "accepted", nil), ("NE", "error", nil),
              ("ER", "accepted", nil), ("ER", "error", "CE"), ("ER", "rejected", "CR"),
              ("SU", "accepted", "CA"), ("SU", "error", nil),
              ("", "accepted", "AA"), ("", "error", "AE"), ("", "rejected", "AR"),
          ] as [(String, String, String?)])
    func enhancedMode(acceptType: String, outcome: String, code: String?) throws {
        let message = Array("MSH|^~\\&|A|F|R|RF|2026||ADT^A01|1|P|2.5|||\(acceptType)|\(acceptType.isEmpty ? "" : "NE")".utf8)
        let error = HL7Error(.unmappedCode, at: HL7Location("PV1", 3, component: 4), "x")
        let result: HL7Acknowledgment.Outcome = switch outcome {
        case "accepted": .accepted
        case "error": .error(error)
        default: .rejected(error)
        }
        let text = HL7Acknowledgment.reply(to: HL7Header.read(message), outcome: result, controlId: "Z", at: Self.now)
        let answered = try text.map { try HL7Message(Array($0.utf8)).segment("MSA")?.value(1) }
        #expect(answered ?? nil == code)
    }
}
