import Foundation
import SupplyDomain

/// Turns an HL7 v2 message into canonical events, or into an error naming the segment and field at fault.
///
/// Routed on MSH-9.1 and MSH-9.2 only: MSH-9.3 (the structure) and EVN-1 are often wrong in real feeds.
/// ADT A01/A04/A02/A03/A11/A13/A08 give admission events, SIU S12/S13/S14/S15/S26 case events, DFT P03 one usage
/// per FT1. Codes go through the code map of the sending application (MSH-3), which is also the events' source;
/// event ids derive from the message key (MSH-3, MSH-4, MSH-10), so a message re-sent maps to the same events.
/// Pure: the caller supplies code map, site time zones and configuration.
public struct HL7EventMapper: Sendable {
    public var codeMap: CodeMap
    /// Each site's time zone, for times sent without a UTC offset.
    public var siteTimeZones: [String: TimeZone]
    public var configuration: HL7MappingConfiguration

    public init(codeMap: CodeMap, siteTimeZones: [String: TimeZone] = [:], configuration: HL7MappingConfiguration = .init()) {
        self.codeMap = codeMap
        self.siteTimeZones = siteTimeZones
        self.configuration = configuration
    }

    /// A mapper whose time zones are the sites' `timeZone` from master data (IANA names; unknown ones are left out).
    public init(codeMap: CodeMap, sites: [Site], configuration: HL7MappingConfiguration = .init()) {
        var zones: [String: TimeZone] = [:]
        for site in sites {
            if let name = site.timeZone, let zone = TimeZone(identifier: name) { zones[site.id] = zone }
        }
        self.init(codeMap: codeMap, siteTimeZones: zones, configuration: configuration)
    }

    /// The message's canonical events.
    public func map(_ message: HL7Message) throws(HL7Error) -> HL7Mapping {
        let header = message.header
        guard configuration.processingIds.contains(header.processingId) else {
            throw HL7Error(.unsupportedProcessingId, at: HL7Location("MSH", 11),
                "processing id '\(header.processingId)' is not accepted here (accepted: \(configuration.processingIds.sorted().joined(separator: ", ")))")
        }
        guard !header.sendingApplication.isEmpty else {
            throw HL7Error(.requiredFieldMissing, at: HL7Location("MSH", 3),
                "the sending application (MSH-3) is missing; it names the source and its code map")
        }
        let reading = Reading(message: message, mapper: self)
        let trigger = header.triggerEvent.uppercased()
        switch header.messageCode.uppercased() {
        case "ADT": return try reading.admission(trigger)
        case "SIU": return try reading.schedule(trigger)
        case "DFT" where trigger == "P03": return try reading.charges()
        case "DFT":
            throw HL7Error(.unsupportedEventCode, at: HL7Location("MSH", 9, component: 2),
                "DFT^\(trigger) is not taken; SupplyCast reads DFT^P03")
        default:
            throw HL7Error(.unsupportedMessageType, at: HL7Location("MSH", 9, component: 1),
                "message type '\(header.messageCode)' is not taken; SupplyCast reads ADT, SIU and DFT")
        }
    }
}

/// One message being mapped: the lookups every message type shares.
private struct Reading {
    let message: HL7Message
    let mapper: HL7EventMapper
    var source: String { message.header.sendingApplication }
    var key: HL7MessageKey { message.header.key }

    // MARK: - ADT

    func admission(_ trigger: String) throws(HL7Error) -> HL7Mapping {
        let kind: AdmissionChange.Kind
        switch trigger {
        case "A01", "A04": kind = .admitted
        case "A02": kind = .transferred
        case "A03": kind = .discharged
        case "A11": kind = .cancelled
        case "A13": kind = .dischargeCancelled
        case "A08": kind = .updated
        default:
            throw HL7Error(.unsupportedEventCode, at: HL7Location("MSH", 9, component: 2),
                "ADT^\(trigger) is not taken; SupplyCast reads ADT A01, A02, A03, A04, A08, A11 and A13")
        }
        guard let pv1 = message.segment("PV1") else {
            throw HL7Error(.requiredFieldMissing, at: HL7Location("PV1", 19),
                "the message has no PV1 segment; the encounter (visit number) is PV1-19")
        }
        guard let encounter = pv1.value(19) else {
            throw HL7Error(.requiredFieldMissing, at: pv1.location(19, component: 1), "the visit number (PV1-19) is missing")
        }
        let patientClass = pv1.value(2)
        if trigger == "A04" && !mapper.configuration.censusPatientClasses.contains(patientClass ?? "") {
            return HL7Mapping(key: key, events: [], notes: [
                "ADT^A04 registers patient class '\(patientClass ?? "")' (PV1-2), which the census does not count",
            ])
        }
        var site: String
        var toSite: String?
        if kind == .transferred, let prior = pv1.value(6, component: 4) {
            // A02: PV1-6 is where the patient was, PV1-3 where they are now; another facility is another site.
            site = try facility(prior, at: pv1.location(6, component: 4))
            if let now = pv1.value(3, component: 4) {
                let destination = try facility(now, at: pv1.location(3, component: 4))
                if destination != site { toSite = destination }
            }
        } else {
            site = try self.site(from: [(pv1.value(3, component: 4), pv1.location(3, component: 4)),
                                        (pv1.value(39), pv1.location(39))])
        }
        let unit = pv1.value(3).map { mapper.codeMap.value(.location, $0, from: source) ?? $0 }
        let evn = message.segment("EVN")
        let occurredAt = try time(site: site, [
            (evn?.value(6), evn?.location(6) ?? HL7Location("EVN", 6)),
            (evn?.value(2), evn?.location(2) ?? HL7Location("EVN", 2)),
            (message.msh.value(7), HL7Location("MSH", 7)),
        ])
        let change = AdmissionChange(kind: kind, encounter: encounter, patient: medicalRecordNumber(), unit: unit,
            toSite: toSite, patientClass: kind == .admitted || kind == .updated ? patientClass : nil)
        return try mapping([event(id: key.description, at: occurredAt, site: site, body: .admission(change))])
    }

    // MARK: - SIU

    func schedule(_ trigger: String) throws(HL7Error) -> HL7Mapping {
        let kind: CaseChange.Kind
        switch trigger {
        case "S12": kind = .scheduled
        case "S13": kind = .rescheduled
        case "S14": kind = .modified
        case "S15": kind = .cancelled
        case "S26": kind = .noShow
        default:
            throw HL7Error(.unsupportedEventCode, at: HL7Location("MSH", 9, component: 2),
                "SIU^\(trigger) is not taken; SupplyCast reads SIU S12, S13, S14, S15 and S26")
        }
        guard let sch = message.segment("SCH") else {
            throw HL7Error(.requiredFieldMissing, at: HL7Location("SCH", 2),
                "the message has no SCH segment; the case is the filler appointment id, SCH-2")
        }
        guard let caseId = sch.value(2) else {
            throw HL7Error(.requiredFieldMissing, at: sch.location(2, component: 1),
                "the filler appointment id (SCH-2), which identifies the case, is missing")
        }
        let ail = message.segment("AIL")
        let site = try self.site(from: [(ail?.value(3, component: 4), ail?.location(3, component: 4) ?? HL7Location("AIL", 3, component: 4))])
        let describesCase = kind == .scheduled || kind == .rescheduled || kind == .modified
        let ais = message.segment("AIS")
        var procedure: String?
        var scheduledFor: Timestamp?
        var surgeon: String?
        if describesCase {
            if let code = ais?.value(3), let ais {
                guard let mapped = mapper.codeMap.value(.procedure, code, from: source) else {
                    throw HL7Error(.unmappedCode, at: ais.location(3, component: 1),
                        "procedure '\(code)' (AIS-3) from \(source) is not in the code map; add a row \(source),procedure,\(code),<procedure>")
                }
                procedure = mapped
            } else if kind == .scheduled {
                throw HL7Error(.requiredFieldMissing, at: ais?.location(3, component: 1) ?? HL7Location("AIS", 3, component: 1),
                    "a booking needs its procedure (AIS-3)")
            }
            let tq1 = message.segment("TQ1")
            scheduledFor = try optionalTime(site: site, [
                (ais?.value(4), ais?.location(4) ?? HL7Location("AIS", 4)),
                (tq1?.value(7), tq1?.location(7) ?? HL7Location("TQ1", 7)),
                (sch.value(11, component: 4), sch.location(11, component: 4)),
            ])
            if scheduledFor == nil && kind != .modified {
                throw HL7Error(.requiredFieldMissing, at: ais?.location(4) ?? HL7Location("AIS", 4),
                    "the case's start time is missing (AIS-4, TQ1-7 or SCH-11.4)")
            }
            let roles = mapper.configuration.surgeonRoles
            if let aip = message.segments("AIP").first(where: { roles.contains(($0.value(4) ?? "").uppercased()) }),
                let person = aip.value(3) {
                surgeon = mapper.codeMap.value(.surgeon, person, from: source) ?? person
            }
        }
        let occurredAt = try time(site: site, [(message.msh.value(7), HL7Location("MSH", 7))])
        let change = CaseChange(kind: kind, caseId: caseId, procedure: procedure, surgeon: surgeon,
            scheduledFor: scheduledFor, patient: medicalRecordNumber())
        return try mapping([event(id: key.description, at: occurredAt, site: site, body: .surgicalCase(change))])
    }

    // MARK: - DFT

    func charges() throws(HL7Error) -> HL7Mapping {
        let role = mapper.configuration.chargeRoles[source] ?? mapper.configuration.defaultChargeRole
        if role == .informational {
            return HL7Mapping(key: key, events: [], notes: ["charges from \(source) are informational: its usage arrives by another feed"])
        }
        let lines = message.segments("FT1")
        guard !lines.isEmpty else {
            throw HL7Error(.requiredFieldMissing, at: HL7Location("FT1", 7), "a DFT^P03 without FT1 segments charges nothing")
        }
        let pv1 = message.segment("PV1")
        let site = try self.site(from: [(pv1?.value(3, component: 4), pv1?.location(3, component: 4) ?? HL7Location("PV1", 3, component: 4)),
                                        (pv1?.value(39), pv1?.location(39) ?? HL7Location("PV1", 39))])
        let evn = message.segment("EVN")
        let patient = medicalRecordNumber()
        var events: [SupplyEvent] = []
        var notes: [String] = []
        for ft1 in lines {
            let line = "FT1(\(ft1.occurrence))"
            guard let type = ft1.value(6)?.uppercased() else {
                throw HL7Error(.requiredFieldMissing, at: ft1.location(6), "\(line): the transaction type (FT1-6) is missing")
            }
            guard type == "CG" || type == "CR" else {
                notes.append("\(line): transaction type '\(type)' (FT1-6) is neither a charge (CG) nor a credit (CR)")
                continue
            }
            let chargeCode = ft1.value(7)
            let ndc = ft1.value(29)
            let item = chargeCode.flatMap { mapper.codeMap.value(.chargeCode, $0, from: source) }
                ?? ndc.flatMap { mapper.codeMap.value(.chargeCode, $0, from: source) }
            guard let item else {
                if chargeCode == nil && ndc == nil {
                    throw HL7Error(.requiredFieldMissing, at: ft1.location(7, component: 1),
                        "\(line): neither a charge code (FT1-7) nor an NDC (FT1-29) names what was used")
                }
                if mapper.configuration.skipsUnmappedCharges {
                    notes.append("\(line): charge '\(chargeCode ?? ndc ?? "")' is not a supply in the code map; skipped")
                    continue
                }
                let at = chargeCode != nil ? ft1.location(7, component: 1) : ft1.location(29, component: 1)
                throw HL7Error(.unmappedCode, at: at,
                    "\(line): charge code '\(chargeCode ?? "")' (FT1-7) and NDC '\(ndc ?? "")' (FT1-29) from \(source) are not in the code map; add a row \(source),charge-code,\(chargeCode ?? ndc ?? ""),<item>")
            }
            var quantity = 1.0
            if let text = ft1.value(10) {
                guard let number = Double(text.trimmingSpaces), number.isFinite, number != 0,
                    abs(number) <= SupplyEvent.maximumQuantity
                else {
                    throw HL7Error(.dataType, at: ft1.location(10),
                        "\(line): quantity '\(text)' (FT1-10) must be a non-zero number of at most \(Int(SupplyEvent.maximumQuantity))")
                }
                quantity = number
            }
            let occurredAt = try time(site: site, [
                (ft1.value(4), ft1.location(4)),
                (evn?.value(6), evn?.location(6) ?? HL7Location("EVN", 6)),
                (evn?.value(2), evn?.location(2) ?? HL7Location("EVN", 2)),
                (message.msh.value(7), HL7Location("MSH", 7)),
            ])
            let usage = Usage(kind: type == "CR" || quantity < 0 ? .reversed : .recorded, item: item,
                              quantity: abs(quantity), encounter: pv1?.value(19), patient: patient)
            events.append(try event(id: "\(key)/FT1-\(ft1.occurrence)", at: occurredAt, site: site, body: .usage(usage)))
        }
        return try mapping(events, notes: notes)
    }

    // MARK: - Shared lookups

    /// The patient's medical record number: the PID-3 repetition whose identifier type (CX.5) is `MR`, never an
    /// SSN or another national id.
    func medicalRecordNumber() -> String? {
        guard let pid = message.segment("PID") else { return nil }
        for repetition in pid.field(3).repetitions where repetition.component(5).value?.uppercased() == "MR" {
            if let id = repetition.component(1).value { return id }
        }
        return nil
    }

    /// The site of the first facility present among `candidates`, then MSH-4, through the code map.
    func site(from candidates: [(String?, HL7Location)]) throws(HL7Error) -> String {
        for (value, location) in candidates {
            if let value { return try facility(value, at: location) }
        }
        let sendingFacility = message.header.sendingFacility
        guard !sendingFacility.isEmpty else {
            let named = (candidates.map(\.1.description) + ["MSH-4"]).joined(separator: ", ")
            throw HL7Error(.requiredFieldMissing, at: HL7Location("MSH", 4), "no facility names the site (\(named))")
        }
        return try facility(sendingFacility, at: HL7Location("MSH", 4, component: 1))
    }

    func facility(_ code: String, at location: HL7Location) throws(HL7Error) -> String {
        guard let site = mapper.codeMap.value(.facility, code, from: source) else {
            throw HL7Error(.unmappedCode, at: location,
                "facility '\(code)' (\(location)) from \(source) is not in the code map; add a row \(source),facility,\(code),<site>")
        }
        return site
    }

    /// The first of `candidates` that is present, read in the site's time zone when it has no offset.
    func time(site: String, _ candidates: [(String?, HL7Location)]) throws(HL7Error) -> Timestamp {
        guard let time = try optionalTime(site: site, candidates) else {
            let named = candidates.map(\.1.description).joined(separator: ", ")
            throw HL7Error(.requiredFieldMissing, at: candidates.last?.1 ?? HL7Location("MSH", 7),
                "no time is given (\(named))")
        }
        return time
    }

    func optionalTime(site: String, _ candidates: [(String?, HL7Location)]) throws(HL7Error) -> Timestamp? {
        for (value, location) in candidates {
            guard let value else { continue }
            do {
                return try HL7Timestamp.parse(value, zone: mapper.siteTimeZones[site])
            } catch {
                throw HL7Error(.dataType, at: location, "\(location): \(error)")
            }
        }
        return nil
    }

    func event(id: String, at occurredAt: Timestamp, site: String, body: EventBody) throws(HL7Error) -> SupplyEvent {
        SupplyEvent(id: id, source: source, occurredAt: occurredAt, site: site, body: body)
    }

    /// The events, each checked as every canonical event is.
    func mapping(_ events: [SupplyEvent], notes: [String] = []) throws(HL7Error) -> HL7Mapping {
        for event in events {
            do {
                try event.validate()
            } catch {
                throw HL7Error(.applicationError, at: HL7Location("MSH", 9), "the \(event.type.rawValue) made of it is not valid: \(error)")
            }
        }
        return HL7Mapping(key: key, events: events, notes: notes)
    }
}
