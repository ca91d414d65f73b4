/// One item at one site: what every policy decides on, and what every figure is counted by.
public struct SiteItem: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var site: String
    public var item: String

    public init(site: String, item: String) {
        self.site = site
        self.item = item
    }

    public static func < (lhs: SiteItem, rhs: SiteItem) -> Bool { (lhs.site, lhs.item) < (rhs.site, rhs.item) }

    /// `NORTH/IMP-0011`, the way alerts name it.
    public var description: String { site + "/" + item }
}
