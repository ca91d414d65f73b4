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
    ///
    /// Changes at the same instant are taken admission first, then update, transfer, discharge, cancelled discharge
    /// and cancellation, so the
    /// result does not depend on the order they arrived in.
    public static func fold(
        encounter: String, changes: [(occurredAt: Timestamp, site: String, change: AdmissionChange)]
    ) -> EncounterCensus {
        let ordered = changes.enumerated().sorted {
            ($0.element.occurredAt, $0.element.change.kind.foldOrder, $0.offset)
                < ($1.element.occurredAt, $1.element.change.kind.foldOrder, $1.offset)
        }
        var census = EncounterCensus(encounter: encounter)
        for (_, entry) in ordered {
            census.apply(entry.change, at: entry.occurredAt, site: entry.site)
        }
        return census
    }

    /// Applies one more change that happened after every change already applied (at the same instant, one that
    /// ``fold(encounter:changes:)`` takes no earlier).
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
                // No arrival seen: the patient was in house before the feed began (see `movements`).
                stays.append(SiteStay(site: site, from: nil, until: day, admitted: false, discharged: true))
            }
        case .cancelled:
            // A cancelled admission never happened: its stays leave the census; a later admission starts afresh.
            cancelled = true
            stays = []
        case .dischargeCancelled:
            // The discharge never happened: the stay it ended goes on. Not a readmission, so no new arrival.
            if let last = stays.indices.last, stays[last].discharged {
                stays[last].until = nil
                stays[last].discharged = false
                if stays[last].from == nil {
                    // Only the discharge had been seen; without it nothing is known of the stay but that it goes on,
                    // which the census cannot place on a day.
                    stays.removeLast()
                }
            }
        case .updated:
            break
        }
    }

    /// The census movements this encounter contributes: per site and day, how many came and went.
    ///
    /// A stay whose arrival was never seen (the feed began mid-stay) adds an ``CensusMovement/Kind/unseenArrival``
    /// on its departure day: the patient counts as in house on every day before they left, never as a departure
    /// of someone who was not there.
    public var movements: [CensusMovement] {
        guard !cancelled else { return [] }
        var result: [CensusMovement] = []
        for stay in stays {
            if let from = stay.from {
                result.append(CensusMovement(site: stay.site, day: from, kind: stay.admitted ? .admission : .transferIn))
            } else if let until = stay.until {
                result.append(CensusMovement(site: stay.site, day: until, kind: .unseenArrival))
            }
            if let until = stay.until {
                result.append(CensusMovement(site: stay.site, day: until, kind: stay.discharged ? .discharge : .transferOut))
            }
        }
        return result
    }
}

extension AdmissionChange.Kind {
    /// Rank among changes at the same instant: an encounter is admitted before it moves, leaves or is cancelled.
    var foldOrder: Int {
        switch self {
        case .admitted: 0
        case .updated: 1
        case .transferred: 2
        case .discharged: 3
        case .dischargeCancelled: 4
        case .cancelled: 5
        }
    }
}
