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
            var done = 0
            var lineNumber = 1
            var start = data.startIndex
            progress(0, total)
            while start < data.endIndex {
                var end = start
                var lines = 0
                while end < data.endIndex && lines < batchSize {
                    end = data[end...].firstIndex(of: 0x0A).map { data.index(after: $0) } ?? data.endIndex
                    lines += 1
                }
                let chunk = data.subdata(in: start..<end)
                var decoded = EventDecoder().decode(chunk, format: .ndjson, origin: origin)
                for index in decoded.indices { decoded[index].position.record += lineNumber - 1 }
                let results = try store.append(decoded)
                summary.add(results)
                results.filter { !$0.isAccepted }.forEach(onProblem)
                done += lines
                lineNumber += lines
                start = end
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
