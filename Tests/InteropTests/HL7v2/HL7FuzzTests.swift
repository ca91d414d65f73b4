import Foundation
@testable import Interop
import SupplyDomain
import Testing

/// Damaged messages: every mutation of the fixtures is either read and mapped, or refused with an error that
/// names a segment and field, and answered with a reply that is itself a readable message echoing MSH-10.
///
/// 5,000 inputs here (a few seconds of CPU in a debug build); `HL7_FUZZ_INPUTS=100000 swift test --filter HL7FuzzTests` runs the
/// issue's hundred thousand.
@Suite struct HL7FuzzTests {
    static let inputs = ProcessInfo.processInfo.environment["HL7_FUZZ_INPUTS"].flatMap(Int.init) ?? 5_000

    /// SplitMix64: small, fast and the same on every platform, so a failure can be replayed by its seed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    /// Bytes that matter to a reader: delimiters, escapes, line ends, digits, high bytes.
    static let interesting: [UInt8] = Array("|^~\\&#\r\n0123456789+-.\"XFSTRE".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xE9, 0xFF]

    static func mutate(_ original: [UInt8], _ random: inout Random) -> [UInt8] {
        var bytes = original
        for _ in 0...random.below(4) {
            guard !bytes.isEmpty else { break }
            let at = random.below(bytes.count)
            switch random.below(7) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes[at] = interesting[random.below(interesting.count)]
            case 2: bytes.insert(interesting[random.below(interesting.count)], at: at)
            case 3: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(40)))
            case 4:
                let end = min(bytes.count, at + 1 + random.below(200))
                bytes.insert(contentsOf: Array(bytes[at..<end]), at: random.below(bytes.count))
            case 5: bytes.removeSubrange(at...)
            default:
                // Aim at the header, where delimiters and routing live.
                let target = random.below(min(bytes.count, 120))
                bytes[target] = interesting[random.below(interesting.count)]
            }
        }
        return bytes
    }

    @Test("mutated fixtures never crash or hang; every refusal names a segment and a field; every reply reads back")
    func fuzz() throws {
        let originals = try HL7Samples.names.map(HL7Samples.wireBytes)
        var random = Random(state: 20_261_202)
        var counts = (mapped: 0, refused: 0)
        var unnamed: [String] = []
        var unreadableReplies: [String] = []
        for round in 0..<Self.inputs {
            let input = Self.mutate(originals[round % originals.count], &random)
            let header = HL7Header.read(input)
            let outcome: HL7Acknowledgment.Outcome
            do {
                _ = try HL7Samples.mapper.map(try HL7Message(input))
                counts.mapped += 1
                outcome = .accepted
            } catch {
                counts.refused += 1
                if error.location.segment.isEmpty || error.location.field < 1 || error.message.isEmpty {
                    unnamed.append("round \(round): \(error)")
                }
                outcome = HL7Acknowledgment.Outcome(error)
            }
            guard let reply = HL7Acknowledgment.reply(to: header, outcome: outcome, controlId: "F\(round)", at: Timestamp(secondsSinceEpoch: 0))
            else { continue }
            do {
                let ack = try HL7Message(Array(reply.utf8))
                if let header, ack.segment("MSA")?.value(2) != header.controlId.nilIfEmpty {
                    unreadableReplies.append("round \(round): MSA-2 does not echo '\(header.controlId)'")
                }
            } catch {
                unreadableReplies.append("round \(round): \(error)")
            }
        }
        if ProcessInfo.processInfo.environment["HL7_FUZZ_INPUTS"] != nil {
            // `make fuzz-hl7` reports what the run covered.
            print("HL7 fuzz: \(Self.inputs) inputs, \(counts.mapped) mapped, \(counts.refused) refused, \(unnamed.count) refusals without segment and field, \(unreadableReplies.count) unreadable replies")
        }
        #expect(counts.mapped + counts.refused == Self.inputs)
        #expect(counts.mapped > 0)
        #expect(counts.refused > 0)
        #expect(unnamed.prefix(5) == [])
        #expect(unreadableReplies.prefix(5) == [])
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
