import Foundation
import HTTPTypes
import Hummingbird
import Interop
import Logging
import NIOCore
import Store
import SupplyDomain

/// `POST /v1/events`: a JSON array (or object), NDJSON or CSV body of canonical events, answered with per-event
/// results only after they are committed.
///
/// Status: 200 when every event was accepted (new or duplicate), 207 when some were not, 422 when none was,
/// 413 when the body is over the limit (recorded as a dead letter).
struct EventsController {
    let store: SupplyStore
    let metrics: ServerMetrics
    let maxBodyBytes: Int
    let decoder = EventDecoder()

    func addRoutes(to group: RouterGroup<SupplyRequestContext>) {
        group.post("/events", use: post)
    }

    struct EventResult: Encodable {
        var record: Int
        var source: String?
        var id: String?
        var outcome: String
        var seq: Int64?
        var reason: String?
        var field: String?
        var message: String?
        var deadLetterId: Int64?
        var conflictId: Int64?
    }

    struct Answer: Encodable {
        var requestId: String
        var summary: AppendSummary
        var results: [EventResult]
    }

    @Sendable func post(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let origin = "http:\(context.requestId)"
        let body = try await readBody(request, origin: origin, context: context)
        let format = Self.format(of: request, body: body)
        let decoded = decoder.decode(body, format: format, origin: origin)
        guard !decoded.isEmpty else {
            throw APIError(.badRequest, code: "empty_body", "the body holds no events")
        }
        let results = try await store.append(decoded)
        metrics.countEvents(results, types: decoded.map { $0.event?.type.rawValue ?? Self.rejectedType($0) })
        var summary = AppendSummary()
        summary.add(results)
        context.logger.info("events appended", metadata: [
            "accepted": "\(summary.accepted)", "duplicates": "\(summary.duplicates)",
            "conflicts": "\(summary.conflicts)", "rejected": "\(summary.rejected)",
        ])
        let answer = Answer(requestId: context.requestId, summary: summary, results: results.map(Self.eventResult))
        let status: HTTPResponse.Status = summary.allAccepted ? .ok
            : (summary.accepted + summary.duplicates == 0 ? .unprocessableContent : .init(code: 207, reasonPhrase: "Multi-Status"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(answer))))
    }

    private func readBody(_ request: Request, origin: String, context: SupplyRequestContext) async throws -> Data {
        var collected = ByteBuffer()
        var total = 0
        for try await part in request.body {
            total += part.readableBytes
            if total > maxBodyBytes {
                var prefix = collected
                let excerpt = Data(prefix.readBytes(length: min(prefix.readableBytes, 4096)) ?? [])
                let problem = EventProblem(.tooLarge, "request body exceeds the limit of \(maxBodyBytes) bytes; split it into smaller batches")
                _ = try await store.append([DecodedEvent(position: SourcePosition(origin: origin, record: 0), original: excerpt,
                                                         outcome: .rejected(problem, source: nil, id: nil, type: nil))])
                throw APIError(.contentTooLarge, code: "too_large", problem.message)
            }
            var part = part
            collected.writeBuffer(&part)
        }
        return Data(collected.readableBytesView)
    }

    private static func format(of request: Request, body: Data) -> EventFormat {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.contains("ndjson") || type.contains("jsonl") || type.contains("x-json-stream") { return .ndjson }
        if type.contains("csv") { return .csv }
        if type.contains("json") {
            // A JSON body that is not an array and has several lines is NDJSON sent as application/json.
            let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            return first == UInt8(ascii: "[") || !body.dropLast().contains(0x0A) ? .json : .ndjson
        }
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "[") ? .json : .ndjson
    }

    private static func rejectedType(_ record: DecodedEvent) -> String? {
        if case .rejected(_, _, _, let type) = record.outcome { return type }
        return nil
    }

    private static func eventResult(_ result: AppendResult) -> EventResult {
        var entry = EventResult(record: result.position.record, source: result.source, id: result.id, outcome: "")
        switch result.outcome {
        case .accepted(let seq):
            entry.outcome = "accepted"
            entry.seq = seq
        case .duplicate(let seq):
            entry.outcome = "duplicate"
            entry.seq = seq
        case .conflict(let conflictId):
            entry.outcome = "conflict"
            entry.conflictId = conflictId
            entry.message = "this source already sent a different event with this id; the first one stands"
        case .rejected(let problem, let deadLetterId):
            entry.outcome = "rejected"
            entry.reason = problem.reason.rawValue
            entry.field = problem.field
            entry.message = problem.message
            entry.deadLetterId = deadLetterId
        }
        return entry
    }
}
