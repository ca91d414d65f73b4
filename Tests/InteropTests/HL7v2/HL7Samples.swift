import Foundation
@testable import Interop
import SupplyDomain

/// The public sample messages in `Fixtures/hl7v2` and the code map and configuration the tests read them with.
enum HL7Samples {
    static let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/hl7v2")

    static let names = [
        "ADT-A01-01", "ADT-A02-01", "ADT-A03-01", "ADT-A04-01", "ADT-A08-01", "ADT-A11-01", "ADT-A13-01",
        "DFT-P03-01", "SIU-S12-01", "SIU-S13-01", "SIU-S14-01", "SIU-S15-01", "SIU-S26-01",
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name + ".hl7")))
    }

    static func message(_ name: String) throws -> HL7Message {
        try HL7Message(bytes(name))
    }

    /// The fixture with its LF line ends replaced by CR, as it would arrive over MLLP.
    static func wireBytes(_ name: String) throws -> [UInt8] {
        try bytes(name).map { $0 == 0x0A ? 0x0D : $0 }
    }

    static let codeMap = CodeMap([
        .init(source: "ADTApp", kind: .facility, code: "HOMERTON UNIVER", value: "HOMERTON"),
        .init(source: "ADTApp", kind: .facility, code: "CommunityHospital", value: "COMMUNITY"),
        .init(source: "SCHApp", kind: .facility, code: "GH Clinic", value: "CLINIC"),
        .init(source: "SCHApp", kind: .procedure, code: "76164006", value: "COLON-BIOPSY"),
        .init(source: "SCHApp", kind: .surgeon, code: "1210", value: "DR-GE"),
        .init(source: "*", kind: .facility, code: "HOMERTON UNIVER", value: "HOMERTON"),
        .init(source: "IMMAPP", kind: .chargeCode, code: "71045", value: "XRAY-CASSETTE"),
        .init(source: "IMMAPP", kind: .chargeCode, code: "626.2", value: "GAUZE-10"),
    ])

    static let configuration = HL7MappingConfiguration(surgeonRoles: ["010"])

    static let mapper = HL7EventMapper(
        codeMap: codeMap,
        siteTimeZones: ["HOMERTON": TimeZone(identifier: "America/New_York")!],
        configuration: configuration)

    /// `text` with LF segment ends, as a `[UInt8]` message.
    static func lines(_ segments: String...) -> [UInt8] {
        Array(segments.joined(separator: "\r").utf8)
    }

    /// An RFC 3339 time read by the canonical parser, independent of the HL7 one.
    static func time(_ text: String) -> Timestamp {
        try! Timestamp.parse(text)
    }
}
