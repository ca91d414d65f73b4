/// What a message's MSH says about the message itself: who sent it, what it is, and how to answer it.
public struct HL7Header: Sendable, Hashable {
    public var delimiters: HL7Delimiters
    /// MSH-3 and MSH-4 (namespace id, or universal id when that is all there is).
    public var sendingApplication: String
    public var sendingFacility: String
    /// MSH-5 and MSH-6, as sent (components and all), for the reply's MSH-3/MSH-4.
    public var receivingApplicationRaw: String
    public var receivingFacilityRaw: String
    /// MSH-3 and MSH-4 as sent, for the reply's MSH-5/MSH-6.
    public var sendingApplicationRaw: String
    public var sendingFacilityRaw: String
    /// MSH-9.1 and MSH-9.2, e.g. `ADT` and `A01`. MSH-9.3 is never read: feeds get it wrong.
    public var messageCode: String
    public var triggerEvent: String
    /// MSH-10.
    public var controlId: String
    /// MSH-11.1, e.g. `P` (production), `T` (training), `D` (debugging).
    public var processingId: String
    /// MSH-12.1, e.g. `2.5.1`.
    public var version: String
    /// MSH-15 and MSH-16 (`AL`, `NE`, `ER`, `SU`); both empty means original acknowledgment mode.
    public var acceptAcknowledgmentType: String
    public var applicationAcknowledgmentType: String

    init(msh: HL7Segment) {
        func raw(_ number: Int) -> String { String(decoding: msh.field(number).raw, as: UTF8.self) }
        func identifier(_ number: Int) -> String {
            msh.value(number) ?? msh.value(number, component: 2) ?? ""
        }
        delimiters = msh.delimiters
        sendingApplication = identifier(3)
        sendingFacility = identifier(4)
        sendingApplicationRaw = raw(3)
        sendingFacilityRaw = raw(4)
        receivingApplicationRaw = raw(5)
        receivingFacilityRaw = raw(6)
        messageCode = msh.value(9) ?? ""
        triggerEvent = msh.value(9, component: 2) ?? ""
        controlId = msh.value(10) ?? ""
        processingId = msh.value(11) ?? ""
        version = msh.value(12) ?? ""
        acceptAcknowledgmentType = msh.value(15)?.uppercased() ?? ""
        applicationAcknowledgmentType = msh.value(16)?.uppercased() ?? ""
    }

    /// The idempotency key of the message: sending application, sending facility and control id.
    public var key: HL7MessageKey {
        HL7MessageKey(sendingApplication: sendingApplication, sendingFacility: sendingFacility, controlId: controlId)
    }

    /// Reads what it can of the MSH of `data` without judging the rest, so that even a message refused for its
    /// content, character set or type can be answered in its own delimiters and version. Nil when there is no
    /// readable MSH at all (the reply then uses the standard delimiters).
    public static func read(_ data: some Collection<UInt8>) -> HL7Header? {
        var bytes = Array(data)
        HL7Message.dropPreamble(&bytes)
        guard bytes.count >= 8, bytes.starts(with: Array("MSH".utf8)) else { return nil }
        let end = bytes.firstIndex(where: { $0 == 0x0D || $0 == 0x0A }) ?? bytes.endIndex
        let line = bytes[..<end]
        guard line.count >= 4 else { return nil }
        let encodingEnd = line[4...].firstIndex(of: line[3]) ?? line.endIndex
        guard let delimiters = try? HL7Delimiters(field: line[3], encoding: line[4..<encodingEnd]) else { return nil }
        return HL7Header(msh: HL7Segment(bytes: line, occurrence: 1, delimiters: delimiters, characterSet: .undeclared))
    }
}
