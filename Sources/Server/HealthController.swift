import Hummingbird
import Prometheus
import Store

/// Liveness, readiness and Prometheus metrics: the three routes that need no token.
struct HealthController {
    let store: SupplyStore
    let metrics: ServerMetrics

    func addRoutes(to router: Router<SupplyRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ in
            do {
                try await store.ping()
                return "ready\n"
            } catch {
                throw APIError(.serviceUnavailable, code: "not_ready", "database not answering: \(error)")
            }
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
    }
}
