import Foundation
import Interop
import SupplyDomain

/// Feeds event files through the one append path in batches, reporting progress as it goes.
public struct FileIngestor: Sendable {
    public let store: SupplyStore
    /// Records per transaction: large enough for throughput, small enough that progress moves.
    public var batchSize: Int

    public init(store: SupplyStore, batchSize: Int = 20_000) {
        self.store = store
        self.batchSize = batchSize
    }

    /// Why a file could not be ingested at all.
    public struct FileError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Ingests one file; `progress` gets (records done, records in file) after each committed batch and
    /// `onResult` each result that was not accepted (for printing rejections).
    public func ingest(
        path: String, format: EventFormat?, progress: (Int, Int) -> Void = { _, _ in },
        onProblem: (AppendResult) -> Void = { _ in }
    ) throws -> AppendSummary {
        guard let format = format ?? EventFormat(fileName: path) else {
            throw FileError(path: path, reason: "cannot tell the format from the name; pass --format ndjson|json|csv")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw FileError(path: path, reason: "cannot read: \((error as NSError).localizedDescription)")
        }
        var summary = AppendSummary()
        let origin = (path as NSString).lastPathComponent
        if format == .ndjson {
            let total = Self.lineCount(data)
            var chunks: [(range: Range<Data.Index>, firstLine: Int, lines: Int)] = []
            var lineNumber = 1
            var start = data.startIndex
            while start < data.endIndex {
                var end = start
                var lines = 0
                while end < data.endIndex && lines < batchSize {
                    end = data[end...].firstIndex(of: 0x0A).map { data.index(after: $0) } ?? data.endIndex
                    lines += 1
                }
                chunks.append((start..<end, lineNumber, lines))
                lineNumber += lines
                start = end
            }
            let batches = chunks
            let decode: @Sendable (Int) -> [DecodedEvent] = { index in
                let chunk = batches[index]
                var decoded = EventDecoder().decode(data.subdata(in: chunk.range), format: .ndjson, origin: origin)
                for record in decoded.indices { decoded[record].position.record += chunk.firstLine - 1 }
                return decoded
            }
            var done = 0
            progress(0, total)
            // The next batch is decoded while this one is appended: decoding runs on the cores the single
            // SQLite writer leaves idle.
            var next = chunks.isEmpty ? nil : DecodingAhead(decode, index: 0)
            for index in chunks.indices {
                let decoded = next!.wait()
                next = index + 1 < chunks.count ? DecodingAhead(decode, index: index + 1) : nil
                let results = try store.append(decoded)
                summary.add(results)
                results.filter { !$0.isAccepted }.forEach(onProblem)
                done += chunks[index].lines
                progress(min(done, total), total)
            }
        } else {
            let decoded = EventDecoder().decode(data, format: format, origin: origin)
            progress(0, decoded.count)
            var done = 0
            for batchStart in stride(from: 0, to: decoded.count, by: batchSize) {
                let batch = Array(decoded[batchStart..<min(decoded.count, batchStart + batchSize)])
                let results = try store.append(batch)
                summary.add(results)
                results.filter { !$0.isAccepted }.forEach(onProblem)
                done += batch.count
                progress(done, decoded.count)
            }
        }
        return summary
    }

    static func lineCount(_ data: Data) -> Int {
        var count = 0
        data.withUnsafeBytes { buffer in
            for byte in buffer where byte == 0x0A { count += 1 }
        }
        if let last = data.last, last != 0x0A { count += 1 }
        return count
    }
}

/// One batch being decoded on another thread; ``wait()`` hands over its records.
private final class DecodingAhead: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var records: [DecodedEvent] = []

    init(_ decode: @escaping @Sendable (Int) -> [DecodedEvent], index: Int) {
        DispatchQueue.global().async {
            self.records = decode(index)
            self.done.signal()
        }
    }

    func wait() -> [DecodedEvent] {
        done.wait()
        return records
    }
}
