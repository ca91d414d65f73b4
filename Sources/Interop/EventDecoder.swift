import CSV
import Dispatch
import Foundation
import SupplyDomain

/// Turns the bytes of a feed into canonical events, or into rejections that say what is wrong and where.
///
/// Pure: no files, no clock. Decoding of large NDJSON bodies is spread over the machine's cores; the order of
/// the results is always the order of the records.
public struct EventDecoder: Sendable {
    /// Whether records are first read by the single-pass `CanonicalEnvelopeReader`; when false every record goes
    /// through Foundation's `JSONDecoder`, the reference the single-pass reader is tested and measured against.
    public var readsInOnePass: Bool

    public init(readsInOnePass: Bool = true) {
        self.readsInOnePass = readsInOnePass
    }

    /// Decodes every record of `data` in the given format; `origin` names the file (or `http`) in positions.
    public func decode(_ data: Data, format: EventFormat, origin: String) -> [DecodedEvent] {
        switch format {
        case .ndjson: decodeLines(data, origin: origin)
        case .json: decodeArray(data, origin: origin)
        case .csv: decodeCSV(data, origin: origin)
        }
    }

    /// Decodes one JSON object.
    ///
    /// A well-formed canonical record is read in one pass; anything the single-pass reader does not take, and
    /// any record that fails a check after it, goes through Foundation's `JSONDecoder`, which alone words the
    /// problems, so a rejection says the same whichever path the record took.
    public func decodeRecord(_ data: Data, at position: SourcePosition) -> DecodedEvent {
        if readsInOnePass, var event = data.withUnsafeBytes(CanonicalEnvelopeReader.read),
            (try? Self.applyUDI(to: &event)) != nil, (try? event.validate()) != nil,
            let fingerprint = try? EventFingerprint(of: event) {
            return DecodedEvent(position: position, original: data, outcome: .event(event, fingerprint: fingerprint))
        }
        return decodeWithFoundation(data, at: position)
    }

    private func decodeWithFoundation(_ data: Data, at position: SourcePosition) -> DecodedEvent {
        let decoder = JSONDecoder()
        do {
            var event = try decoder.decode(StrictEvent.self, from: data).event
            try Self.applyUDI(to: &event)
            try event.validate()
            return DecodedEvent(position: position, original: data,
                outcome: .event(event, fingerprint: try EventFingerprint(of: event)))
        } catch let problem as EventProblem {
            return rejection(problem, data, position)
        } catch let error as DecodingError {
            return rejection(Self.problem(from: error), data, position)
        } catch {
            return rejection(EventProblem(.malformed, "\(error)"), data, position)
        }
    }

    // MARK: - Formats

    private func decodeLines(_ data: Data, origin: String) -> [DecodedEvent] {
        var lines: [(number: Int, range: Range<Int>)] = []
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var start = 0
            var number = 1
            for index in 0...buffer.count {
                guard index == buffer.count || buffer[index] == 0x0A else { continue }
                var end = index
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                var blank = true
                for byteIndex in start..<end where buffer[byteIndex] != 0x20 && buffer[byteIndex] != 0x09 {
                    blank = false
                    break
                }
                if !blank { lines.append((number, start..<end)) }
                start = index + 1
                number += 1
            }
        }
        let records = lines.map { (position: SourcePosition(origin: origin, record: $0.number), bytes: data.subdata(in: $0.range)) }
        return decodeInParallel(records)
    }

    private func decodeArray(_ data: Data, origin: String) -> [DecodedEvent] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            return [rejection(EventProblem(.malformed, "body is not valid JSON: \(Self.describe(error))"),
                data, SourcePosition(origin: origin, record: 1))]
        }
        let elements: [Any]
        if let array = parsed as? [Any] {
            elements = array
        } else if parsed is [String: Any] {
            elements = [parsed]
        } else {
            return [rejection(EventProblem(.malformed, "expected a JSON array of events or one event object"),
                data, SourcePosition(origin: origin, record: 1))]
        }
        let records = elements.enumerated().map { offset, element in
            let position = SourcePosition(origin: origin, record: offset + 1)
            let bytes = (try? JSONSerialization.data(withJSONObject: element, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
            return (position: position, bytes: bytes)
        }
        return decodeInParallel(records)
    }

    private func decodeCSV(_ data: Data, origin: String) -> [DecodedEvent] {
        let text = String(decoding: data, as: UTF8.self)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            return [rejection(EventProblem(.malformed, "not readable as CSV: \(error)"), data, SourcePosition(origin: origin, record: 1))]
        }
        let header = (reader.headerRow ?? []).map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
        var records: [(position: SourcePosition, bytes: Data)] = []
        var row = 1
        while let values = reader.next() {
            row += 1
            if values.allSatisfy(\.isEmpty) { continue }
            var envelope: [String: Any] = [:]
            var payload: [String: Any] = [:]
            for (column, value) in zip(header, values) where !value.isEmpty {
                let name = column.trimmingCharacters(in: .whitespaces)
                if Self.envelopeFields.contains(name) {
                    envelope[name] = value
                } else if Self.numericFields.contains(name), let number = Double(value) {
                    payload[name] = number
                } else {
                    payload[name.hasPrefix("payload.") ? String(name.dropFirst(8)) : name] = value
                }
            }
            envelope["payload"] = payload
            let bytes = (try? JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys])) ?? Data()
            records.append((SourcePosition(origin: origin, record: row), bytes))
        }
        return decodeInParallel(records)
    }

    private static let envelopeFields: Set<String> = ["id", "source", "type", "occurredAt", "site", "correlationId"]
    private static let numericFields: Set<String> = ["quantity", "unitPrice"]

    private func decodeInParallel(_ records: [(position: SourcePosition, bytes: Data)]) -> [DecodedEvent] {
        guard records.count > 512 else {
            return records.map { decodeRecord($0.bytes, at: $0.position) }
        }
        let chunkSize = 256
        let chunks = (records.count + chunkSize - 1) / chunkSize
        let results = ParallelSlots<DecodedEvent>(count: records.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = chunk * chunkSize..<min(records.count, (chunk + 1) * chunkSize)
            for index in range {
                results.store(decodeRecord(records[index].bytes, at: records[index].position), at: index)
            }
        }
        return results.collect()
    }

    // MARK: - Problems

    private func rejection(_ problem: EventProblem, _ data: Data, _ position: SourcePosition) -> DecodedEvent {
        let header = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return DecodedEvent(position: position, original: data,
            outcome: .rejected(problem, source: header?["source"] as? String, id: header?["id"] as? String,
                type: header?["type"] as? String))
    }

    static func problem(from error: DecodingError) -> EventProblem {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (keys + (last.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return EventProblem(.missingField, field: path(context.codingPath, key), "is missing")
        case .valueNotFound(_, let context):
            return EventProblem(.missingField, field: path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context):
            let expected = type == String.self ? "text" : (type == Double.self ? "a number" : "\(type)")
            return EventProblem(.invalidValue, field: path(context.codingPath), "expected \(expected)")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if context.codingPath.isEmpty {
                return EventProblem(.malformed, "not valid JSON: \(context.underlyingError.map(describe) ?? context.debugDescription)")
            }
            if field == "type" { return EventProblem(.unknownType, field: field, context.debugDescription) }
            if field == "occurredAt" || field.hasSuffix("scheduledFor") {
                return EventProblem(.invalidTimestamp, field: field, context.debugDescription)
            }
            return EventProblem(.invalidValue, field: field, context.debugDescription)
        @unknown default:
            return EventProblem(.malformed, "\(error)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }

    // MARK: - UDI

    /// Fills GTIN, lot, serial and expiry from a scanned UDI; disagreement with fields sent beside it is an error.
    static func applyUDI(to event: inout SupplyEvent) throws(EventProblem) {
        let scannedOn = event.occurredAt.localDate
        func merge(_ udiText: String?, item: String?, gtin: inout String?, lot: inout String?, serial: inout String?,
                   expiry: inout LocalDate?) throws(EventProblem) {
            guard let udiText, !udiText.isEmpty else { return }
            let udi: UDI
            do {
                udi = try UDI.parse(udiText, scannedOn: scannedOn)
            } catch {
                throw EventProblem(.invalidValue, field: "payload.udi", error.reason)
            }
            // Master data knows items by code and GTIN only, so an HIBCC device needs its item code sent beside it.
            if case .hibc(let labeler, let product, _) = udi.device, item == nil || item?.isEmpty == true {
                throw EventProblem(.missingField, field: "payload.item",
                    "the UDI is HIBCC (labeler \(labeler), product \(product)), which names no GTIN; send the item code beside it")
            }
            func agree<T: Equatable>(_ stated: inout T?, _ scanned: T?, _ name: String) throws(EventProblem) {
                guard let scanned else { return }
                if let stated, stated != scanned {
                    throw EventProblem(.invalidValue, field: "payload.\(name)",
                        "'\(stated)' disagrees with the UDI, which says '\(scanned)'")
                }
                stated = scanned
            }
            try agree(&gtin, udi.gtin, "gtin")
            try agree(&lot, udi.lot, "lot")
            try agree(&serial, udi.serial, "serial")
            try agree(&expiry, udi.expiry, "expiry")
        }
        switch event.body {
        case .usage(var usage):
            try merge(usage.udi, item: usage.item, gtin: &usage.gtin, lot: &usage.lot, serial: &usage.serial, expiry: &usage.expiry)
            event.body = .usage(usage)
        case .receipt(var receipt):
            try merge(receipt.udi, item: receipt.item, gtin: &receipt.gtin, lot: &receipt.lot, serial: &receipt.serial, expiry: &receipt.expiry)
            event.body = .receipt(receipt)
        default:
            break
        }
    }
}

/// Slots that parallel workers fill by index; each index is written by exactly one worker, through a buffer
/// allocated once (never through the array's own accessors, which are not safe to call concurrently).
public final class ParallelSlots<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    public init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    public func store(_ value: Value, at index: Int) {
        buffer[index] = value
    }

    public func collect() -> [Value] { buffer.map { $0! } }
}
