extension String {
    /// The text without leading and trailing spaces (HL7 pads some values; tabs and line ends are not padding).
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
