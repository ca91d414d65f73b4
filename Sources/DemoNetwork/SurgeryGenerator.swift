import Foundation
import SupplyDomain

/// The OR schedule of every site: bookings, reschedules, cancellations, no-shows and completed cases, plus the
/// theatre usage of each completed case drawn from its preference card.
///
/// Elective lists run on weekdays (weekends see only a few emergencies), thin out in summer and at Christmas,
/// and grow 3 %/year. Each case is booked 1–60 days ahead (geometric, mean about two weeks; emergencies a few
/// hours ahead); about 8 % are rescheduled once, 5 % cancelled, 1 % no-shows, the rest completed. Cases up to
/// `forwardScheduleDays` after the end date appear only as bookings (and the odd early cancellation) made
/// before the end of history: the forward schedule a forecaster can use as a driver. Now and then a site runs a
/// waiting-list initiative (``CaseSurge``): two weeks of busier lists, most of the extra cases of one procedure.
struct SurgeryGenerator {
    /// Theatre usage of completed cases, to be given lots and serials by the replenishment simulation.
    var demands: [Demand] = []
    /// The expected card needs of every case that is not cancelled, forward schedule included.
    var bookedNeeds: [BookedNeed] = []

    private static let cancelReasons = ["patient unfit for surgery", "no bed available", "list overrun",
                                        "patient request", "surgeon unavailable"]
    /// How often each size of an implant family is used (the card names the second).
    private static let sizeWeights: [Double] = [0.18, 0.42, 0.25, 0.15, 0.08, 0.04]

    /// Each site's waiting-list initiatives: the first 30–150 days in, then every 120–200 days, ten weekdays
    /// with 35 % more elective cases and one procedure (drawn at random) four times its usual share.
    static func surges(parameters: DemoParameters, layout: NetworkLayout, procedures: ProcedureCatalog) -> [CaseSurge] {
        let last = parameters.endDate.dayNumber + max(parameters.forwardScheduleDays, 0)
        var surges: [CaseSurge] = []
        for (siteIndex, profile) in layout.sites.enumerated() {
            var random = SeededGenerator(seed: parameters.seed, stream: 700 + UInt64(siteIndex))
            var day = parameters.startDate.dayNumber + random.int(in: 30...150)
            while day <= last && !procedures.procedures.isEmpty {
                let procedure = procedures.procedures[random.int(in: 0...(procedures.procedures.count - 1))].code
                surges.append(CaseSurge(site: profile.site.id, procedure: procedure, from: LocalDate(dayNumber: day),
                                        through: LocalDate(dayNumber: day + 13), caseFactor: 1.35,
                                        procedureWeightFactor: 4))
                day += 14 + random.int(in: 120...200)
            }
        }
        return surges
    }

    init(parameters: DemoParameters, layout: NetworkLayout, catalog: Catalog, procedures: ProcedureCatalog,
         surges: [CaseSurge], inpatients: [[[AdmissionGenerator.Inpatient]]], clock: LocalClock, log: inout EventLog) {
        let start = parameters.startDate.dayNumber
        let end = parameters.endDate.dayNumber
        let last = end + max(parameters.forwardScheduleDays, 0)
        let mix = procedures.procedures.map(\.weight)
        let surgical = catalog.surgicalItems
        demands.reserveCapacity(Int(Double(parameters.historyDays) * 0.6) * 10 * layout.sites.count * 12)

        for (siteIndex, profile) in layout.sites.enumerated() {
            var random = SeededGenerator(seed: parameters.seed, stream: 200 + UInt64(siteIndex))
            let site = profile.site.id
            let source = "or-" + site.lowercased()
            var caseNumber = 0
            var waiting = inpatients.indices.contains(siteIndex) ? inpatients[siteIndex] : []
            let siteSurges = surges.filter { $0.site == site }
            for day in start...last {
                let date = LocalDate(dayNumber: day)
                let weekday = date.isoWeekday
                var mean = profile.casesPerWeekday * Seasonality.theatreWeekday[weekday - 1]
                    * Seasonality.theatreHolidays(date) * Seasonality.trend(date, start: parameters.startDate, perYear: 0.03)
                var weights = mix
                if weekday < 6, let surge = siteSurges.first(where: { $0.from <= date && date <= $0.through }) {
                    mean *= surge.caseFactor
                    weights = zip(procedures.procedures, mix).map {
                        $0.code == surge.procedure ? $1 * surge.procedureWeightFactor : $1
                    }
                }
                for _ in 0..<random.poisson(mean) {
                    caseNumber += 1
                    let caseId = "C" + pad(caseNumber, 7)
                    let procedure = procedures.procedures[random.pick(weights: weights)]
                    let surgeon = procedure.surgeons[random.int(in: 0...(procedure.surgeons.count - 1))]
                    let emergency = weekday >= 6 || random.chance(0.04)
                    let duration = Int(Double(procedure.durationMinutes * 60) * random.logNormal(mu: 0, sigma: 0.2))
                    let startSecond = emergency
                        ? random.int(in: 28_800...(72_000 - min(duration, 28_800)))
                        : 27_000 + 900 * random.int(in: 0...max(0, (45_000 - duration) / 900))
                    let scheduledFor = clock.timestamp(dayNumber: day, secondOfDay: startSecond)

                    // Inpatients admitted to the surgical ward that day come first; the rest are day cases.
                    var encounter: String?
                    var patient = "P" + pad(random.int(in: 1...400_000), 6)
                    if day <= end, random.chance(0.6), let admitted = waiting[day - start].popLast() {
                        encounter = admitted.encounter
                        patient = admitted.patient
                    }

                    // Booking: days ahead for electives, hours ahead for emergencies; never before the first day.
                    var bookingDay = day
                    var bookingSecond = max(startSecond - random.int(in: 3600...14_400), 0)
                    if !emergency {
                        bookingDay = day - min(1 + random.geometric(1.0 / 14), 60)
                        bookingSecond = random.int(in: 28_800...61_199)
                    }
                    if bookingDay < start {
                        bookingDay = start
                        bookingSecond = min(bookingSecond, max(startSecond - 3600, 0))
                    }
                    // A reschedule: first booked for another day, moved to this one.
                    var bookedDay = day
                    var rescheduleDay: Int?
                    if !emergency && random.chance(0.08) {
                        let moved = random.chance(0.5) ? day - random.int(in: 1...7) : day + random.int(in: 1...7)
                        let latest = min(moved, day) - 1
                        if latest > bookingDay && LocalDate(dayNumber: moved).isoWeekday < 6 {
                            bookedDay = moved
                            rescheduleDay = random.int(in: (bookingDay + 1)...latest)
                        }
                    }
                    log.add(source: source, at: clock.timestamp(dayNumber: bookingDay, secondOfDay: bookingSecond), site: site,
                            body: .surgicalCase(CaseChange(
                                kind: .scheduled, caseId: caseId, procedure: procedure.code, surgeon: surgeon,
                                scheduledFor: clock.timestamp(dayNumber: bookedDay, secondOfDay: startSecond), patient: patient)))
                    if let rescheduleDay {
                        log.add(source: source, at: clock.timestamp(dayNumber: rescheduleDay, secondOfDay: random.int(in: 28_800...61_199)),
                                site: site,
                                body: .surgicalCase(CaseChange(kind: .rescheduled, caseId: caseId, scheduledFor: scheduledFor,
                                                               reason: "theatre capacity")))
                    }

                    let outcome = random.uniform()
                    if outcome < 0.05 {
                        // Cancelled between booking and start, most often the day before or on the morning.
                        let cancelDay = max(bookingDay, day - random.int(in: 0...1))
                        let earliest = cancelDay == bookingDay ? bookingSecond + 60 : 25_200
                        let latest = cancelDay == day ? max(startSecond - 600, earliest) : 68_400
                        let second = random.int(in: min(earliest, latest)...max(earliest, latest))
                        log.add(source: source, at: clock.timestamp(dayNumber: cancelDay, secondOfDay: second), site: site,
                                body: .surgicalCase(CaseChange(
                                    kind: .cancelled, caseId: caseId,
                                    reason: Self.cancelReasons[random.int(in: 0...(Self.cancelReasons.count - 1))])))
                        continue
                    }
                    for line in procedure.surgeonCards[surgeon] ?? procedure.card {
                        bookedNeeds.append(BookedNeed(site: siteIndex, item: line.item, dayNumber: day, bookedDay: bookingDay,
                                                      quantity: Double(line.quantity)))
                    }
                    for implant in procedure.implants {
                        let family = catalog.families[implant.family]
                        let weights = Array(Self.sizeWeights.prefix(family.items.count))
                        let total = weights.reduce(0, +)
                        for (size, item) in family.items.enumerated() {
                            bookedNeeds.append(BookedNeed(
                                site: siteIndex, item: item, dayNumber: day, bookedDay: bookingDay,
                                quantity: Double(implant.quantity) * weights[min(size, weights.count - 1)] / total))
                        }
                    }
                    guard day <= end else { continue }
                    if outcome < 0.06 {
                        log.add(source: source, at: clock.timestamp(dayNumber: day, secondOfDay: startSecond + 1800), site: site,
                                body: .surgicalCase(CaseChange(kind: .noShow, caseId: caseId)))
                        continue
                    }
                    let endSecond = startSecond + duration
                    log.add(source: source, at: clock.timestamp(dayNumber: day, secondOfDay: endSecond), site: site,
                            body: .surgicalCase(CaseChange(kind: .completed, caseId: caseId, procedure: procedure.code,
                                                           surgeon: surgeon)))

                    // Theatre usage, recorded while the case closes.
                    func use(_ item: Int, _ quantity: Int) {
                        demands.append(Demand(
                            dayNumber: day, secondOfDay: endSecond - random.int(in: 60...900), site: siteIndex, item: item,
                            location: NetworkLayout.theatreLocation, quantity: quantity, caseId: caseId,
                            encounter: encounter, patient: patient))
                    }
                    for line in procedure.surgeonCards[surgeon] ?? procedure.card {
                        guard !random.chance(0.04) else { continue }
                        let draw = random.uniform()
                        let quantity = line.quantity + (draw < 0.15 ? 1 : 0) - (draw > 0.92 && line.quantity > 1 ? 1 : 0)
                        use(line.item, quantity)
                    }
                    if !surgical.isEmpty && random.chance(0.1) {
                        use(surgical[random.int(in: 0...(surgical.count - 1))], 1)
                    }
                    for implant in procedure.implants {
                        let family = catalog.families[implant.family]
                        guard !random.chance(0.03) else { continue }
                        let size = random.pick(weights: Array(Self.sizeWeights.prefix(family.items.count)))
                        for _ in 0..<implant.quantity {
                            use(family.items[min(size, family.items.count - 1)], 1)
                        }
                    }
                }
            }
        }
    }
}
