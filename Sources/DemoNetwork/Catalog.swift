import Foundation
import SupplyDomain

/// The item master and, for each item, how the network uses it (on cards, on wards, rarely, in the pharmacy).
struct Catalog: Sendable {
    /// How an item is consumed, which decides which generator draws its usage.
    enum Role: Sendable, Equatable {
        /// Used in theatre, through preference cards.
        case surgical
        /// Used on wards every day, in proportion to the midnight census.
        case ward
        /// Used on wards now and then: many days without use.
        case intermittent
        /// A size of an implant family, used per case.
        case implant(family: Int, size: Int)
        /// Dispensed from the pharmacy in proportion to the site's census.
        case pharmacy
    }

    struct Entry: Sendable {
        var item: Item
        var role: Role
        /// Uses per occupied bed-day, by ward (index into `NetworkLayout.wards`); zero where not stocked.
        var wardRates: [Double]
        /// Pharmacy: doses per occupied bed-day of the whole site.
        var pharmacyRate: Double
    }

    /// An implant family: sizes of one product line, on the cards of the procedures that implant it.
    struct Family: Sendable {
        var name: String
        var supplier: String
        var unitCost: Double
        var items: [Int]
    }

    var entries: [Entry]
    var families: [Family]

    private static let consumableBases: [(name: String, variants: [String], category: String, lot: Bool, surgical: Bool)] = [
        ("Glove, surgical sterile", ["6.5", "7.0", "7.5", "8.0"], "gloves", true, true),
        ("Suture, absorbable", ["2-0", "3-0", "4-0"], "sutures", true, true),
        ("Suture, non-absorbable", ["2-0", "3-0"], "sutures", true, true),
        ("Surgical blade", ["#10", "#11", "#15", "#20"], "instruments", true, true),
        ("Drape, surgical", ["small", "large", "extremity"], "drapes", false, true),
        ("Gown, surgical", ["M", "L", "XL"], "gowns", false, true),
        ("Trocar", ["5 mm", "10 mm", "12 mm"], "laparoscopy", true, true),
        ("Clip cartridge, laparoscopic", ["M", "ML"], "laparoscopy", true, true),
        ("Specimen retrieval bag", ["standard"], "laparoscopy", false, true),
        ("Electrosurgical pencil", ["standard"], "electrosurgery", false, true),
        ("Suction tubing", ["3 m"], "suction", false, true),
        ("Skin stapler", ["35 W"], "wound closure", true, true),
        ("Chlorhexidine skin prep", ["3 ml", "26 ml"], "antiseptics", true, true),
        ("Hemostatic matrix", ["5 ml"], "hemostats", true, true),
        ("Bone cement", ["40 g"], "orthopaedics", true, true),
        ("Mesh, hernia", ["10x15 cm", "15x15 cm"], "hernia", true, true),
        ("Endotracheal tube", ["6.5", "7.0", "7.5", "8.0"], "airway", true, true),
        ("Laparotomy sponge", ["45x45 cm"], "swabs", false, true),
        ("Wound drain", ["10 Fr", "15 Fr"], "drains", true, true),
        ("Irrigation saline", ["1000 ml"], "fluids", true, true),
        ("Glove, nitrile exam", ["S", "M", "L", "XL"], "gloves", false, false),
        ("Syringe", ["2 ml", "5 ml", "10 ml", "20 ml"], "syringes", false, false),
        ("Needle, hypodermic", ["18G", "21G", "23G", "25G"], "needles", false, false),
        ("IV cannula", ["18G", "20G", "22G"], "vascular access", true, false),
        ("IV administration set", ["standard", "with filter"], "infusion", true, false),
        ("Gauze swab", ["5x5 cm", "10x10 cm"], "swabs", false, false),
        ("Foam dressing", ["10x10 cm", "15x15 cm"], "dressings", false, false),
        ("Urinary catheter", ["12 Fr", "14 Fr", "16 Fr"], "urology", true, false),
        ("Urine drainage bag", ["2 l"], "urology", false, false),
        ("Bed pad, disposable", ["60x90 cm"], "hygiene", false, false),
        ("Blood collection tube", ["EDTA", "serum", "citrate"], "phlebotomy", true, false),
        ("ECG electrode", ["adult", "neonatal"], "monitoring", false, false),
        ("Oxygen mask", ["adult", "paediatric"], "respiratory", false, false),
        ("Nasal cannula", ["adult", "paediatric"], "respiratory", false, false),
        ("Feeding tube", ["8 Fr", "12 Fr"], "nutrition", true, false),
        ("Central venous catheter kit", ["triple lumen"], "vascular access", true, false),
        ("Arterial line kit", ["20G"], "vascular access", true, false),
        ("Chest drain", ["24 Fr", "28 Fr"], "drains", true, false),
        ("Compression stocking", ["M", "L"], "hygiene", false, false),
        ("Elastic bandage", ["8 cm", "10 cm"], "dressings", false, false),
        ("Surgical tape", ["2.5 cm", "5 cm"], "dressings", false, false),
        ("Alcohol swab", ["standard"], "antiseptics", false, false),
        ("Face mask, surgical", ["type IIR"], "protective", false, false),
        ("Isolation gown", ["universal"], "protective", false, false),
        ("Tracheostomy tube", ["7.0", "8.0"], "airway", true, false),
    ]

    /// Typical price of one unit by category, in EUR; each item varies around it.
    private static let typicalCost: [String: Double] = [
        "gloves": 0.35, "sutures": 4, "instruments": 0.8, "drapes": 6, "gowns": 3.5, "laparoscopy": 45,
        "electrosurgery": 9, "suction": 2, "wound closure": 25, "antiseptics": 1.2, "hemostats": 90,
        "orthopaedics": 35, "hernia": 60, "airway": 3, "swabs": 0.3, "drains": 12, "fluids": 2, "syringes": 0.1,
        "needles": 0.05, "vascular access": 4, "infusion": 2, "dressings": 1.5, "urology": 2.5, "hygiene": 0.4,
        "phlebotomy": 0.15, "monitoring": 0.2, "respiratory": 1.2, "nutrition": 6, "protective": 0.3,
    ]

    private static let implantFamilies: [(name: String, supplier: String, cost: Double)] = [
        ("Hip femoral stem", "S04", 1450), ("Hip acetabular cup", "S04", 980), ("Knee femoral component", "S04", 1650),
        ("Knee tibial tray", "S04", 1100), ("Intraocular lens", "S06", 180), ("Coronary stent, drug-eluting", "S05", 720),
        ("Distal radius locking plate", "S08", 540), ("Tibial intramedullary nail", "S08", 890),
        ("Pedicle screw", "S08", 310), ("Pacemaker, dual chamber", "S05", 3900),
    ]

    private static let drugs: [String] = [
        "Paracetamol 1 g IV", "Cefazolin 2 g", "Heparin 5000 IU", "Enoxaparin 40 mg", "Morphine 10 mg",
        "Ondansetron 4 mg", "Sodium chloride 0.9% 1000 ml", "Ringer lactate 1000 ml", "Glucose 5% 500 ml",
        "Propofol 200 mg", "Fentanyl 100 mcg", "Rocuronium 50 mg", "Midazolam 5 mg", "Dexamethasone 4 mg",
        "Metoclopramide 10 mg", "Pantoprazole 40 mg", "Amoxicillin-clavulanate 1.2 g", "Piperacillin-tazobactam 4.5 g",
        "Vancomycin 1 g", "Furosemide 20 mg", "Potassium chloride 20 mmol", "Insulin aspart 100 IU/ml",
        "Ketorolac 30 mg", "Tranexamic acid 1 g", "Lidocaine 1% 10 ml", "Bupivacaine 0.5% 10 ml",
        "Noradrenaline 4 mg", "Adrenaline 1 mg", "Salbutamol nebule 2.5 mg", "Magnesium sulfate 2 g",
    ]

    init(parameters: DemoParameters, suppliers: [Supplier], random: inout SeededGenerator) {
        var entries: [Entry] = []
        let wardCount = NetworkLayout.wards.count
        let leadTime = Dictionary(uniqueKeysWithValues: suppliers.map { ($0.id, $0.leadTimeDays ?? 3) })
        func gtin(supplier: String, number: Int) -> String {
            let supplierNumber = Int(supplier.dropFirst()) ?? 0
            return GS1.gtin(body: "04" + pad(100 + supplierNumber, 3) + pad(number, 8))
        }

        // Consumables: bases × variants, then the same again from a second manufacturer.
        let consumableCount = max(parameters.consumables, 0)
        var expanded: [(name: String, category: String, lot: Bool, surgical: Bool)] = []
        var round = 0
        while expanded.count < consumableCount {
            for base in Self.consumableBases {
                for variant in base.variants where expanded.count < consumableCount {
                    let brand = round == 0 ? "" : " (alt. brand \(round + 1))"
                    expanded.append((base.name + " " + variant + brand, base.category, base.lot, base.surgical))
                }
            }
            round += 1
        }
        for (offset, spec) in expanded.enumerated() {
            let number = offset + 1
            let supplier = ["S01", "S02", "S03"][offset % 3]
            let pack = [1.0, 10, 20, 50, 100][random.int(in: 0...4)]
            let typical = Self.typicalCost[spec.category] ?? 2
            let cost = (typical * random.logNormal(mu: 0, sigma: 0.35) * 100).rounded() / 100
            let item = Item(
                id: "CON-" + pad(number, 4), name: spec.name, gtin: gtin(supplier: supplier, number: number),
                unit: "EA", packSize: pack, category: spec.category, isImplant: false,
                lotTracked: spec.lot, serialTracked: false, critical: random.chance(0.06), unitCost: max(cost, 0.01),
                supplier: supplier, leadTimeDays: leadTime[supplier])
            var role: Role = spec.surgical ? .surgical : .ward
            var rates = [Double](repeating: 0, count: wardCount)
            if !spec.surgical {
                if random.chance(0.28) {
                    role = .intermittent
                    rates[random.int(in: 0...(wardCount - 1))] = random.logNormal(mu: log(0.006), sigma: 0.6)
                } else {
                    let home = offset % wardCount
                    rates[home] = random.logNormal(mu: log(0.35), sigma: 1.0)
                    if random.chance(0.3) {
                        rates[(home + 1 + random.int(in: 0...(wardCount - 2))) % wardCount] =
                            random.logNormal(mu: log(0.2), sigma: 0.8)
                    }
                }
            }
            entries.append(Entry(item: item, role: role, wardRates: rates, pharmacyRate: 0))
        }

        // Implants: families of sizes, each size lot- and serial-tracked, critical.
        var families: [Family] = []
        let implantCount = max(parameters.implants, 0)
        let familyCount = min(Self.implantFamilies.count, implantCount)
        for family in 0..<familyCount {
            let spec = Self.implantFamilies[family]
            families.append(Family(name: spec.name, supplier: spec.supplier, unitCost: spec.cost, items: []))
        }
        for index in 0..<implantCount {
            let family = index % max(familyCount, 1)
            let size = index / max(familyCount, 1)
            let spec = Self.implantFamilies[family]
            let number = 5000 + index + 1
            let item = Item(
                id: "IMP-" + pad(index + 1, 4), name: "\(spec.name), size \(size + 1)",
                gtin: gtin(supplier: spec.supplier, number: number), unit: "EA", packSize: 1, category: "implant",
                isImplant: true, lotTracked: true, serialTracked: true, critical: true,
                unitCost: (spec.cost * (1 + 0.04 * Double(size))).rounded(), supplier: spec.supplier,
                leadTimeDays: leadTime[spec.supplier])
            families[family].items.append(entries.count)
            entries.append(Entry(item: item, role: .implant(family: family, size: size),
                                 wardRates: [Double](repeating: 0, count: wardCount), pharmacyRate: 0))
        }

        // Pharmacy: lot-tracked, dispensed in proportion to the whole site's census.
        for index in 0..<max(parameters.pharmacyItems, 0) {
            let name = Self.drugs[index % Self.drugs.count] + (index < Self.drugs.count ? "" : " (generic \(index / Self.drugs.count + 1))")
            let number = 8000 + index + 1
            let item = Item(
                id: "RX-" + pad(index + 1, 4), name: name, gtin: gtin(supplier: "S07", number: number), unit: "DOSE",
                packSize: [10.0, 20, 50][index % 3], category: "pharmacy", isImplant: false, lotTracked: true,
                serialTracked: false, critical: index % 7 == 0,
                unitCost: (random.logNormal(mu: log(3), sigma: 1.0) * 100).rounded() / 100 + 0.2,
                supplier: "S07", leadTimeDays: leadTime["S07"])
            entries.append(Entry(item: item, role: .pharmacy, wardRates: [Double](repeating: 0, count: wardCount),
                                 pharmacyRate: random.logNormal(mu: log(0.12), sigma: 1.1)))
        }
        self.entries = entries
        self.families = families
    }

    /// Indices of the items used in theatre through preference cards.
    var surgicalItems: [Int] { entries.indices.filter { entries[$0].role == .surgical } }
}
