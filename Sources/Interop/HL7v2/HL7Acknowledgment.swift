import SupplyDomain

/// The reply to a message: MSH, MSA (echoing MSH-10) and, on errors, ERR naming the segment and field.
///
/// Written in the message's own delimiters and version, addressed back to its sender. Original mode answers
/// AA/AE/AR. When MSH-15 or MSH-16 is valued the sender asked for enhanced mode: the reply is a commit
/// acknowledgment CA/CE/CR, sent only when MSH-15 asks for it (`AL` always, `NE` never, `ER` on errors,
/// `SU` on success).
public enum HL7Acknowledgment {
    /// What became of the message.
    public enum Outcome: Sendable, Hashable {
        /// Stored and applied (or a duplicate of a message already applied): AA / CA.
        case accepted
        /// Stored but not applicable, e.g. an unmapped code, kept as a dead letter: AE / CE.
        case error(HL7Error)
        /// Not taken at all (unreadable header, unsupported type, version or processing id): AR / CR.
        case rejected(HL7Error)

        /// `.rejected` for errors that refuse the message, `.error` for the others.
        public init(_ error: HL7Error) {
            self = error.isRefusal ? .rejected(error) : .error(error)
        }
    }

    /// The acknowledgment codes of HL7 table 0008.
    public enum Code: String, Sendable, Hashable {
        case applicationAccept = "AA", applicationError = "AE", applicationReject = "AR"
        case commitAccept = "CA", commitError = "CE", commitReject = "CR"
    }

    /// The code answering `outcome` for a message with `header` (nil when its MSH could not be read).
    public static func code(for outcome: Outcome, header: HL7Header?) -> Code {
        let enhanced = header.map { !$0.acceptAcknowledgmentType.isEmpty || !$0.applicationAcknowledgmentType.isEmpty } ?? false
        switch outcome {
        case .accepted: return enhanced ? .commitAccept : .applicationAccept
        case .error: return enhanced ? .commitError : .applicationError
        case .rejected: return enhanced ? .commitReject : .applicationReject
        }
    }

    /// Whether the sender wants a reply for `outcome`: always in original mode; in enhanced mode as MSH-15 says.
    public static func isWanted(for outcome: Outcome, header: HL7Header?) -> Bool {
        guard let header, code(for: outcome, header: header) != code(for: outcome, header: nil) else { return true }
        switch header.acceptAcknowledgmentType {
        case "NE": return false
        case "ER": return outcome != .accepted
        case "SU": return outcome == .accepted
        default: return true
        }
    }

    /// The reply's bytes (segments ended by CR, without MLLP framing), or nil when the sender asked for none.
    ///
    /// - Parameters:
    ///   - header: the message's header, from ``HL7Header/read(_:)`` even when the message itself was refused.
    ///   - controlId: the reply's own MSH-10.
    ///   - time: the reply's MSH-7.
    public static func reply(to header: HL7Header?, outcome: Outcome, controlId: String, at time: Timestamp) -> String? {
        guard isWanted(for: outcome, header: header) else { return nil }
        let delimiters = header?.delimiters ?? .standard
        // A version or processing id too damaged to echo is replaced, so the reply is always a readable message.
        let version = header.map { $0.version.hasPrefix("2.") && $0.version.count >= 3 ? $0.version : "2.5" } ?? "2.5"
        let f = String(UnicodeScalar(delimiters.field))
        let c = String(UnicodeScalar(delimiters.component))
        let s = String(UnicodeScalar(delimiters.subcomponent))
        let versionNumbers = Self.numbers(version)
        let trigger = header.map { delimiters.escaped($0.triggerEvent) } ?? ""
        let messageType = versionNumbers.lexicographicallyPrecedes([2, 3, 1]) ? "ACK\(c)\(trigger)" : "ACK\(c)\(trigger)\(c)ACK"
        let msh = [
            "MSH", delimiters.encodingCharacters,
            header?.receivingApplicationRaw ?? "", header?.receivingFacilityRaw ?? "",
            header?.sendingApplicationRaw ?? "", header?.sendingFacilityRaw ?? "",
            Self.hl7Time(time), "", messageType, delimiters.escaped(controlId),
            header.map { $0.processingId.isEmpty ? "P" : delimiters.escaped($0.processingId) } ?? "P",
            delimiters.escaped(version),
        ]
        let ackCode = code(for: outcome, header: header)
        var msa = ["MSA", ackCode.rawValue, header.map { delimiters.escaped($0.controlId) } ?? ""]
        var segments = [msh.joined(separator: f)]
        switch outcome {
        case .accepted:
            segments.append(msa.joined(separator: f))
        case .error(let error), .rejected(let error):
            if versionNumbers.lexicographicallyPrecedes([2, 7]) { msa.append(delimiters.escaped(error.description)) }
            segments.append(msa.joined(separator: f))
            let place = error.location
            let code = [error.reason.code, delimiters.escaped(error.reason.codeText), "HL70357"]
            if versionNumbers.lexicographicallyPrecedes([2, 5]) {
                let location = [delimiters.escaped(place.segment), String(place.occurrence), String(place.field),
                                code.joined(separator: s)]
                segments.append(["ERR", location.joined(separator: c)].joined(separator: f))
            } else {
                let location = [delimiters.escaped(place.segment), String(place.occurrence), String(place.field),
                                place.repetition.map(String.init) ?? "", place.component.map(String.init) ?? "",
                                place.subcomponent.map(String.init) ?? ""]
                let err = ["ERR", "", location.joined(separator: c), code.joined(separator: c), "E", "", "", "",
                           delimiters.escaped(error.message)]
                segments.append(err.joined(separator: f))
            }
        }
        return segments.map { $0 + "\r" }.joined()
    }

    /// `YYYYMMDDHHMMSS±ZZZZ` in the time's own offset.
    static func hl7Time(_ time: Timestamp) -> String {
        let local = Int((time.secondsSinceEpoch + Double(time.utcOffsetSeconds)).rounded(.down))
        let day = LocalDate(dayNumber: Int((Double(local) / 86_400).rounded(.down)))
        let second = local - day.dayNumber * 86_400
        let offset = abs(time.utcOffsetSeconds)
        return day.description.filter { $0 != "-" } + pad(second / 3600) + pad(second / 60 % 60) + pad(second % 60)
            + (time.utcOffsetSeconds < 0 ? "-" : "+") + pad(offset / 3600) + pad(offset / 60 % 60)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func numbers(_ version: String) -> [Int] {
        version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
    }
}
