import ArgumentParser
import Hummingbird
import Logging
import Server
import Store

extension SupplyCast {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the HTTP service: event feeds, health, metrics.",
            discussion: """
                Routes: GET /healthz, GET /readyz, GET /metrics (Prometheus) need no token; every other route needs
                'Authorization: Bearer <token>' with a role (create one: supplycast tokens create). POST /v1/events
                (role integration) takes a JSON array, NDJSON or CSV body and answers per event after commit.

                Example:
                  supplycast serve --port 8080 --db /var/lib/supplycast/supplycast.sqlite
                Stop it with SIGTERM or Ctrl-C; in-flight requests finish first.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "Address to listen on; 0.0.0.0 for all interfaces.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on (0 picks a free one and prints it).")
        var port = 8080

        @Option(help: "Largest request body in bytes; larger gets 413.")
        var maxBodyBytes = 16 * 1024 * 1024

        @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
        var logLevel: Logger.Level = .info

        func run() async throws {
            let level = logLevel
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let store = try global.openStore()
            let logger = Logger(label: "supplycast")
            let app = SupplyCastServer.makeApplication(
                store: store,
                configuration: ServerConfiguration(host: host, port: port, maxBodyBytes: maxBodyBytes),
                logger: logger,
                onServerRunning: { port in
                    logger.notice("listening", metadata: ["host": "\(host)", "port": "\(port)", "db": "\(store.path)"])
                })
            try await app.runService()
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
