import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Store
import SupplyCastTesting
import Testing

@Suite struct CommandLineTests {
    @Test("import and ingest from files: exit 0 when all accepted, 65 with rejects, and a summary")
    func ingestExitCodes() throws {
        let db = try TemporaryStore()
        var files: [String] = []
        for file in MasterDataFixture.files { files.append(try db.write(file.name, file.text)) }
        let imported = try SupplyCastProcess.run(["import", "--db", db.path] + files)
        #expect(imported.status == 0, "\(imported.stderr)")
        let good = try db.write("good.ndjson", [EventLine.usage(id: "u1"), EventLine.usage(id: "u2")].joined(separator: "\n"))
        let ok = try SupplyCastProcess.run(["ingest", "--db", db.path, good])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("accepted 2, duplicates 0, conflicts 0, rejected 0"))
        let bad = try db.write("bad.ndjson", [EventLine.usage(id: "u1"), EventLine.usage(id: "u3", item: "NOPE")].joined(separator: "\n"))
        let partial = try SupplyCastProcess.run(["ingest", "--db", db.path, bad])
        #expect(partial.status == 65)
        #expect(partial.stdout.contains("accepted 0, duplicates 1, conflicts 0, rejected 1"))
        #expect(partial.stderr.contains("bad.ndjson:2"))
        let missing = try SupplyCastProcess.run(["ingest", "--db", db.path, db.folder.appendingPathComponent("nope.ndjson").path])
        #expect(missing.status == 66)
    }

    @Test("a bad master-data file names row and column and imports nothing")
    func importErrors() throws {
        let db = try TemporaryStore()
        let sites = try db.write("sites.csv", "id,name\nNORTH,North\n")
        let items = try db.write("items.csv", "id,name,packSize\nA,Item A,0\n")
        let result = try SupplyCastProcess.run(["import", "--db", db.path, sites, items])
        #expect(result.status == 65)
        #expect(result.stderr.contains("row 2, column 'packSize'"))
        let listed = try SupplyCastProcess.run(["db", "--db", db.path, "--format", "json"])
        #expect(listed.stdout.contains("\"sites\" : 0"))
    }

    @Test("killing the server mid-ingest loses no acknowledged event")
    func killDuringIngest() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let secret = try db.store.createToken(name: "feed", role: .integration).secret
        var (server, port) = try SupplyCastProcess.startServer(db: db.path)
        var acknowledged: [String] = []
        var batch = 0
        // Given a feed posting batches, when the server is killed with SIGKILL partway through,
        let pid = server.processIdentifier
        let killer = Task.detached {
            try await Task.sleep(for: .milliseconds(700))
            kill(pid, SIGKILL)
        }
        while batch < 400 {
            let ids = (0..<50).map { "b\(batch)-\($0)" }
            let body = ids.map { EventLine.usage(id: $0) }.joined(separator: "\n")
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/events")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: body))
            request.headers.add(name: "Authorization", value: "Bearer \(secret)")
            request.headers.add(name: "Content-Type", value: "application/x-ndjson")
            guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(10)),
                  response.status == .ok else { break }
            acknowledged += ids
            batch += 1
        }
        try await killer.value
        server.waitUntilExit()
        #expect(!acknowledged.isEmpty)
        // then after a restart every acknowledged event is there, exactly once.
        (server, port) = try SupplyCastProcess.startServer(db: db.path)
        defer { server.terminate() }
        let reopened = try SupplyStore(path: db.path)
        let stored = try reopened.summary().events
        #expect(stored >= acknowledged.count)
        let usage = try reopened.usage(site: "NORTH", item: "GLOVE-M").reduce(0) { $0 + $1.quantity }
        #expect(usage == Double(stored))
    }
}
