import Hummingbird
import Logging
import Planning
import Store

/// Builds the SupplyCast HTTP application: health and metrics in the open, everything else behind a role.
public enum SupplyCastServer {
    public static func makeApplication(
        store: SupplyStore, configuration: ServerConfiguration, metrics: ServerMetrics = ServerMetrics(),
        logger: Logger = Logger(label: "supplycast.server"),
        onServerRunning: (@Sendable (Int) async -> Void)? = nil, planning: PlanningRun? = nil
    ) -> some ApplicationProtocol {
        let router = Router(context: SupplyRequestContext.self)
        router.add(middleware: RequestIdMiddleware())
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        HealthController(store: store, metrics: metrics).addRoutes(to: router)

        let feeds = router.group("/v1").add(middleware: RoleMiddleware(store: store, roles: [.integration]))
        EventsController(store: store, metrics: metrics, maxBodyBytes: configuration.maxBodyBytes).addRoutes(to: feeds)
        let operations = router.group("/v1").add(middleware: RoleMiddleware(store: store, roles: [.ops]))
        WebhooksController(store: store, policy: .fromEnvironment()).addRoutes(to: operations)
        AlertsController(store: store).addRoutes(to: operations)

        if let planning {
            let trigger = router.group("/v1").add(middleware: RoleMiddleware(store: store, roles: [.scheduler]))
            let read = router.group("/v1").add(middleware: RoleMiddleware(store: store, roles: [.scheduler, .planner]))
            PlanningController(planning: planning).addRoutes(trigger: trigger, read: read)
        }
        let planners = router.group("/v1").add(middleware: RoleMiddleware(store: store, roles: [.planner]))
        RequisitionsController(store: store).addRoutes(to: planners)

        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "supplycast"),
            onServerRunning: { channel in await onServerRunning?(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
