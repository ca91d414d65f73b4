import SupplyDomain
import Testing

/// The event kinds HL7 feeds brought: a cancelled discharge, an encounter update, a case modification.
@Suite struct HL7EventKindTests {
    func at(_ day: Int, _ hour: Int = 12) -> Timestamp {
        Timestamp(secondsSinceEpoch: Double(LocalDate(year: 2026, month: 11, day: day).dayNumber * 86_400 + hour * 3_600))
    }

    func change(_ kind: AdmissionChange.Kind) -> AdmissionChange {
        AdmissionChange(kind: kind, encounter: "E1")
    }

    @Test("a cancelled discharge reopens the stay: one admission, no discharge, no readmission")
    func dischargeCancelled() {
        let census = EncounterCensus.fold(encounter: "E1", changes: [
            (at(2), "NORTH", change(.admitted)), (at(5), "NORTH", change(.discharged)),
            (at(5, 13), "NORTH", change(.dischargeCancelled)),
        ])
        #expect(census.movements.map(\.kind) == [.admission])
        #expect(census.movements.map(\.day) == [LocalDate(year: 2026, month: 11, day: 2)])
    }

    @Test("a discharge cancelled at the instant of the discharge is taken after it, whatever the arrival order")
    func sameInstant() {
        let inOrder = EncounterCensus.fold(encounter: "E1", changes: [
            (at(2), "NORTH", change(.admitted)), (at(5), "NORTH", change(.discharged)), (at(5), "NORTH", change(.dischargeCancelled)),
        ])
        let reversed = EncounterCensus.fold(encounter: "E1", changes: [
            (at(5), "NORTH", change(.dischargeCancelled)), (at(5), "NORTH", change(.discharged)), (at(2), "NORTH", change(.admitted)),
        ])
        #expect(inOrder.movements == reversed.movements)
        #expect(inOrder.stays.last?.until == nil)
    }

    @Test("a discharge later re-sent after its cancellation ends the stay again")
    func dischargeAgain() {
        let census = EncounterCensus.fold(encounter: "E1", changes: [
            (at(2), "NORTH", change(.admitted)), (at(5), "NORTH", change(.discharged)),
            (at(6), "NORTH", change(.dischargeCancelled)), (at(9), "NORTH", change(.discharged)),
        ])
        #expect(census.stays.map(\.until) == [LocalDate(year: 2026, month: 11, day: 9)])
    }

    @Test("an update changes nothing the census counts")
    func update() {
        let plain = EncounterCensus.fold(encounter: "E1", changes: [(at(2), "NORTH", change(.admitted))])
        let updated = EncounterCensus.fold(encounter: "E1", changes: [
            (at(2), "NORTH", change(.admitted)), (at(3), "NORTH", change(.updated)),
        ])
        #expect(updated.movements == plain.movements)
        #expect(updated.stays == plain.stays)
    }

    @Test("a modification updates a case's details but never revives a cancelled case")
    func modificationAfterCancel() {
        let start = at(20, 8)
        let booked = CaseChange(kind: .scheduled, caseId: "C1", procedure: "HIP", scheduledFor: start)
        let cancelled = CaseChange(kind: .cancelled, caseId: "C1")
        let modified = CaseChange(kind: .modified, caseId: "C1", surgeon: "DR-2")
        let folded = SurgicalCase.fold(site: "NORTH", changes: [(at(1), booked), (at(2), cancelled), (at(3), modified)])
        let outOfOrder = SurgicalCase.fold(site: "NORTH", changes: [(at(3), modified), (at(1), booked), (at(2), cancelled)])
        #expect(folded?.status == .cancelled)
        #expect(folded?.surgeon == "DR-2")
        #expect(outOfOrder == folded)
    }

    @Test("a modification of a live case keeps it scheduled with the new details")
    func modificationOfLiveCase() {
        let booked = CaseChange(kind: .scheduled, caseId: "C1", procedure: "HIP", scheduledFor: at(20, 8))
        let modified = CaseChange(kind: .modified, caseId: "C1", procedure: "KNEE")
        let folded = SurgicalCase.fold(site: "NORTH", changes: [(at(1), booked), (at(2), modified)])
        #expect(folded?.status == .scheduled)
        #expect(folded?.procedure == "KNEE")
        #expect(folded?.scheduledFor == at(20, 8))
    }
}
