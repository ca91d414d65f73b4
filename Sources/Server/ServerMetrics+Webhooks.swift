import Prometheus

extension ServerMetrics {
    /// Counts webhook delivery attempts by outcome (`delivered`, `retryable`, `rejected`, `gone`) and dead letters
    /// (`dead`: the last attempt of the schedule failed) as `supplycast_webhook_deliveries_total{outcome}`.
    public func countWebhookDelivery(outcome: String) {
        registry.makeCounter(
            descriptor: .init(namespace: "supplycast", subsystem: "webhook", metricName: "deliveries", unitName: "total",
                              helpText: "Webhook delivery attempts by outcome; outcome=dead counts dead-lettered messages"),
            labels: [("outcome", outcome)]
        ).increment()
    }
}
