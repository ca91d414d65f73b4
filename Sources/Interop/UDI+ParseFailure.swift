extension UDI {
    /// Why a scan could not be read, and at which character (1-based, counted in the text as sent, symbology
    /// identifier included).
    public struct ParseFailure: Error, Sendable, Hashable, CustomStringConvertible {
        /// What kind of wrong a scan is.
        public enum Kind: Sendable, Hashable {
            /// Not the shape of a GS1 element string or HIBCC data structure.
            case syntax
            /// An application identifier GS1 does not define.
            case unknownApplicationIdentifier
            /// A variable-length field ran into what reads as the next field: the GS after it was lost.
            case separatorDropped
            /// A field's data is too short, too long or holds characters its AI or HIBCC field does not allow.
            case invalidValue
            /// A date or time that does not exist.
            case invalidDate
            /// GTIN mod-10 check digit or HIBCC mod-43 check character wrong.
            case checkFailed
            /// GS1 mandatory association or invalid pair (lot, serial, dates need the GTIN, AI 01).
            case pairing
            /// The same AI twice.
            case duplicate
        }

        public var udi: String
        public var kind: Kind
        /// 1-based character position the problem starts at; nil when it concerns the scan as a whole.
        public var position: Int?
        /// What is wrong, in words a person at the scanner can act on.
        public var reason: String

        public init(udi: String, kind: Kind, position: Int?, reason: String) {
            self.udi = udi
            self.kind = kind
            self.position = position
            self.reason = position.map { "at character \($0): \(reason)" } ?? reason
        }

        public var description: String { "UDI '\(udi.replacingGroupSeparators)': \(reason)" }
    }
}

extension String {
    /// GS (ASCII 29) shown as `<GS>`, so messages print on one line.
    var replacingGroupSeparators: String {
        String(flatMap { $0 == "\u{1D}" ? Array("<GS>") : [$0] })
    }
}
