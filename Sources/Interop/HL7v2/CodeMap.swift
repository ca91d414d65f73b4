/// Translations from a source system's codes to SupplyCast's: master data a hospital's integration team keeps
/// (`source,kind,code,value` rows), because no two hospitals code facilities, procedures or charges alike.
///
/// An entry whose source is `*` applies to every source that has no entry of its own for the code.
public struct CodeMap: Sendable, Hashable {
    /// What a code names.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// A facility (PV1-3.4, PV1-39, MSH-4, AIL-3.4) → a site.
        case facility
        /// A point of care or ward (PV1-3.1) → a unit or location.
        case location
        /// A procedure (AIS-3) → the procedure of preference cards.
        case procedure
        /// A practitioner (AIP-3) → the surgeon of preference cards.
        case surgeon
        /// A charge code or NDC (FT1-7, FT1-29) → an item.
        case chargeCode = "charge-code"
    }

    /// One translation.
    public struct Entry: Sendable, Hashable, Codable {
        public var source: String
        public var kind: Kind
        public var code: String
        public var value: String

        public init(source: String, kind: Kind, code: String, value: String) {
            self.source = source
            self.kind = kind
            self.code = code
            self.value = value
        }
    }

    private struct Key: Hashable {
        var source: String
        var kind: Kind
        var code: String
    }

    private var values: [Key: String] = [:]

    /// A map of `entries`; a later entry for the same source, kind and code replaces an earlier one.
    public init(_ entries: [Entry] = []) {
        for entry in entries {
            values[Key(source: entry.source, kind: entry.kind, code: entry.code)] = entry.value
        }
    }

    /// SupplyCast's code for `code` of `kind` from `source`, or nil when the map has none.
    public func value(_ kind: Kind, _ code: String, from source: String) -> String? {
        values[Key(source: source, kind: kind, code: code)] ?? values[Key(source: "*", kind: kind, code: code)]
    }
}
