import Foundation
@testable import Interop
import SupplyDomain
import Testing

/// A site's time zone is what HL7 times without an offset are read in, so master data must name a real one.
@Suite struct SiteTimeZoneTests {
    static func sites(_ zone: String) -> Data {
        Data("id,name,timeZone\nNORTH,North Hospital,\(zone)\n".utf8)
    }

    @Test("a site whose time zone is not an IANA name is refused at its row and column")
    func unknownZone() throws {
        let problems = try #require(throws: MasterDataProblems.self) {
            try MasterDataDecoder().decode(Self.sites("Europe/Berlim"), kind: .sites, file: "sites.csv")
        }
        #expect(problems.problems.map(\.row) == [2])
        #expect(problems.problems.map(\.column) == ["timeZone"])
    }

    @Test("the mapper reads a local HL7 time in the zone master data gives the site")
    func zoneFromMasterData() throws {
        guard case .sites(let sites) = try MasterDataDecoder().decode(Self.sites("Europe/Berlin"), kind: .sites, file: "sites.csv")
        else { Issue.record("not sites"); return }
        let mapper = HL7EventMapper(codeMap: CodeMap([.init(source: "*", kind: .facility, code: "F", value: "NORTH")]), sites: sites)
        let message = try HL7Message(HL7Samples.lines(
            "MSH|^~\\&|ADT|F|R|RF|20260715083000||ADT^A03|7|P|2.5", "PV1|1|I|W1^^^F||||||||||||||||E1"))
        let event = try #require(try mapper.map(message).events.first)
        #expect(event.occurredAt == HL7Samples.time("2026-07-15T08:30:00+02:00"))
        #expect(event.occurredAt.utcOffsetSeconds == 7_200)
    }
}
