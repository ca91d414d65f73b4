/// A patient's stay at one site, from the day they arrived to the day they left (nil while in house).
public struct SiteStay: Sendable, Hashable, Codable {
    public var site: String
    /// Nil when the arrival was never seen (admitted before the feed began).
    public var from: LocalDate?
    public var until: LocalDate?
    /// Whether the stay began with an admission (rather than a transfer from another site).
    public var admitted: Bool
    /// Whether the stay ended with a discharge (rather than a transfer to another site).
    public var discharged: Bool
}

/// An encounter as the census sees it: the stays at each site, folded from its ADT events in time order.
public struct EncounterCensus: Sendable, Hashable, Codable {
    public var encounter: String
    public var stays: [SiteStay]
    public var cancelled: Bool
    public var lastChangeAt: Timestamp?

    public init(encounter: String) {
        self.encounter = encounter
        self.stays = []
        self.cancelled = false
    }

    /// Folds the changes of one encounter, in any order, into its stays.
    public static func fold(
        encounter: String, changes: [(occurredAt: Timestamp, site: String, change: AdmissionChange)]
    ) -> EncounterCensus {
        let ordered = changes.enumerated().sorted {
            ($0.element.occurredAt, $0.offset) < ($1.element.occurredAt, $1.offset)
        }
        var census = EncounterCensus(encounter: encounter)
        for (_, entry) in ordered {
            census.apply(entry.change, at: entry.occurredAt, site: entry.site)
        }
        return census
    }

    /// Applies one more change that happened no earlier than every change already applied.
    public mutating func apply(_ change: AdmissionChange, at occurredAt: Timestamp, site: String) {
        lastChangeAt = occurredAt
        let day = occurredAt.localDate
        switch change.kind {
        case .admitted:
            cancelled = false
            if let open = stays.last, open.until == nil { return }
            stays.append(SiteStay(site: site, from: day, until: nil, admitted: true, discharged: false))
        case .transferred:
            // A move between wards of one site leaves the site's census alone.
            guard let destination = change.toSite, destination != site else { return }
            if let last = stays.indices.last, stays[last].until == nil {
                stays[last].until = day
            } else if stays.isEmpty {
                stays.append(SiteStay(site: site, from: nil, until: day, admitted: false, discharged: false))
            }
            stays.append(SiteStay(site: destination, from: day, until: nil, admitted: false, discharged: false))
        case .discharged:
            if let last = stays.indices.last, stays[last].until == nil {
                stays[last].until = day
                stays[last].discharged = true
            } else if stays.isEmpty {
                // No admission seen for this encounter: count the departure alone.
                stays.append(SiteStay(site: site, from: nil, until: day, admitted: false, discharged: true))
            }
        case .cancelled:
            cancelled = true
        }
    }

    /// The census movements this encounter contributes: per site and day, how many came and went.
    public var movements: [CensusMovement] {
        guard !cancelled else { return [] }
        var result: [CensusMovement] = []
        for stay in stays {
            if let from = stay.from {
                result.append(CensusMovement(site: stay.site, day: from, kind: stay.admitted ? .admission : .transferIn))
            }
            if let until = stay.until {
                result.append(CensusMovement(site: stay.site, day: until, kind: stay.discharged ? .discharge : .transferOut))
            }
        }
        return result
    }
}

/// One arrival or departure at a site on a day, the unit the daily census is summed from.
public struct CensusMovement: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case admission, discharge, transferIn, transferOut
    }

    public var site: String
    public var day: LocalDate
    public var kind: Kind
}
