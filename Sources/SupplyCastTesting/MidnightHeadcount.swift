import SupplyDomain

/// Patients in house at midnight counted straight from ADT events, the way a ward clerk would: for each
/// encounter, the site it was at between one event and the next, counted at the end of every day.
///
/// Written apart from `EncounterCensus` and the store's projection, so tests can hold both to it. The rules are
/// those of docs/events.md: an encounter belongs to the feed that sends it (`source` + `encounter`); a
/// cancellation voids everything before it; a transfer without `toSite`, or to the same site, is a ward move; a
/// patient who leaves without an arrival seen was in house since before the feed began.
public struct MidnightHeadcount: Sendable {
    /// The days counted.
    public let days: ClosedRange<LocalDate>
    /// In house at the end of each day of `days`, per site (sites nobody stayed at are absent).
    public private(set) var inHouse: [String: [Int]] = [:]

    public init(events: [SupplyEvent], days: ClosedRange<LocalDate>) {
        self.days = days
        var encounters: [String: [SupplyEvent]] = [:]
        for event in events {
            guard case .admission(let change) = event.body else { continue }
            encounters[event.source + "\u{1F}" + change.encounter, default: []].append(event)
        }
        for history in encounters.values {
            count(history.sorted { $0.occurredAt < $1.occurredAt })
        }
    }

    /// The count of one site, zero on days nobody was there.
    public func inHouse(site: String) -> [Int] {
        inHouse[site] ?? Array(repeating: 0, count: days.count)
    }

    private mutating func count(_ history: [SupplyEvent]) {
        // Stays at a site from `since` (inclusive; nil: since before the feed began) until `until` (exclusive).
        var stays: [(site: String, since: LocalDate?, until: LocalDate?)] = []
        var here: (site: String, since: LocalDate?)?
        var voided = false
        // Whether the last stay in `stays` was ended by a discharge nothing has followed, so a cancelled discharge
        // can take it back.
        var endedByDischarge = false
        for event in history {
            guard case .admission(let change) = event.body else { continue }
            let day = event.occurredAt.localDate
            switch change.kind {
            case .cancelled:
                (stays, here, voided) = ([], nil, true)
            case .updated:
                continue
            case .dischargeCancelled:
                guard !voided, endedByDischarge, here == nil, let last = stays.popLast() else { continue }
                if let since = last.since { here = (last.site, since) }
            case .admitted:
                voided = false
                if here == nil { here = (event.site, day) }
            case .transferred:
                guard !voided, let destination = change.toSite, destination != event.site else { continue }
                if let stay = here {
                    stays.append((stay.site, stay.since, day))
                } else if stays.isEmpty {
                    stays.append((event.site, nil, day))
                }
                here = (destination, day)
            case .discharged:
                guard !voided else { continue }
                if let stay = here {
                    stays.append((stay.site, stay.since, day))
                } else if stays.isEmpty {
                    stays.append((event.site, nil, day))
                }
                here = nil
            }
            endedByDischarge = change.kind == .discharged && !voided && here == nil && !stays.isEmpty
        }
        guard !voided else { return }
        if let stay = here { stays.append((stay.site, stay.since, nil)) }
        for stay in stays {
            let first = max(stay.since ?? days.lowerBound, days.lowerBound)
            let end = min(stay.until ?? days.upperBound.advanced(by: 1), days.upperBound.advanced(by: 1))
            guard first < end else { continue }
            var counts = inHouse(site: stay.site)
            for day in first..<end {
                counts[days.lowerBound.distance(to: day)] += 1
            }
            inHouse[stay.site] = counts
        }
    }
}
