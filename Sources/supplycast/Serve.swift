import ArgumentParser
import Delivery
import Forecasting
import Hummingbird
import Logging
import Planning
import Server
import Store

extension SupplyCast {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the HTTP service (event feeds, health, metrics, webhooks) and the outbox relay.",
            discussion: """
                Routes: GET /healthz, GET /readyz, GET /metrics (Prometheus) need no token; every other route needs
                'Authorization: Bearer <token>' with a role (create one: supplycast tokens create). POST /v1/events
                (role integration) takes a JSON array, NDJSON or CSV body and answers per event after commit.
                Alongside, the outbox relay delivers webhook alerts (see supplycast webhooks) and retries them.

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

        @Option(help: "Scale the webhook retry schedule (5 s … 24 h) by this factor; 0.001 turns hours into seconds for tests.")
        var webhookRetryScale = 1.0

        @Option(help: "Seconds a webhook receiver gets to answer one attempt.")
        var webhookTimeout = 15.0

        @Option(help: "Seconds between the outbox relay's passes.")
        var relayInterval = 1.0

        @Option(help: "Seconds a claimed outbox message stays claimed; after a crash it is sent again once this lapses.")
        var relayLease = 60.0

        @OptionGroup var erp: ERPOptions
        @OptionGroup var forecastConfig: ForecastConfigOptions

        func validate() throws {
            guard webhookRetryScale > 0, webhookTimeout > 0, relayInterval > 0, relayLease > 0 else {
                throw ValidationError("--webhook-retry-scale, --webhook-timeout, --relay-interval and --relay-lease must be positive")
            }
        }

        func run() async throws {
            let level = logLevel
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let forecasting = try forecastConfig.load()
            let store = try global.openStore()
            let logger = Logger(label: "supplycast")
            let metrics = ServerMetrics()
            let app = SupplyCastServer.makeApplication(
                store: store,
                configuration: ServerConfiguration(host: host, port: port, maxBodyBytes: maxBodyBytes),
                metrics: metrics,
                logger: logger,
                onServerRunning: { port in
                    logger.notice("listening", metadata: ["host": "\(host)", "port": "\(port)", "db": "\(store.path)"])
                },
                planning: PlanningRun(store: store, forecaster: SiteForecaster(store: store, configuration: forecasting),
                                      settings: PlanningRunSettings(approvalThreshold: erp.approvalThreshold,
                                                                    alertDayTolerance: erp.alertDayTolerance)))
            try store.failInterruptedPlanningRuns(isAlive: processIsAlive)
            try store.syncRequisitionDeliveries()
            let erpConnector = try erp.connector(store: store)
            let webhooks = WebhookConnector(
                store: store, schedule: RetrySchedule.standardWebhooks.scaled(by: webhookRetryScale),
                policy: .fromEnvironment(), timeout: .milliseconds(Int64(webhookTimeout * 1000)),
                observe: { metrics.countWebhookDelivery(outcome: $0.outcome) })
            let relay = Relay(store: store, connectors: [webhooks] + (erpConnector.map { [$0] } ?? []), lease: relayLease)
            let interval = relayInterval
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await relay.run(interval: interval) }
                try await app.runService()
                group.cancelAll()
            }
            try await webhooks.shutdown()
            try await (erpConnector as? ERPHTTPConnector)?.shutdown()
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
