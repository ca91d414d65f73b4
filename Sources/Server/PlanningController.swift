import Foundation
import Hummingbird
import NIOCore
import Planning
import Store
import SupplyDomain

/// `POST /v1/planning-runs` (role scheduler) starts a run and answers 202 with its id at once; the run goes on in
/// the background. A second trigger for a site with a run going gets 409 with that run's id.
/// `GET /v1/planning-runs/{id}` shows a run.
struct PlanningController {
    let planning: PlanningRun

    func addRoutes(trigger: RouterGroup<SupplyRequestContext>, read: RouterGroup<SupplyRequestContext>) {
        trigger.post("/planning-runs", use: start)
        read.get("/planning-runs/{id}", use: show)
        read.get("/planning-runs", use: list)
    }

    struct Trigger: Decodable {
        var site: String
        var asOf: LocalDate?
    }

    struct Started: Encodable {
        var id: Int64
        var site: String
        var asOf: LocalDate
        var status: String
    }

    @Sendable func start(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let trigger: Trigger
        do {
            trigger = try await request.decode(as: Trigger.self, context: context)
        } catch {
            throw APIError(.badRequest, code: "invalid_body", #"send {"site": "NORTH", "asOf": "2026-11-20"} (asOf optional)"#)
        }
        let store = planning.store
        guard let asOf = try trigger.asOf ?? store.lastUsageDay(site: trigger.site) else {
            throw APIError(.unprocessableContent, code: "no_history", "site \(trigger.site) has no usage recorded yet")
        }
        let id: Int64
        do {
            id = try planning.begin(site: trigger.site, asOf: asOf, trigger: "http", actor: context.token?.name ?? "unknown")
        } catch let conflict as PlanningRunConflict {
            return try Self.json(["error": ["code": "run_in_progress", "message": conflict.description,
                                            "requestId": context.requestId],
                                  "runningId": conflict.runningId] as [String: Any], status: .conflict)
        } catch StoreError.notFound(let what, let value) {
            throw APIError(.notFound, code: "not_found", "no \(what) '\(value)'")
        }
        let planning = self.planning
        Task.detached { planning.execute(runId: id) }
        return try Self.encode(Started(id: id, site: trigger.site, asOf: asOf, status: "running"), status: .accepted)
    }

    @Sendable func show(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw APIError(.badRequest, code: "invalid_id", "the run id is a number")
        }
        do {
            return try Self.encode(try planning.store.planningRun(id: id), status: .ok)
        } catch StoreError.notFound {
            throw APIError(.notFound, code: "not_found", "no planning run \(id)")
        }
    }

    @Sendable func list(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let site = request.uri.queryParameters.get("site")
        return try Self.encode(try planning.store.planningRuns(site: site), status: .ok)
    }

    static func encode(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))))
    }
}
