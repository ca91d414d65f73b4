import Foundation

/// Builds canonical event JSON lines for tests, so each test states only what it is about.
public enum EventLine {
    public static func make(
        id: String, source: String = "test", type: String, at occurredAt: String = "2026-11-02T09:00:00+01:00",
        site: String = "NORTH", payload: [String: Any]
    ) -> String {
        let object: [String: Any] = ["id": id, "source": source, "type": type, "occurredAt": occurredAt, "site": site,
                                     "payload": payload]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    public static func usage(id: String, item: String = "GLOVE-M", quantity: Double = 1,
                             at occurredAt: String = "2026-11-02T09:00:00+01:00", site: String = "NORTH",
                             extra: [String: Any] = [:]) -> String {
        make(id: id, source: "mm", type: "usage.recorded", at: occurredAt, site: site,
             payload: ["item": item, "quantity": quantity].merging(extra) { $1 })
    }

    public static func caseEvent(id: String, _ kind: String, caseId: String, at occurredAt: String,
                                 procedure: String? = "THA", scheduledFor: String? = "2026-11-10T08:00:00+01:00") -> String {
        var payload: [String: Any] = ["case": caseId]
        if kind == "scheduled" || kind == "rescheduled" {
            payload["procedure"] = procedure
            payload["scheduledFor"] = scheduledFor
        }
        return make(id: id, source: "or", type: "case.\(kind)", at: occurredAt, payload: payload)
    }

    public static func admission(id: String, _ kind: String, encounter: String, at occurredAt: String,
                                 site: String = "NORTH", toSite: String? = nil) -> String {
        var payload: [String: Any] = ["encounter": encounter]
        if let toSite { payload["toSite"] = toSite }
        return make(id: id, source: "adt", type: "admission.\(kind)", at: occurredAt, site: site, payload: payload)
    }
}
