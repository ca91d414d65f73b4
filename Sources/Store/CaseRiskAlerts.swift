import Foundation
import GRDB
import SupplyDomain

/// `case.at_risk` as soon as an append makes it urgent, without waiting for the next planning run.
///
/// After a batch settles its reservations, every case at the sites it touched that is on the schedule within
/// ``urgentDays`` of today and short of anything raises (or updates) its alert, critical, with the substance a
/// planning run gives it (``payload(site:caseId:day:missing:)``), so the run that follows sends nothing new. A
/// flagged case that is no longer short (stock arrived, it was cancelled or completed) has its alert resolved.
public enum CaseRiskAlerts {
    /// Cases from today through this many days ahead count as urgent (a planning run calls them critical too).
    public static let urgentDays = 2

    /// The alert's subject for a case.
    public static func subject(site: String, caseId: String) -> String { "\(site)/\(caseId)" }

    /// The alert's substance: the case, its day and what it is short of (never a patient).
    public static func payload(site: String, caseId: String, day: LocalDate, missing: [String: Double]) throws -> Data {
        try JSONSerialization.data(withJSONObject: [
            "site": site, "case": caseId, "day": day.description, "missing": missing,
        ], options: [.sortedKeys])
    }

    static func update(_ db: Database, cases: Set<ReservationWork.CaseKey>, items: Set<ReservationWork.Key>, now: Date)
        throws
    {
        let sites = Set(cases.map(\.site)).union(items.map(\.site))
        guard !sites.isEmpty else { return }
        let today = Timestamp(date: now).localDate
        for site in sites.sorted() {
            // Every case at risk from today on, so a flag raised by a planning run further ahead is kept while the
            // case is still at risk and resolved as soon as stock, a delivery or the schedule covers it.
            // A case whose start has passed is not at risk any more: it went ahead with what there was, and its
            // usage (or completion) settles it.
            let started = Set(try String.fetchAll(db.cachedStatement(sql: """
                SELECT caseId FROM surgicalCase WHERE site = ? AND scheduledDay = ? AND scheduledFor <= ?
                """), arguments: [site, today.dayNumber, Timestamp(date: now).secondsSinceEpoch]))
            let risks = try Inventory.casesAtRisk(db, site: site, from: today, to: today.advanced(by: 366))
                .filter { !started.contains($0.caseId) }
            for risk in risks where today.distance(to: risk.day) <= urgentDays {
                try Alerts.raise(db, kind: .caseAtRisk, subject: subject(site: site, caseId: risk.caseId), site: site,
                                 severity: .critical,
                                 data: payload(site: site, caseId: risk.caseId, day: risk.day, missing: risk.missing),
                                 now: now)
            }
            let atRisk = Set(risks.map { subject(site: site, caseId: $0.caseId) })
            let flagged = try String.fetchAll(db.cachedStatement(sql: """
                SELECT subject FROM alert WHERE kind = ? AND site = ? AND state != 'resolved'
                """), arguments: [AlertKind.caseAtRisk.rawValue, site])
            for subject in flagged.sorted() where !atRisk.contains(subject) {
                try Alerts.resolve(db, kind: .caseAtRisk, subject: subject, now: now)
            }
        }
    }
}
