import Foundation
import Interop
import Store

/// A SupplyCast database in a fresh temporary folder, made by the same factory as production.
public struct TemporaryStore: Sendable {
    public let folder: URL
    public let store: SupplyStore

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("supplycast-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SupplyStore(path: folder.appendingPathComponent("supplycast.sqlite").path)
    }

    public var path: String { store.path }

    /// Imports the small standard network tests build on (see ``MasterDataFixture``).
    public func withStandardMasterData() throws -> TemporaryStore {
        try MasterDataFixture.importStandard(into: store)
        return self
    }

    /// Decodes NDJSON text and appends it, received now or at `receivedAt`.
    @discardableResult
    public func append(ndjson lines: [String], origin: String = "test", receivedAt: Date? = nil) throws -> [AppendResult] {
        let decoded = EventDecoder().decode(Data(lines.joined(separator: "\n").utf8), format: .ndjson, origin: origin)
        guard let receivedAt else { return try store.append(decoded) }
        return try store.append(decoded, receivedAt: receivedAt)
    }

    public func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
