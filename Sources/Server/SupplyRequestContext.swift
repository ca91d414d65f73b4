import Hummingbird
import Store

/// The per-request context: Hummingbird's core plus the caller's token once authenticated.
public struct SupplyRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The bearer token that authenticated this request, if any.
    public var token: TokenInfo?
    /// Echoed as `X-Request-Id` and logged with every line about this request.
    public var requestId: String = ""

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }
}
