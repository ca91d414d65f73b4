import Foundation

/// Where operations want alerts delivered, as listed (never with its secrets).
public struct WebhookSubscription: Sendable, Codable, Equatable {
    public var id: Int64
    public var url: String
    /// Event type filters: `shortage.*`, `case.at_risk`, `*`. A filter on a kind also matches its `.resolved`.
    public var events: [String]
    /// Only alerts of this site, or every site when nil.
    public var site: String?
    /// Each alert change as it happens, or one digest per site per planning night.
    public var mode: WebhookDeliveryMode
    public var enabled: Bool
    /// When the previous secret stops signing, while a rotation is under way.
    public var previousSecretExpiresAt: Date?
    public var createdAt: Date
    public var disabledAt: Date?
    public var disabledReason: String?

    /// Whether an event of `type` (`shortage.projected`, `case.at_risk.resolved`, `alerts.digest`) at `site` goes
    /// to this subscription: digests go to digest subscriptions only, alert changes to immediate ones only.
    public func wants(type: String, site alertSite: String?) -> Bool {
        if let site, site != alertSite { return false }
        guard (type == AlertDigest.eventType) == (mode == .digest) else { return false }
        return events.contains { WebhookSubscription.filter($0, matches: type) }
    }

    /// `*` matches everything; `shortage.*` every type under `shortage.`; a plain type itself and its `.resolved`.
    public static func filter(_ filter: String, matches type: String) -> Bool {
        if filter == "*" { return true }
        if filter.hasSuffix(".*") { return type.hasPrefix(String(filter.dropLast())) }
        return type == filter || type == filter + ".resolved"
    }
}

/// What the webhook connector needs to sign and send one message: the target and the secrets live now.
public struct WebhookEndpoint: Sendable {
    public var subscription: WebhookSubscription
    /// The current secret first, then the previous one while it has not expired.
    public var secrets: [String]
}
