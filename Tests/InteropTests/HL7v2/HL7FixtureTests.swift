import Foundation
@testable import Interop
import SupplyDomain
import Testing

/// Every public sample message, taken as `Fixtures/hl7v2/README.md` says: all are accepted once the code map knows
/// their facilities, procedures and charge codes; LF line ends, reused control ids, a wrong EVN-1 or MSH-9.3 and
/// offsets such as `+0215` are traps to survive, not reasons to refuse.
@Suite struct HL7FixtureTests {
    static let expectedTypes: [(String, EventType)] = [
        ("ADT-A01-01", .admissionAdmitted), ("ADT-A02-01", .admissionTransferred),
        ("ADT-A03-01", .admissionDischarged), ("ADT-A08-01", .admissionUpdated),
        ("ADT-A11-01", .admissionCancelled), ("ADT-A13-01", .admissionDischargeCancelled),
        ("SIU-S12-01", .caseScheduled), ("SIU-S13-01", .caseRescheduled), ("SIU-S14-01", .caseModified),
        ("SIU-S15-01", .caseCancelled), ("SIU-S26-01", .caseNoShow),
    ]

    @Test("each fixture maps to the event its MSH-9.2 names, though EVN-1 says A01 and MSH-9.3 names structures that do not exist",
          arguments: expectedTypes)
    func routedOnTrigger(name: String, type: EventType) throws {
        let mapping = try HL7Samples.mapper.map(try HL7Samples.message(name))
        #expect(mapping.events.map(\.type) == [type])
    }

    @Test("every fixture reads the same from a file with LF line ends as from the wire with CR", arguments: HL7Samples.names)
    func lineEndsDoNotMatter(name: String) throws {
        let fromFile = try HL7Samples.message(name)
        let fromWire = try HL7Message(try HL7Samples.wireBytes(name))
        #expect(fromFile.contentHash == fromWire.contentHash)
        #expect(try HL7Samples.mapper.map(fromFile) == HL7Samples.mapper.map(fromWire))
    }

    @Test("the A01 admits encounter PV1-19 of the MR patient at the mapped facility, at EVN-6 with its own offset")
    func admission() throws {
        let event = try #require(try HL7Samples.mapper.map(try HL7Samples.message("ADT-A01-01")).events.first)
        guard case .admission(let change) = event.body else { Issue.record("not an admission"); return }
        #expect(change.encounter == "40007716")
        #expect(change.patient == "PATID1234")
        #expect(change.unit == "HUH AE OMU")
        #expect(change.patientClass == "P")
        #expect(change.toSite == nil)
        #expect(event.site == "HOMERTON")
        #expect(event.source == "ADTApp")
        #expect(event.id == "ADTApp/GHHSFacility/MSG00001")
        #expect(event.occurredAt == HL7Samples.time("2021-08-17T15:19:43.400+02:00"))
        #expect(event.occurredAt.utcOffsetSeconds == 7_200)
    }

    @Test("the patient is the MR repetition of PID-3, never the SSN beside it, and none when no repetition is MR")
    func medicalRecordNumberOnly() throws {
        var text = String(decoding: try HL7Samples.bytes("ADT-A03-01"), as: UTF8.self)
        text = text.replacingOccurrences(of: "PATID1234^5^M11^test1&2.16.1&HCD^MR^GOOD HEALTH HOSPITAL~123456789^^^USSSA^SS",
                                         with: "123456789^^^USSSA^SS~PATID1234^5^M11^test1&2.16.1&HCD^MR^GOOD HEALTH HOSPITAL")
        let swapped = try HL7Samples.mapper.map(try HL7Message(Array(text.utf8))).events[0]
        text = text.replacingOccurrences(of: "^MR^GOOD HEALTH HOSPITAL", with: "^PI^GOOD HEALTH HOSPITAL")
        let withoutMR = try HL7Samples.mapper.map(try HL7Message(Array(text.utf8))).events[0]
        guard case .admission(let first) = swapped.body, case .admission(let second) = withoutMR.body else {
            Issue.record("not admissions"); return
        }
        #expect(first.patient == "PATID1234")
        #expect(second.patient == nil)
    }

    @Test("the A02 leaves the facility of PV1-6 for the facility of PV1-3: a transfer between two sites")
    func transferBetweenSites() throws {
        let event = try HL7Samples.mapper.map(try HL7Samples.message("ADT-A02-01")).events[0]
        guard case .admission(let change) = event.body else { Issue.record("not an admission"); return }
        #expect(event.site == "COMMUNITY")
        #expect(change.toSite == "HOMERTON")
    }

    @Test("the A04 registers an outpatient-class (P) visit: accepted, no census event, and a note saying why")
    func registrationOfUncountedClass() throws {
        let mapping = try HL7Samples.mapper.map(try HL7Samples.message("ADT-A04-01"))
        #expect(mapping.events.isEmpty)
        #expect(mapping.notes.first?.contains("'P'") == true)
    }

    @Test("an A04 of a class the census is configured to count is an admission carrying that class")
    func registrationOfCountedClass() throws {
        var mapper = HL7Samples.mapper
        mapper.configuration.censusPatientClasses = ["I", "P"]
        let event = try #require(try mapper.map(try HL7Samples.message("ADT-A04-01")).events.first)
        guard case .admission(let change) = event.body else { Issue.record("not an admission"); return }
        #expect(event.type == .admissionAdmitted)
        #expect(change.patientClass == "P")
    }

    @Test("the A01 and A04 share MSH-3, MSH-4 and control id MSG00001 but not their content: a conflict for the store to report")
    func reusedControlId() throws {
        let admission = try HL7Samples.message("ADT-A01-01")
        let registration = try HL7Samples.message("ADT-A04-01")
        #expect(admission.header.key == registration.header.key)
        #expect(admission.contentHash != registration.contentHash)
    }

    @Test("the S12 books case SCH-2 for the mapped AIS-3 procedure at AIS-4, with the surgeon of the configured AIP role")
    func booking() throws {
        let event = try HL7Samples.mapper.map(try HL7Samples.message("SIU-S12-01")).events[0]
        guard case .surgicalCase(let change) = event.body else { Issue.record("not a case"); return }
        #expect(change.caseId == "36996")
        #expect(change.procedure == "COLON-BIOPSY")
        #expect(change.surgeon == "DR-GE")
        #expect(change.scheduledFor == HL7Samples.time("2021-09-24T09:30:00+02:15"))
        #expect(change.patient == "PATID1234")
        #expect(event.site == "CLINIC")
        #expect(event.occurredAt == HL7Samples.time("2021-09-14T11:20:00+02:15"))
    }

    @Test("without a surgeon role in AIP-4 the case has no surgeon (the procedure's default card applies)")
    func noSurgeonRole() throws {
        let mapper = HL7EventMapper(codeMap: HL7Samples.codeMap)
        let event = try mapper.map(try HL7Samples.message("SIU-S12-01")).events[0]
        guard case .surgicalCase(let change) = event.body else { Issue.record("not a case"); return }
        #expect(change.surgeon == nil)
    }

    @Test("an S12 whose AIS-3 procedure is not in the code map is an error naming AIS-3, answered AE, not a case that reserves nothing")
    func unmappedProcedure() throws {
        let mapper = HL7EventMapper(codeMap: CodeMap([.init(source: "SCHApp", kind: .facility, code: "GH Clinic", value: "CLINIC")]))
        let message = try HL7Samples.message("SIU-S12-01")
        let error = try #require(throws: HL7Error.self) { try mapper.map(message) }
        #expect(error.reason == .unmappedCode)
        #expect(error.location.description == "AIS-3.1")
        #expect(HL7Acknowledgment.Outcome(error) == .error(error))
    }

    @Test("an unmapped facility is an error naming the field the facility came from")
    func unmappedFacility() throws {
        let error = try #require(throws: HL7Error.self) {
            try HL7EventMapper(codeMap: CodeMap()).map(try HL7Samples.message("ADT-A03-01"))
        }
        #expect(error.reason == .unmappedCode)
        #expect(error.location.description == "PV1-3.4")
    }

    @Test("the DFT P03 gives one usage per FT1, item through the charge-code map, quantity FT1-10, at FT1-4 in the site's zone")
    func charges() throws {
        let events = try HL7Samples.mapper.map(try HL7Samples.message("DFT-P03-01")).events
        let usages = events.compactMap { event -> Usage? in
            if case .usage(let usage) = event.body { return usage } else { return nil }
        }
        #expect(usages.map(\.item) == ["XRAY-CASSETTE", "GAUZE-10"])
        #expect(usages.map(\.quantity) == [2, 1])
        #expect(usages.map(\.kind) == [.recorded, .recorded])
        #expect(usages.map(\.encounter) == ["40007716", "40007716"])
        #expect(events.map(\.id) == ["IMMAPP/GHHSFacility/MSG00001/FT1-1", "IMMAPP/GHHSFacility/MSG00001/FT1-2"])
        #expect(events.map(\.occurredAt) == [HL7Samples.time("2019-11-22T00:00:00-05:00"), HL7Samples.time("2019-11-22T00:00:00-05:00")])
    }

    @Test("a credit (FT1-6 CR) reverses the usage it credits")
    func credit() throws {
        let text = String(decoding: try HL7Samples.bytes("DFT-P03-01"), as: UTF8.self)
            .replacingOccurrences(of: "|20191122|20191122|CG|71045", with: "|20191122|20191122|CR|71045")
        let events = try HL7Samples.mapper.map(try HL7Message(Array(text.utf8))).events
        #expect(events.map(\.type) == [.usageReversed, .usageRecorded])
    }

    @Test("an informational charge source gives no usage, so scanned usage is not counted twice")
    func informationalCharges() throws {
        var mapper = HL7Samples.mapper
        mapper.configuration.chargeRoles = ["IMMAPP": .informational]
        #expect(try mapper.map(try HL7Samples.message("DFT-P03-01")).events.isEmpty)
    }

    @Test("a charge code the map lacks is an error naming FT1-7, or a skipped line when the hospital says so")
    func unmappedCharge() throws {
        var mapper = HL7Samples.mapper
        mapper.codeMap = CodeMap([
            .init(source: "*", kind: .facility, code: "HOMERTON UNIVER", value: "HOMERTON"),
            .init(source: "IMMAPP", kind: .chargeCode, code: "71045", value: "XRAY-CASSETTE"),
        ])
        let message = try HL7Samples.message("DFT-P03-01")
        let error = try #require(throws: HL7Error.self) { try mapper.map(message) }
        #expect(error.location.description == "FT1(2)-7.1")
        mapper.configuration.skipsUnmappedCharges = true
        #expect(try mapper.map(message).events.count == 1)
    }

    @Test("a time without an offset needs the site's time zone; without one the error names the field")
    func localTimeNeedsZone() throws {
        let mapper = HL7EventMapper(codeMap: HL7Samples.codeMap)
        let error = try #require(throws: HL7Error.self) { try mapper.map(try HL7Samples.message("DFT-P03-01")) }
        #expect(error.location.description == "FT1-4")
        #expect(error.reason == .dataType)
    }

    @Test("the same message mapped twice gives the same event ids, so a re-sent message is stored once")
    func stableIds() throws {
        for name in HL7Samples.names {
            let first = try HL7Samples.mapper.map(try HL7Samples.message(name)).events.map(\.id)
            let again = try HL7Samples.mapper.map(try HL7Samples.message(name)).events.map(\.id)
            #expect(first == again, "\(name)")
        }
    }
}
