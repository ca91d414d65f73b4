/// One arrival or departure at a site on a day, the unit the daily census is summed from.
public struct CensusMovement: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case admission, discharge, transferIn, transferOut
        /// A patient who left on `day` without the feed ever carrying their arrival: in house since before the
        /// feed began, so counted on every day before `day` (the departure itself is a movement of its own).
        case unseenArrival
    }

    public var site: String
    public var day: LocalDate
    public var kind: Kind
}
