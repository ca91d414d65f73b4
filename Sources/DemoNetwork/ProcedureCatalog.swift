import SupplyDomain

/// Procedure types with their preference cards: what a case of each procedure takes from the theatre store.
struct ProcedureCatalog: Sendable {
    struct Line: Sendable, Hashable {
        /// Index into `Catalog.entries`.
        var item: Int
        var quantity: Int
    }

    struct Procedure: Sendable {
        var code: String
        var name: String
        /// Relative share of the case mix.
        var weight: Double
        var durationMinutes: Int
        var surgeons: [String]
        /// The default card's consumables (implant lines are in `implants`).
        var card: [Line]
        /// Surgeons whose own card replaces the default card's consumables.
        var surgeonCards: [String: [Line]]
        /// Implant families used per case and how many units of the chosen size.
        var implants: [(family: Int, quantity: Int)]
    }

    private static let table: [(code: String, name: String, weight: Double, minutes: Int, families: [(Int, Int)])] = [
        ("HIP-TOTAL", "Total hip arthroplasty", 6, 120, [(0, 1), (1, 1)]),
        ("KNEE-TOTAL", "Total knee arthroplasty", 6, 130, [(2, 1), (3, 1)]),
        ("LAP-CHOLE", "Laparoscopic cholecystectomy", 10, 75, []),
        ("LAP-APPY", "Laparoscopic appendectomy", 8, 60, []),
        ("HERNIA-ING", "Inguinal hernia repair", 9, 60, []),
        ("C-SECTION", "Caesarean section", 10, 60, []),
        ("CATARACT", "Cataract extraction with lens implant", 12, 30, [(4, 1)]),
        ("PCI-STENT", "Percutaneous coronary intervention", 7, 90, [(5, 1)]),
        ("ORIF-RADIUS", "Open reduction internal fixation, distal radius", 5, 90, [(6, 1)]),
        ("IMN-TIBIA", "Intramedullary nailing, tibia", 3, 120, [(7, 1)]),
        ("SPINE-FUSION", "Lumbar spinal fusion", 3, 200, [(8, 4)]),
        ("TURP", "Transurethral resection of prostate", 5, 70, []),
        ("HYSTERECTOMY", "Hysterectomy", 5, 120, []),
        ("COLECTOMY", "Colectomy", 4, 180, []),
        ("THYROIDECTOMY", "Thyroidectomy", 3, 120, []),
        ("TONSILLECTOMY", "Tonsillectomy", 6, 40, []),
        ("ARTHRO-KNEE", "Knee arthroscopy", 8, 45, []),
        ("CARPAL-TUNNEL", "Carpal tunnel release", 7, 30, []),
        ("MASTECTOMY", "Mastectomy", 3, 120, []),
        ("PACEMAKER", "Pacemaker implantation", 3, 75, [(9, 1)]),
    ]

    var procedures: [Procedure]

    init(parameters: DemoParameters, catalog: Catalog, random: inout SeededGenerator) {
        let surgical = catalog.surgicalItems
        let count = max(parameters.procedures, 1)
        var procedures: [Procedure] = []
        for index in 0..<count {
            let spec = Self.table[index % Self.table.count]
            let round = index / Self.table.count
            let code = round == 0 ? spec.code : "\(spec.code)-\(round + 1)"
            let surgeons = (0..<3).map { "DR-" + pad(100 + (index * 3 + $0 * 7) % (count * 2 + 10), 3) }
            let implants = spec.families.filter { $0.0 < catalog.families.count && !catalog.families[$0.0].items.isEmpty }
                .map { (family: $0.0, quantity: $0.1) }
            procedures.append(Procedure(
                code: code, name: round == 0 ? spec.name : "\(spec.name) (variant \(round + 1))",
                weight: spec.weight, durationMinutes: spec.minutes, surgeons: surgeons, card: [], surgeonCards: [:],
                implants: implants))
        }
        // Every theatre consumable sits on at least one card; then each card is filled to 6–12 lines.
        var chosen = [Set<Int>](repeating: [], count: count)
        for (offset, item) in surgical.enumerated() { chosen[offset % count].insert(item) }
        for index in 0..<count where !surgical.isEmpty {
            let target = random.int(in: 6...12)
            var attempts = 0
            while chosen[index].count < min(target, surgical.count) && attempts < 100 {
                chosen[index].insert(surgical[random.int(in: 0...(surgical.count - 1))])
                attempts += 1
            }
            let lines = chosen[index].sorted().map { item -> Line in
                let category = catalog.entries[item].item.category
                let quantity = category == "gloves" ? random.int(in: 2...6)
                    : category == "swabs" ? random.int(in: 5...10) : random.int(in: 1...3)
                return Line(item: item, quantity: quantity)
            }
            procedures[index].card = lines
            // A third of the procedures have one surgeon with a card of their own.
            if index % 3 == 0, let surgeon = procedures[index].surgeons.first, lines.count > 2 {
                var own = lines
                own.remove(at: random.int(in: 0...(own.count - 1)))
                let changed = random.int(in: 0...(own.count - 1))
                own[changed].quantity += 1
                let extra = surgical[random.int(in: 0...(surgical.count - 1))]
                if !own.contains(where: { $0.item == extra }) { own.append(Line(item: extra, quantity: 1)) }
                procedures[index].surgeonCards[surgeon] = own
            }
        }
        self.procedures = procedures
    }

    /// The implant size that goes on the card: the family's most common (second) size.
    static func cardSize(of family: Catalog.Family) -> Int {
        family.items[min(1, family.items.count - 1)]
    }

    /// Preference-card rows as master data, default cards first then surgeon cards, implants on both.
    func lines(catalog: Catalog) -> [PreferenceCardLine] {
        var rows: [PreferenceCardLine] = []
        for procedure in procedures {
            let implantLines = procedure.implants.map {
                Line(item: Self.cardSize(of: catalog.families[$0.family]), quantity: $0.quantity)
            }
            for line in procedure.card + implantLines {
                rows.append(PreferenceCardLine(procedure: procedure.code, surgeon: "",
                                               item: catalog.entries[line.item].item.id, quantity: Double(line.quantity)))
            }
            for surgeon in procedure.surgeonCards.keys.sorted() {
                for line in procedure.surgeonCards[surgeon]! + implantLines {
                    rows.append(PreferenceCardLine(procedure: procedure.code, surgeon: surgeon,
                                                   item: catalog.entries[line.item].item.id, quantity: Double(line.quantity)))
                }
            }
        }
        return rows
    }
}
