import Foundation
import Hummingbird
import Store

/// Requisitions for planners: `GET /v1/requisitions[?site=&status=]`, `GET /v1/requisitions/{id}` (with history),
/// `POST /v1/requisitions/{id}/approve|reject|cancel` with an optional `{"note": "…"}`.
struct RequisitionsController {
    let store: SupplyStore

    func addRoutes(to group: RouterGroup<SupplyRequestContext>) {
        group.get("/requisitions", use: list)
        group.get("/requisitions/{id}", use: show)
        group.post("/requisitions/{id}/{action}", use: decide)
    }

    struct Detail: Encodable {
        var requisition: Requisition
        var history: [RequisitionStatusChange]
    }

    struct Decision: Decodable {
        var note: String?
    }

    @Sendable func list(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let status = request.uri.queryParameters.get("status").flatMap(Requisition.Status.init(rawValue:))
        return try PlanningController.encode(
            try store.requisitions(site: request.uri.queryParameters.get("site"), status: status), status: .ok)
    }

    @Sendable func show(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        do {
            let (requisition, history) = try store.requisition(id: id)
            return try PlanningController.encode(Detail(requisition: requisition, history: history), status: .ok)
        } catch StoreError.notFound {
            throw APIError(.notFound, code: "not_found", "no requisition \(id)")
        }
    }

    @Sendable func decide(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let note = (try? await request.decode(as: Decision.self, context: context))?.note
        let actor = context.token?.name ?? "unknown"
        do {
            switch context.parameters.get("action") {
            case "approve": try store.approveRequisition(id: id, actor: actor, note: note)
            case "reject": try store.rejectRequisition(id: id, actor: actor, note: note)
            case "cancel": try store.cancelRequisition(id: id, actor: actor, note: note)
            default: throw APIError(.notFound, code: "not_found", "actions are approve, reject and cancel")
            }
        } catch StoreError.notFound {
            throw APIError(.notFound, code: "not_found", "no requisition \(id)")
        } catch StoreError.invalidRequest(let message) {
            throw APIError(.conflict, code: "invalid_state", message)
        }
        let (requisition, history) = try store.requisition(id: id)
        return try PlanningController.encode(Detail(requisition: requisition, history: history), status: .ok)
    }
}
