import Hummingbird
import Store

/// `GET /v1/alerts?kind=shortage.projected&site=NORTH&all=true`: live alerts (all, resolved too, with `all`),
/// newest first; the twin of `supplycast alerts list`.
struct AlertsController {
    let store: SupplyStore

    func addRoutes(to group: RouterGroup<SupplyRequestContext>) {
        group.get("/alerts", use: list)
    }

    @Sendable func list(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var kind: AlertKind?
        if let text = query["kind"].map(String.init) {
            guard let parsed = AlertKind(rawValue: text) else {
                let known = AlertKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(.badRequest, code: "invalid_query", "kind must be one of \(known)")
            }
            kind = parsed
        }
        let all = query["all"].map { $0 == "true" || $0 == "1" } ?? false
        let alerts = try store.alerts(kind: kind, site: query["site"].map(String.init), includeResolved: all)
        return try jsonResponse(alerts.map(AlertView.init))
    }
}
