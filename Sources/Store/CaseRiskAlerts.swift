import Foundation
import GRDB
import SupplyDomain

/// `case.at_risk` as soon as an append makes it urgent, without waiting for the next planning run.
///
/// After a batch settles its reservations, a case on the schedule within ``urgentDays`` of today that is short
/// of anything raises (or updates) its alert, critical, with the same substance a planning run gives it, so the
/// run that follows sends nothing new. A flagged case that is no longer short (stock arrived, it was cancelled
/// or completed) has its alert resolved.
enum CaseRiskAlerts {
    /// Cases from today through this many days ahead count as urgent (a planning run calls them critical too).
    static let urgentDays = 2

    static func update(_ db: Database, cases: Set<ReservationWork.CaseKey>, items: Set<ReservationWork.Key>, now: Date)
        throws
    {
        guard !cases.isEmpty || !items.isEmpty else { return }
        let today = Timestamp(date: now).localDate
        let last = today.advanced(by: urgentDays)
        var candidates = cases
        for key in items {
            for caseId in try String.fetchAll(db.cachedStatement(sql: """
                SELECT caseId FROM reservationShortfall WHERE site = ? AND item = ? AND neededDay BETWEEN ? AND ?
                """), arguments: [key.site, key.item, today.dayNumber, last.dayNumber]) {
                candidates.insert(ReservationWork.CaseKey(site: key.site, caseId: caseId))
            }
        }
        // Cases already flagged at a site whose stock moved may be covered now.
        for site in Set(items.map(\.site)) {
            for subject in try String.fetchAll(db.cachedStatement(sql: """
                SELECT subject FROM alert WHERE kind = ? AND site = ? AND state != 'resolved'
                """), arguments: [AlertKind.caseAtRisk.rawValue, site]) where subject.hasPrefix(site + "/") {
                candidates.insert(ReservationWork.CaseKey(site: site, caseId: String(subject.dropFirst(site.count + 1))))
            }
        }
        for key in candidates.sorted() {
            let subject = "\(key.site)/\(key.caseId)"
            var missing: [String: Double] = [:]
            var day: LocalDate?
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT item, quantity, neededDay FROM reservationShortfall WHERE site = ? AND caseId = ?
                """), arguments: [key.site, key.caseId]) {
                missing[row["item"]] = row["quantity"]
                day = LocalDate(dayNumber: row["neededDay"])
            }
            guard let day, !missing.isEmpty else {
                try Alerts.resolve(db, kind: .caseAtRisk, subject: subject, now: now)
                continue
            }
            guard day >= today && day <= last else { continue }
            let data = try JSONSerialization.data(withJSONObject: [
                "site": key.site, "case": key.caseId, "day": day.description, "missing": missing,
            ], options: [.sortedKeys])
            try Alerts.raise(db, kind: .caseAtRisk, subject: subject, site: key.site, severity: .critical, data: data,
                             now: now)
        }
    }
}
