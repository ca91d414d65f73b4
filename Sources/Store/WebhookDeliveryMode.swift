/// How a subscription takes its alerts.
public enum WebhookDeliveryMode: String, Sendable, Codable, CaseIterable {
    /// One message per alert change (opened, changed materially, resolved) as it happens.
    case immediate
    /// One `alerts.digest` message per site per planning night, and nothing in between.
    case digest
}
