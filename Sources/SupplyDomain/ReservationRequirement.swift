/// What a case needs from stock: its preference card's quantities less what was already used for it.
public enum ReservationRequirement {
    /// The card a case follows: the surgeon's own card for the procedure when there is one, else the default.
    public static func card(_ lines: [PreferenceCardLine], procedure: String, surgeon: String?) -> [PreferenceCardLine] {
        let forProcedure = lines.filter { $0.procedure == procedure }
        if let surgeon, !surgeon.isEmpty {
            let own = forProcedure.filter { $0.surgeon == surgeon }
            if !own.isEmpty { return own }
        }
        return forProcedure.filter { $0.surgeon.isEmpty }
    }

    /// Quantity still to hold per item: a live case's card less usage recorded against it; nothing for a case
    /// that is cancelled, a no-show or completed (completion releases what was not used).
    public static func outstanding(
        status: CaseStatus, card: [PreferenceCardLine], used: [String: Double]
    ) -> [String: Double] {
        guard status == .scheduled else { return [:] }
        var needed: [String: Double] = [:]
        for line in card { needed[line.item, default: 0] += line.quantity }
        return needed.reduce(into: [:]) { result, entry in
            let left = entry.value - (used[entry.key] ?? 0)
            if left > 1e-9 { result[entry.key] = left }
        }
    }
}
