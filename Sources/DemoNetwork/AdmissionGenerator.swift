import Foundation
import SupplyDomain

/// Admissions, transfers, discharges and cancelled admissions per site and day, and the midnight census they add
/// up to (which drives ward consumption).
///
/// Arrivals are Poisson with a weekday shape, a winter peak and +4 %/year trend; lengths of stay are lognormal
/// with a mean of about 4.5 days (longer in intensive care, shorter in paediatrics). About 2.5 % of longer
/// stays move to another site of the network, 1.5 % of admissions are cancelled. Sixty days of warm-up run
/// before the first day so that the census starts full. The history opens as a go-live load would: every
/// encounter still open when the history begins comes with all its events, including its admission (and any
/// transfer) from before the first day at their true times; encounters over before the first day are not emitted.
/// The midnight census built here, which drives ward usage, is therefore the one the emitted events add up to.
///
/// All events of one encounter come from the admitting site's ADT feed (`adt-<site>`), including the discharge
/// written at the receiving site after a transfer, so that the encounter folds as one history.
struct AdmissionGenerator {
    /// Inpatients admitted to the surgical ward, by site and day index, for theatre cases to attach to.
    struct Inpatient: Sendable {
        var encounter: String
        var patient: String
    }

    /// Midnight census by site, ward and day index of history.
    var census: [[[Int]]] = []
    var surgicalInpatients: [[[Inpatient]]] = []

    static let warmUpDays = 60

    init(parameters: DemoParameters, layout: NetworkLayout, clock: LocalClock, log: inout EventLog) {
        let start = parameters.startDate.dayNumber
        let end = parameters.endDate.dayNumber
        let days = end - start + 1
        let wards = NetworkLayout.wards
        let shares = wards.map(\.admissionShare)
        let siteCount = layout.sites.count
        // Census changes per site, ward and day index (+1 arriving, −1 leaving), turned into levels at the end.
        var delta = [[[Int]]](repeating: [[Int]](repeating: [Int](repeating: 0, count: days + 1), count: wards.count),
                              count: siteCount)
        var inpatients = [[[Inpatient]]](repeating: [[Inpatient]](repeating: [], count: days), count: siteCount)
        var encounterNumber = 0

        // An encounter with any change from the first day on is still open then: all of it is history.
        func emit(_ changes: [(at: Timestamp, site: String, change: AdmissionChange)], source: String) {
            guard changes.contains(where: { $0.at.secondsSinceEpoch >= log.window.lowerBound }) else { return }
            for change in changes {
                log.addOpeningState(source: source, at: change.at, site: change.site, body: .admission(change.change))
            }
        }

        func mark(_ site: Int, _ ward: Int, from: Int, until: Int) {
            let first = max(from - start, 0)
            let last = min(until - start, days)
            guard first < last else { return }
            delta[site][ward][first] += 1
            delta[site][ward][last] -= 1
        }

        for (siteIndex, profile) in layout.sites.enumerated() {
            var random = SeededGenerator(seed: parameters.seed, stream: 100 + UInt64(siteIndex))
            let site = profile.site.id
            let source = "adt-" + site.lowercased()
            for day in (start - Self.warmUpDays)...end {
                let date = LocalDate(dayNumber: day)
                let mean = profile.admissionsPerDay * Seasonality.admissionWeekday[date.isoWeekday - 1]
                    * Seasonality.winterPeak(date) * Seasonality.trend(date, start: parameters.startDate, perYear: 0.04)
                for _ in 0..<random.poisson(mean) {
                    encounterNumber += 1
                    let encounter = "E" + pad(encounterNumber, 8)
                    let patient = "P" + pad(random.int(in: 1...400_000), 6)
                    let ward = random.pick(weights: shares)
                    // Most arrivals in the day, some at night through the emergency department.
                    let admitSecond = random.chance(0.15) ? random.int(in: 0...86_399) : random.int(in: 25_200...79_199)
                    let admittedAt = clock.timestamp(dayNumber: day, secondOfDay: admitSecond)
                    var changes = [(at: admittedAt, site: site,
                                    change: AdmissionChange(kind: .admitted, encounter: encounter, patient: patient,
                                                            unit: wards[ward].id))]
                    defer { emit(changes, source: source) }
                    if random.chance(0.015) {
                        let cancelledAt = clock.timestamp(dayNumber: day, secondOfDay: admitSecond + random.int(in: 1800...14_400))
                        changes.append((cancelledAt, site, AdmissionChange(kind: .cancelled, encounter: encounter, patient: patient)))
                        continue
                    }
                    let meanStay = 4.5 * wards[ward].stayFactor
                    var stay = Int(random.logNormal(mu: Foundation.log(meanStay) - 0.32, sigma: 0.8).rounded())
                    if stay == 0 && admitSecond > 54_000 { stay = 1 }
                    let leaveDay = day + stay
                    var leaveSecond = random.int(in: 36_000...61_199)
                    if stay == 0 { leaveSecond = max(leaveSecond, admitSecond + 7200) }
                    if ward == NetworkLayout.surgicalWard && stay >= 1 && day >= start {
                        inpatients[siteIndex][day - start].append(Inpatient(encounter: encounter, patient: patient))
                    }
                    let leftAt = clock.timestamp(dayNumber: leaveDay, secondOfDay: leaveSecond)
                    // A few longer stays move to another hospital of the network part-way through.
                    if siteCount > 1 && stay >= 3 && random.chance(0.025) {
                        let moveDay = day + random.int(in: 1...(stay - 1))
                        let target = (siteIndex + random.int(in: 1...(siteCount - 1))) % siteCount
                        let targetSite = layout.sites[target].site.id
                        let targetWard = random.pick(weights: shares)
                        changes.append((clock.timestamp(dayNumber: moveDay, secondOfDay: random.int(in: 32_400...64_799)), site,
                                        AdmissionChange(kind: .transferred, encounter: encounter, patient: patient,
                                                        unit: wards[targetWard].id, toSite: targetSite)))
                        mark(siteIndex, ward, from: day, until: moveDay)
                        mark(target, targetWard, from: moveDay, until: leaveDay)
                        changes.append((leftAt, targetSite, AdmissionChange(kind: .discharged, encounter: encounter,
                                                                            patient: patient, unit: wards[targetWard].id)))
                    } else {
                        mark(siteIndex, ward, from: day, until: leaveDay)
                        changes.append((leftAt, site, AdmissionChange(kind: .discharged, encounter: encounter,
                                                                      patient: patient, unit: wards[ward].id)))
                    }
                }
            }
        }
        // Patients admitted during warm-up are in the census from the first day.
        census = delta.map { wardsOfSite in
            wardsOfSite.map { changes in
                var level = 0
                return changes.prefix(days).map { change -> Int in
                    level += change
                    return level
                }
            }
        }
        surgicalInpatients = inpatients
    }

    /// The whole-site midnight census (all wards) per site code.
    func midnightCensus(sites layout: NetworkLayout) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for (siteIndex, profile) in layout.sites.enumerated() {
            let wards = census[siteIndex]
            result[profile.site.id] = wards.first.map { first in
                first.indices.map { day in wards.reduce(0) { $0 + $1[day] } }
            } ?? []
        }
        return result
    }
}
