/// What can go wrong in the store that a user can act on.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notFound(what: String, id: String)
    case invalidMasterData([String])
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .notFound(let what, let id): "no \(what) '\(id)'"
        case .invalidMasterData(let problems): problems.joined(separator: "\n")
        case .invalidRequest(let message): message
        }
    }
}
