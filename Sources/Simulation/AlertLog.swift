import Foundation
import Store
import SupplyDomain

/// What SupplyCast told operations, night by night: alerts opened or materially updated, the critical ones with
/// what they name, and which site × items and cases were under a live alert each night.
struct AlertLog: Sendable {
    /// A critical alert as it was raised (or escalated to critical).
    struct Critical: Sendable {
        var kind: AlertKind
        var subject: String
        var night: LocalDate
        /// The site × items it names: the item of a shortage, what a case misses.
        var siteItems: [SiteItem]
        /// For a case at risk: the case day.
        var caseDay: LocalDate?
    }

    /// Per night and site: alerts opened, or updated while live.
    private(set) var changesPerSiteNight: [String: [Int]] = [:]
    private(set) var critical: [Critical] = []
    /// Per night (day number): site × items named by a live shortage or case alert, and live case subjects.
    private(set) var liveItems: [Int: Set<SiteItem>] = [:]
    private(set) var liveCases: [Int: Set<String>] = [:]
    private var seen: [Int64: (revision: Int, severity: AlertSeverity)] = [:]

    /// Records the alerts changed during the day and night (`changed`) and the live ones after the night's run.
    mutating func record(night: LocalDate, sites: [String], changed: [Alert], live: [Alert]) {
        var counts = Dictionary(uniqueKeysWithValues: sites.map { ($0, 0) })
        for alert in changed {
            let before = seen[alert.id]
            seen[alert.id] = (alert.revision, alert.severity)
            let opened = before == nil
            let updated = !opened && alert.state != .resolved && alert.revision > before!.revision
            if (opened || updated), let site = alert.site, counts[site] != nil {
                counts[site]! += 1
            }
            let becameCritical = alert.severity == .critical && before?.severity != .critical
            if becameCritical && (opened || alert.state != .resolved) {
                critical.append(Critical(kind: alert.kind, subject: alert.subject, night: night,
                                         siteItems: Self.siteItems(alert), caseDay: Self.caseDay(alert)))
            }
        }
        for (site, count) in counts { changesPerSiteNight[site, default: []].append(count) }
        var items = Set<SiteItem>()
        var cases = Set<String>()
        for alert in live where alert.kind == .shortageProjected || alert.kind == .caseAtRisk {
            items.formUnion(Self.siteItems(alert))
            if alert.kind == .caseAtRisk { cases.insert(alert.subject) }
        }
        liveItems[night.dayNumber] = items
        liveCases[night.dayNumber] = cases
    }

    /// The site × items an alert names: `SITE/ITEM` for a shortage, the `missing` items of a case at risk.
    static func siteItems(_ alert: Alert) -> [SiteItem] {
        guard let site = alert.site else { return [] }
        switch alert.kind {
        case .shortageProjected:
            if let payload = payload(alert), let item = payload["item"] as? String { return [SiteItem(site: site, item: item)] }
            return alert.subject.split(separator: "/").dropFirst().first.map { [SiteItem(site: site, item: String($0))] } ?? []
        case .caseAtRisk:
            let missing = payload(alert)?["missing"] as? [String: Any] ?? [:]
            return missing.keys.sorted().map { SiteItem(site: site, item: $0) }
        default:
            return []
        }
    }

    static func caseDay(_ alert: Alert) -> LocalDate? {
        guard alert.kind == .caseAtRisk, let day = payload(alert)?["day"] as? String else { return nil }
        return LocalDate(iso: day)
    }

    private static func payload(_ alert: Alert) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: alert.data)) as? [String: Any]
    }
}
