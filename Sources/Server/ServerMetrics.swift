import Prometheus
import Store
import SupplyDomain

/// The server's Prometheus registry and the metrics SupplyCast names (units in the names).
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    public init() {}

    /// Counts appended events by type, source and outcome (`accepted`, `duplicate`, `conflict`, `rejected`).
    func countEvents(_ results: [AppendResult], types: [String?]) {
        var counts: [[String]: Int64] = [:]
        for (result, type) in zip(results, types) {
            let outcome = switch result.outcome {
            case .accepted: "accepted"
            case .duplicate: "duplicate"
            case .conflict: "conflict"
            case .rejected(let problem, _): "rejected_\(problem.reason.rawValue)"
            }
            counts[[type ?? "unknown", result.source ?? "unknown", outcome], default: 0] += 1
        }
        for (labels, count) in counts {
            registry.makeCounter(
                descriptor: .init(namespace: "supplycast", metricName: "events", unitName: "total",
                                  helpText: "Events handed to the append path, by type, source and outcome"),
                labels: [("type", labels[0]), ("source", labels[1]), ("outcome", labels[2])]
            ).increment(by: count)
        }
    }

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "supplycast", subsystem: "http", metricName: "request_duration",
                              unitName: "seconds", helpText: "HTTP request durations by method, route and status"),
            labels: [("method", method), ("route", route), ("status", "\(status)")],
            buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10)]
        ).record(duration)
    }
}
