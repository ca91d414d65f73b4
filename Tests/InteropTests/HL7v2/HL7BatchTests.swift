import Foundation
@testable import Interop
import Testing

/// Batch files: FHS/BHS … BTS/FTS around messages, or messages one after another.
@Suite struct HL7BatchTests {
    static func batchFile(count stated: Int, lineEnd: String = "\r") throws -> [UInt8] {
        var text = "FHS|^~\\&|ADTApp|GHHSFacility" + lineEnd + "BHS|^~\\&|ADTApp|GHHSFacility" + lineEnd
        for name in ["ADT-A01-01", "ADT-A03-01", "SIU-S12-01"] {
            text += String(decoding: try HL7Samples.bytes(name), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: lineEnd)
            if !text.hasSuffix(lineEnd) { text += lineEnd }
        }
        text += "BTS|\(stated)" + lineEnd + "FTS|1" + lineEnd
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    @Test("a batch file with a byte-order mark yields its messages, each the same message as its own file",
          arguments: ["\r", "\n", "\r\n"])
    func messages(lineEnd: String) throws {
        let batch = HL7Batch(try Self.batchFile(count: 3, lineEnd: lineEnd))
        #expect(batch.problems.isEmpty)
        #expect(batch.entries.map(\.ordinal) == [1, 2, 3])
        let hashes = try batch.entries.map { try HL7Message($0.bytes).contentHash }
        let expected = try ["ADT-A01-01", "ADT-A03-01", "SIU-S12-01"].map { try HL7Samples.message($0).contentHash }
        #expect(hashes == expected)
    }

    @Test("each message's line is where its MSH stands in the file")
    func lines() throws {
        let batch = HL7Batch(try Self.batchFile(count: 3, lineEnd: "\n"))
        let a01Lines = String(decoding: try HL7Samples.bytes("ADT-A01-01"), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true).count
        #expect(batch.entries.first?.line == 3)
        #expect(batch.entries.dropFirst().first?.line == 3 + a01Lines)
    }

    @Test("a trailer count that disagrees with the batch is a problem naming BTS-1; the messages are still read")
    func wrongCount() throws {
        let batch = HL7Batch(try Self.batchFile(count: 4))
        #expect(batch.entries.count == 3)
        #expect(batch.problems.map(\.location.description) == ["BTS-1"])
    }

    @Test("messages one after another without batch segments are split at each MSH")
    func bareMessages() throws {
        let bytes = try HL7Samples.bytes("SIU-S12-01") + [0x0A] + HL7Samples.bytes("SIU-S15-01")
        let batch = HL7Batch(bytes)
        #expect(batch.entries.count == 2)
        #expect(batch.problems.isEmpty)
    }

    @Test("a single message refuses a batch, pointing at batch reading")
    func batchIsNotAMessage() throws {
        let error = try #require(throws: HL7Error.self) { try HL7Message(try Self.batchFile(count: 3)) }
        #expect(error.location.description == "MSH-1")
    }
}
