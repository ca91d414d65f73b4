import SupplyDomain

/// The hospitals, their storage locations and wards, and the suppliers they buy from.
struct NetworkLayout: Sendable {
    /// One hospital and the volumes that drive its events.
    struct SiteProfile: Sendable {
        var site: Site
        /// Mean admissions on an average day before weekday, season and trend.
        var admissionsPerDay: Double
        /// Mean elective cases on a weekday.
        var casesPerWeekday: Double
    }

    /// A ward kind: its share of admissions and how much longer or shorter than average its patients stay.
    struct Ward: Sendable {
        var id: String
        var name: String
        var admissionShare: Double
        var stayFactor: Double
    }

    static let wards: [Ward] = [
        Ward(id: "WARD-MED", name: "Medical ward", admissionShare: 0.45, stayFactor: 1.1),
        Ward(id: "WARD-SURG", name: "Surgical ward", admissionShare: 0.30, stayFactor: 0.9),
        Ward(id: "WARD-ICU", name: "Intensive care unit", admissionShare: 0.07, stayFactor: 1.6),
        Ward(id: "WARD-PAED", name: "Paediatric ward", admissionShare: 0.18, stayFactor: 0.6),
    ]
    static let surgicalWard = 1
    static let storeLocation = "MAIN"
    static let theatreLocation = "OR"
    static let pharmacyLocation = "PHARM"

    private static let named: [(id: String, name: String, admissions: Double, cases: Double)] = [
        ("NORTH", "North General Hospital", 62, 34),
        ("RIVER", "Riverside Medical Center", 40, 22),
        ("EAST", "East Community Hospital", 24, 12),
    ]

    var sites: [SiteProfile]
    var locations: [Location]
    var suppliers: [Supplier]

    init(siteCount: Int) {
        sites = (0..<max(siteCount, 1)).map { index in
            let template = Self.named[index % Self.named.count]
            let round = index / Self.named.count
            let id = round == 0 ? template.id : "\(template.id)\(round + 1)"
            let name = round == 0 ? template.name : "\(template.name) \(round + 1)"
            return SiteProfile(
                site: Site(id: id, name: name, timeZone: "Europe/Berlin", defaultLocation: Self.storeLocation),
                admissionsPerDay: template.admissions, casesPerWeekday: template.cases)
        }
        locations = sites.flatMap { profile -> [Location] in
            let site = profile.site.id
            return [
                Location(site: site, id: Self.storeLocation, name: "Central store", kind: "store"),
                Location(site: site, id: Self.theatreLocation, name: "Operating theatres core", kind: "theatre"),
                Location(site: site, id: Self.pharmacyLocation, name: "Pharmacy", kind: "pharmacy"),
            ] + Self.wards.map { Location(site: site, id: $0.id, name: $0.name, kind: "ward") }
        }
        suppliers = [
            Supplier(id: "S01", name: "Northwind Medical", leadTimeDays: 2),
            Supplier(id: "S02", name: "Baltic Surgical Supply", leadTimeDays: 3),
            Supplier(id: "S03", name: "Helix Healthcare", leadTimeDays: 4),
            Supplier(id: "S04", name: "Orthex Implants", leadTimeDays: 5),
            Supplier(id: "S05", name: "CardioVance", leadTimeDays: 6),
            Supplier(id: "S06", name: "Lumen Optics", leadTimeDays: 7),
            Supplier(id: "S07", name: "Meridian Pharma Wholesale", leadTimeDays: 1),
            Supplier(id: "S08", name: "Apex Spine & Trauma, Ltd.", leadTimeDays: 5),
        ]
    }
}
