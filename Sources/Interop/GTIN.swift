/// GS1 Global Trade Item Number helpers.
public enum GTIN {
    /// Whether the last digit is the GS1 mod-10 check digit of the others (GTIN-8/12/13/14).
    public static func hasValidCheckDigit(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == digits.count, values.count >= 8, let check = values.last else { return false }
        return checkDigit(of: values.dropLast()) == check
    }

    /// The GS1 mod-10 check digit of `payload`: weights 3 and 1 alternate from the rightmost digit.
    static func checkDigit(of payload: some BidirectionalCollection<Int>) -> Int {
        var sum = 0
        for (offset, value) in payload.reversed().enumerated() {
            sum += value * (offset % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }
}
