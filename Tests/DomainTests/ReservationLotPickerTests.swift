import SupplyDomain
import Testing

@Suite struct ReservationLotPickerTests {
    let caseDay = LocalDate(year: 2026, month: 11, day: 10)

    func lot(_ id: String, expires day: Int?, _ available: Double, recalled: Bool = false) -> LotAvailability {
        LotAvailability(lot: id, expiry: day.map { LocalDate(year: 2026, month: 11, day: $0) }, recalled: recalled,
                        available: available)
    }

    @Test("first expiry first out, lots without expiry last")
    func fefo() {
        let lots = [lot("NOEXP", expires: nil, 10), lot("LATE", expires: 30, 10), lot("SOON", expires: 12, 3)]
        let result = ReservationLotPicker.pick(5, on: caseDay, from: lots)
        #expect(result.picks == [LotPick(lot: "SOON", quantity: 3), LotPick(lot: "LATE", quantity: 2)])
        #expect(result.shortfall == 0)
    }

    @Test("never a recalled lot, never one that expires before the case; a lot expiring on the day is usable")
    func unusableLots() {
        let lots = [lot("RECALLED", expires: 20, 10, recalled: true), lot("EXPIRED", expires: 9, 10),
                    lot("TODAY", expires: 10, 1), lot("EMPTY", expires: 11, 0)]
        let result = ReservationLotPicker.pick(4, on: caseDay, from: lots)
        #expect(result.picks == [LotPick(lot: "TODAY", quantity: 1)])
        #expect(result.shortfall == 3)
    }

    @Test("equal expiries are taken in lot order, so the same stock always gives the same picks")
    func deterministic() {
        let lots = [lot("B", expires: 20, 2), lot("A", expires: 20, 2)]
        #expect(ReservationLotPicker.pick(3, on: caseDay, from: lots).picks
            == [LotPick(lot: "A", quantity: 2), LotPick(lot: "B", quantity: 1)])
        #expect(ReservationLotPicker.pick(3, on: caseDay, from: Array(lots.reversed())).picks
            == ReservationLotPicker.pick(3, on: caseDay, from: lots).picks)
    }
}
