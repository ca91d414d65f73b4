import Foundation

/// Which webhook URLs a subscription may use: http(s) only, and only allowlisted hosts when a list is set.
public struct WebhookURLPolicy: Sendable, Equatable {
    /// The environment variable with a comma-separated host allowlist.
    public static let environmentVariable = "SUPPLYCAST_WEBHOOK_ALLOWED_HOSTS"

    /// Lower-cased host names; nil allows every host.
    public var allowedHosts: Set<String>?

    public init(allowedHosts: Set<String>? = nil) {
        self.allowedHosts = allowedHosts.map { Set($0.map { $0.lowercased() }) }
    }

    /// The allowlist from `SUPPLYCAST_WEBHOOK_ALLOWED_HOSTS` (e.g. `ops.north.example,127.0.0.1`), if set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        guard let value = environment[environmentVariable], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            return WebhookURLPolicy()
        }
        let hosts = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return WebhookURLPolicy(allowedHosts: Set(hosts))
    }

    /// Checks a URL; the error says what to change.
    public func validate(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw StoreError.invalidRequest("webhook URL '\(text)' is not an absolute URL like https://ops.example.org/hooks")
        }
        guard scheme == "http" || scheme == "https" else {
            throw StoreError.invalidRequest("webhook URL '\(text)' must use http or https, not '\(scheme)'")
        }
        guard url.user == nil, url.password == nil else {
            throw StoreError.invalidRequest("webhook URL '\(text)' must not carry credentials; the signature authenticates")
        }
        if let allowedHosts, !allowedHosts.contains(host.lowercased()) {
            throw StoreError.invalidRequest("""
                webhook host '\(host)' is not allowed; allowed: \(allowedHosts.sorted().joined(separator: ", ")) \
                (set \(Self.environmentVariable))
                """)
        }
        return url
    }
}
