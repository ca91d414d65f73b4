import SupplyDomain

/// The records of one master-data file, typed by kind.
public enum MasterDataRecords: Sendable {
    case sites([Site])
    case locations([Location])
    case suppliers([Supplier])
    case items([Item])
    case preferenceCards([PreferenceCardLine])
    case policies([ReplenishmentPolicy])

    public var count: Int {
        switch self {
        case .sites(let rows): rows.count
        case .locations(let rows): rows.count
        case .suppliers(let rows): rows.count
        case .items(let rows): rows.count
        case .preferenceCards(let rows): rows.count
        case .policies(let rows): rows.count
        }
    }
}

/// A bad row in a master-data file: which file, row and column, and why.
public struct MasterDataProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var row: Int
    public var column: String?
    public var reason: String

    public init(file: String, row: Int, column: String?, reason: String) {
        self.file = file
        self.row = row
        self.column = column
        self.reason = reason
    }

    public var description: String {
        "\(file): row \(row)" + (column.map { ", column '\($0)'" } ?? "") + ": \(reason)"
    }
}
