import SupplyDomain

/// Reads HIBC Supplier Labeling Standard (ANSI/HIBC 2.6) data into a UDI.
///
/// Primary `+LLLLP…U` + check; secondary `+` data + link + check; or both in one symbol, `+LLLLP…U/` data +
/// check, where the secondary has neither its own `+` nor the link. The check character is mod 43 over every
/// character from the `+` on. Secondary data: `$` lot; `$+` serial; `$$` date/quantity fields then lot; `$$+` the
/// same then serial; five digits (Julian `YYJJJ` expiry) then lot. Supplementary fields follow after `/`:
/// `S` serial, `14D` expiry and `16D` production date (`YYYYMMDD`), `Q` quantity.
struct HIBCReader {
    let scan: String
    /// The data from its `+`, without symbology identifier; indices are those of the characters of `scan`.
    let characters: ArraySlice<Character>
    let today: LocalDate

    /// Code 39's characters in mod-43 value order.
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%")

    /// The HIBC check character of `data` (the `+` included): the sum of its characters' values, modulo 43.
    static func checkCharacter(of data: some Sequence<Character>) -> Character? {
        var sum = 0
        for character in data {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            sum += value
        }
        return alphabet[sum % 43]
    }

    func read() throws(UDI.ParseFailure) -> UDI {
        guard characters.count >= 3 else { throw failure(.syntax, at: characters.startIndex, "HIBC data too short") }
        if let bad = characters.firstIndex(where: { !Self.alphabet.contains($0) }) {
            throw failure(.invalidValue, at: bad, "'\(characters[bad])' is not in the HIBC (Code 39) character set")
        }
        let checkIndex = characters.endIndex - 1
        let data = characters[characters.startIndex..<checkIndex]
        let expected = Self.checkCharacter(of: data)!
        guard characters[checkIndex] == expected else {
            throw failure(.checkFailed, at: checkIndex,
                "check character '\(characters[checkIndex])' is wrong: mod 43 of the data before it gives '\(expected)'")
        }
        let body = data.dropFirst()
        if body.first == "/" {
            throw failure(.syntax, at: body.startIndex,
                "'+/' starts HIBC Provider Applications data (a hospital's own label), not a supplier's UDI")
        }
        if body.first?.isLetter == true {
            return try primary(body)
        }
        // Secondary data alone ends with the link character, the check character of its primary.
        guard body.count >= 2 else { throw failure(.syntax, at: body.startIndex, "secondary data is empty") }
        var udi = UDI(device: nil)
        try secondary(body.dropLast(), into: &udi)
        udi.hibcLink = body.last
        return udi
    }

    // MARK: - Primary

    private func primary(_ body: ArraySlice<Character>) throws(UDI.ParseFailure) -> UDI {
        let end = body.firstIndex(of: "/") ?? body.endIndex
        let primary = body[..<end]
        guard primary.count >= 6 else {
            throw failure(.syntax, at: body.startIndex,
                "primary data needs a 4-character labeler code, a product number and a unit of measure")
        }
        let labeler = primary.prefix(4)
        if let bad = labeler.firstIndex(where: { !$0.isUppercaseAlphanumeric }) {
            throw failure(.invalidValue, at: bad, "the labeler code is 4 letters or digits, not '\(body[bad])'")
        }
        let product = primary.dropFirst(4).dropLast()
        guard (1...18).contains(product.count) else {
            throw failure(.invalidValue, at: product.startIndex, "the product number is 1 to 18 characters, has \(product.count)")
        }
        if let bad = product.firstIndex(where: { !$0.isUppercaseAlphanumeric }) {
            throw failure(.invalidValue, at: bad, "the product number is letters and digits, not '\(body[bad])'")
        }
        guard let unit = primary.last!.wholeNumberValue, primary.last!.isASCIIDigit else {
            throw failure(.invalidValue, at: primary.endIndex - 1,
                "the unit of measure is one digit, not '\(primary.last!)'")
        }
        var udi = UDI(device: .hibc(labeler: String(labeler), product: String(product), unitOfMeasure: unit))
        if end < body.endIndex {
            try secondary(body[(end + 1)...], into: &udi)
        }
        return udi
    }

    // MARK: - Secondary

    private func secondary(_ data: ArraySlice<Character>, into udi: inout UDI) throws(UDI.ParseFailure) {
        let end = data.firstIndex(of: "/") ?? data.endIndex
        var field = data[..<end]
        if field.first?.isASCIIDigit == true {
            // The original format: Julian expiry, then the lot.
            udi.expiry = try julianDate(field.prefix(5), at: field.startIndex)
            udi.lot = try lotOrSerial(field.dropFirst(5), "lot")
        } else if field.starts(with: "$$") {
            field = field.dropFirst(2)
            let isSerial = field.first == "+"
            if isSerial { field = field.dropFirst() }
            field = try quantityAndDate(field, into: &udi)
            let value = try lotOrSerial(field, isSerial ? "serial" : "lot")
            if isSerial { udi.serial = value } else { udi.lot = value }
        } else if field.starts(with: "$+") {
            udi.serial = try lotOrSerial(field.dropFirst(2), "serial")
        } else if field.starts(with: "$") {
            udi.lot = try lotOrSerial(field.dropFirst(), "lot")
        } else {
            throw failure(.syntax, at: field.startIndex,
                "secondary data starts with '$', '$$', '$+', '$$+' or a 5-digit Julian date, not '\(field.prefix(1).first.map(String.init) ?? "")'")
        }
        if end < data.endIndex {
            try supplementary(data[(end + 1)...], into: &udi)
        }
    }

    /// After `$$` (or `$$+`): an optional quantity (`8` + 2 digits, `9` + 5 digits), then the date in the format
    /// its first digit names. Returns what follows (the lot or serial).
    private func quantityAndDate(_ field: ArraySlice<Character>, into udi: inout UDI) throws(UDI.ParseFailure)
        -> ArraySlice<Character>
    {
        var field = field
        if let flag = field.first, flag == "8" || flag == "9" {
            let width = flag == "8" ? 2 : 5
            let digits = field.dropFirst().prefix(width)
            guard digits.count == width, digits.allSatisfy(\.isASCIIDigit) else {
                throw failure(.invalidValue, at: field.startIndex + 1, "quantity flag \(flag) needs \(width) digits")
            }
            udi.quantity = Int(String(digits))
            field = field.dropFirst(1 + width)
        }
        guard let flag = field.first?.wholeNumberValue, field.first!.isASCIIDigit else {
            throw failure(.syntax, at: field.startIndex, "expected a date format digit (0–7)")
        }
        let start = field.startIndex
        switch flag {
        case 0, 1:
            let mmyy = field.prefix(4)
            guard mmyy.count == 4, mmyy.allSatisfy(\.isASCIIDigit), let value = Int(String(mmyy)),
                  let date = LabelDate.date(year: LabelDate.year(twoDigits: value % 100, today: today),
                                            month: value / 100, day: 0)
            else { throw failure(.invalidDate, at: start, "'\(String(mmyy))' is not an MMYY expiry") }
            udi.expiry = date
            return field.dropFirst(4)
        case 2:
            let mmddyy = field.dropFirst().prefix(6)
            guard mmddyy.count == 6, mmddyy.allSatisfy(\.isASCIIDigit), let value = Int(String(mmddyy)),
                  value % 10_000 / 100 > 0,
                  let date = LabelDate.date(year: LabelDate.year(twoDigits: value % 100, today: today),
                                            month: value / 10_000, day: value % 10_000 / 100)
            else { throw failure(.invalidDate, at: start + 1, "'\(String(mmddyy))' is not an MMDDYY expiry") }
            udi.expiry = date
            return field.dropFirst(7)
        case 3, 4:
            let yymmdd = field.dropFirst().prefix(6)
            guard yymmdd.last != "0" || yymmdd.dropLast().last != "0",
                  let date = LabelDate.yymmdd(yymmdd, today: today)
            else { throw failure(.invalidDate, at: start + 1, "'\(String(yymmdd))' is not a YYMMDD expiry") }
            udi.expiry = date
            if flag == 4 {
                udi.expiryTime = try hour(field.dropFirst(7).prefix(2), at: start + 7)
                return field.dropFirst(9)
            }
            return field.dropFirst(7)
        case 5, 6:
            udi.expiry = try julianDate(field.dropFirst().prefix(5), at: start + 1)
            if flag == 6 {
                udi.expiryTime = try hour(field.dropFirst(6).prefix(2), at: start + 6)
                return field.dropFirst(8)
            }
            return field.dropFirst(6)
        case 7:
            return field.dropFirst()
        default:
            throw failure(.syntax, at: start, "'\(flag)' is not an HIBC date format (0–7) here")
        }
    }

    /// Supplementary fields after `/`: `S` serial, `14D` expiry, `16D` production date (both `YYYYMMDD`), `Q`
    /// quantity.
    private func supplementary(_ data: ArraySlice<Character>, into udi: inout UDI) throws(UDI.ParseFailure) {
        var rest = data
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            let field = rest[..<end]
            if field.starts(with: "14D") || field.starts(with: "16D") {
                let date = try fullDate(field.dropFirst(3), at: field.startIndex + 3)
                if field.starts(with: "14D") { udi.expiry = date } else { udi.productionDate = date }
            } else if field.starts(with: "S") {
                udi.serial = try lotOrSerial(field.dropFirst(), "serial")
            } else if field.starts(with: "Q") {
                let digits = field.dropFirst()
                guard (1...5).contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else {
                    throw failure(.invalidValue, at: field.startIndex + 1, "quantity Q takes 1 to 5 digits")
                }
                udi.quantity = Int(String(digits))
            } else {
                throw failure(.syntax, at: field.startIndex,
                    "supplementary data starts with S (serial), 14D (expiry), 16D (production date) or Q (quantity)")
            }
            rest = end < rest.endIndex ? rest[(end + 1)...] : rest[end...]
        }
    }

    // MARK: - Fields

    private func lotOrSerial(_ value: ArraySlice<Character>, _ name: String) throws(UDI.ParseFailure) -> String? {
        if value.isEmpty { return nil }
        guard value.count <= 18 else {
            throw failure(.invalidValue, at: value.startIndex, "the \(name) is at most 18 characters, has \(value.count)")
        }
        if let bad = value.firstIndex(where: { !$0.isUppercaseAlphanumeric && $0 != "-" && $0 != "." }) {
            throw failure(.invalidValue, at: bad, "the \(name) is letters and digits, not '\(value[bad])'")
        }
        return String(value)
    }

    private func julianDate(_ text: ArraySlice<Character>, at index: Int) throws(UDI.ParseFailure) -> LocalDate {
        guard let date = LabelDate.julian(text, today: today) else {
            throw failure(.invalidDate, at: index, "'\(String(text))' is not a Julian YYJJJ date")
        }
        return date
    }

    private func fullDate(_ text: ArraySlice<Character>, at index: Int) throws(UDI.ParseFailure) -> LocalDate {
        guard text.count == 8, text.allSatisfy(\.isASCIIDigit), let value = Int(String(text)), value % 100 > 0,
              let date = LabelDate.date(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        else { throw failure(.invalidDate, at: index, "'\(String(text))' is not a YYYYMMDD date") }
        return date
    }

    private func hour(_ text: ArraySlice<Character>, at index: Int) throws(UDI.ParseFailure) -> TimeOfDay {
        guard text.count == 2, text.allSatisfy(\.isASCIIDigit), let hour = Int(String(text)), hour < 24 else {
            throw failure(.invalidDate, at: index, "'\(String(text))' is not an hour 00–23")
        }
        return TimeOfDay(hour: hour, minute: 0)
    }

    private func failure(_ kind: UDI.ParseFailure.Kind, at index: Int, _ reason: String) -> UDI.ParseFailure {
        UDI.ParseFailure(udi: scan, kind: kind, position: index + 1, reason: reason)
    }
}

extension Character {
    var isUppercaseAlphanumeric: Bool { isASCIIDigit || ("A"..."Z").contains(self) }
}
