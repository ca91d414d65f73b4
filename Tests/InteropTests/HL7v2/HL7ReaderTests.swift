import Foundation
@testable import Interop
import Testing

/// The reader: delimiters from MSH-1/MSH-2, escapes, repetitions, components, subcomponents, character sets.
@Suite struct HL7ReaderTests {
    /// A message written with `#` for fields, `$` components, `*` repetitions, `!` escape and `@` subcomponents.
    static let unusual = HL7Samples.lines(
        "MSH#$*!@#APP#FAC#RCV#RFAC#20261202101500+0100##ADT$A01$ADT_A01#C-1#P#2.5.1",
        "PID#1##MRN1$$$H@1.2@ISO$MR*999$$$SSA$SS##Smith !F! Jones$Ann",
        "NTE#1##a!S!b!T!c!R!d!E!e")

    @Test("fields, components, subcomponents and repetitions split on the delimiters MSH-1 and MSH-2 declare")
    func unusualDelimiters() throws {
        let message = try HL7Message(Self.unusual)
        let pid = try #require(message.segment("PID"))
        #expect(message.header.messageCode == "ADT")
        #expect(message.header.triggerEvent == "A01")
        #expect(message.header.controlId == "C-1")
        #expect(pid.value(3) == "MRN1")
        #expect(pid.value(3, component: 4, subcomponent: 2) == "1.2")
        #expect(pid.value(3, component: 5, repetition: 2) == "SS")
        #expect(pid.field(3).repetitions.count == 2)
        #expect(pid.value(5) == "Smith # Jones")
        #expect(pid.value(5, component: 2) == "Ann")
    }

    @Test("escape sequences stand for the message's own delimiters")
    func escapesInOwnDelimiters() throws {
        let nte = try #require(try HL7Message(Self.unusual).segment("NTE"))
        #expect(nte.value(3) == "a$b@c*d!e")
    }

    @Test("standard escapes, hex escapes in UTF-8, line breaks and highlighting read as text",
          arguments: [
              (#"A\T\E-this Hosp"#, "A&E-this Hosp"),
              (#"\F\\S\\R\\E\\T\"#, "|^~\\&"),
              (#"caf\XC3A9\"#, "café"),
              (#"line\.br\two"#, "line\ntwo"),
              (#"\H\bold\N\"#, "bold"),
              (#"unclosed \F"#, #"unclosed \F"#),
              (#"odd \Q\ kept"#, #"odd \Q\ kept"#),
          ])
    func escapes(raw: String, text: String) throws {
        let message = try HL7Message(HL7Samples.lines("MSH|^~\\&|A|F|R|RF|2026||ADT^A08|1|P|2.5||||||UNICODE UTF-8", "NTE|1||" + raw))
        #expect(message.segment("NTE")?.value(3) == text)
    }

    @Test("an 8859/1 message's bytes and hex escapes are Latin-1 characters")
    func latin1() throws {
        var bytes = HL7Samples.lines("MSH|^~\\&|A|F|R|RF|2026||ADT^A08|1|P|2.5||||||8859/1", "NTE|1||Jos")
        bytes += [0xE9] + Array(#" \XE9\"#.utf8)
        #expect(try HL7Message(bytes).segment("NTE")?.value(3) == "José é")
    }

    @Test("a message declaring ASCII or UTF-8 whose bytes are not is refused, naming MSH-18",
          arguments: ["ASCII", "UNICODE UTF-8"])
    func wrongBytesForCharacterSet(declared: String) throws {
        let bytes = HL7Samples.lines("MSH|^~\\&|A|F|R|RF|2026||ADT^A08|1|P|2.5||||||" + declared, "NTE|1||Jos") + [0xE9]
        let error = try #require(throws: HL7Error.self) { try HL7Message(bytes) }
        #expect(error.location.description == "MSH-18")
        #expect(error.isRefusal)
    }

    @Test("an undeclared character set reads valid UTF-8 as UTF-8 and anything else as Latin-1")
    func undeclared() throws {
        let header = "MSH|^~\\&|A|F|R|RF|2026||ADT^A08|1|P|2.5"
        #expect(try HL7Message(HL7Samples.lines(header, "NTE|1||Jos\u{E9}")).segment("NTE")?.value(3) == "José")
        #expect(try HL7Message(HL7Samples.lines(header, "NTE|1||Jos") + [0xE9]).segment("NTE")?.value(3) == "José")
    }

    @Test("an unsupported character set is refused, naming MSH-18")
    func unsupportedCharacterSet() throws {
        let error = try #require(throws: HL7Error.self) {
            try HL7Message(HL7Samples.lines("MSH|^~\\&|A|F|R|RF|2026||ADT^A08|1|P|2.5||||||ISO IR87"))
        }
        #expect(error.reason == .unsupportedCharacterSet)
        #expect(error.location.description == "MSH-18")
    }

    @Test("a byte-order mark, CRLF line ends and blank lines are skipped")
    func bomAndCRLF() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("MSH|^~\\&|A|F|R|RF|2026||ADT^A08|1|P|2.5\r\n\r\nEVN|A08\r\n".utf8)
        let message = try HL7Message(bytes)
        #expect(message.segments.map(\.id) == ["MSH", "EVN"])
    }

    @Test("MSH-1 and MSH-2 are fields 1 and 2, so MSH-9 is the ninth field as the standard counts")
    func mshNumbering() throws {
        let msh = try HL7Message(Self.unusual).msh
        #expect(msh.field(1).text == "#")
        #expect(msh.field(2).text == "$*!@")
        #expect(msh.value(9, component: 3) == "ADT_A01")
    }

    @Test("unreadable headers are refused with the MSH field at fault",
          arguments: [
              ("PID|1", "MSH-1"),
              ("MSH|^~|A", "MSH-2"),
              ("MSH|^^\\&|A", "MSH-2"),
              ("MSHA^~\\&", "MSH-1"),
              ("MSH|^~\\&|A|F|R|RF|2026||ADT|1|P|2.5", "MSH-9.2"),
              ("MSH|^~\\&|A|F|R|RF|2026||ADT^A01||P|2.5", "MSH-10"),
              ("MSH|^~\\&|A|F|R|RF|2026||ADT^A01|1||2.5", "MSH-11"),
              ("MSH|^~\\&|A|F|R|RF|2026||ADT^A01|1|P|3.0", "MSH-12"),
          ])
    func badHeaders(text: String, location: String) throws {
        let error = try #require(throws: HL7Error.self) { try HL7Message(Array(text.utf8)) }
        #expect(error.location.description == location)
        #expect(error.isRefusal)
    }

    @Test("message types, triggers and processing ids SupplyCast does not take are refused at MSH-9 or MSH-11",
          arguments: [
              ("ORU^R01", "P", "MSH-9.1", HL7Error.Reason.unsupportedMessageType),
              ("ADT^A05", "P", "MSH-9.2", .unsupportedEventCode),
              ("SIU^S17", "P", "MSH-9.2", .unsupportedEventCode),
              ("ADT^A01", "T", "MSH-11", .unsupportedProcessingId),
          ])
    func unsupported(type: String, processingId: String, location: String, reason: HL7Error.Reason) throws {
        let message = try HL7Message(Array("MSH|^~\\&|A|F|R|RF|2026||\(type)|1|\(processingId)|2.5".utf8))
        let error = try #require(throws: HL7Error.self) { try HL7Samples.mapper.map(message) }
        #expect(error.location.description == location)
        #expect(error.reason == reason)
        #expect(error.isRefusal)
    }

    @Test("escaping text and reading it back gives the text, in the standard and in unusual delimiters",
          arguments: [("|^~\\&", "ADT^A08"), ("#$*!@", "ADT$A08")])
    func escapeRoundTrip(delimiters: String, type: String) throws {
        let text = "a|b^c~d\\e&f#g$h*i!j@k\rl"
        let f = String(delimiters.first!)
        let probe = try HL7Message(Array((["MSH" + delimiters, "A", "F", "R", "RF", "2026", "", type, "1", "P", "2.5"]).joined(separator: f).utf8))
        let message = try HL7Message(HL7Samples.lines(
            (["MSH" + delimiters, "A", "F", "R", "RF", "2026", "", type, "1", "P", "2.5"]).joined(separator: f),
            ["NTE", "1", "", probe.delimiters.escaped(text)].joined(separator: f)))
        #expect(message.segment("NTE")?.value(3) == text)
    }
}
