import SupplyDomain

/// Master-data tables as CSV text with exactly the columns `supplycast import` reads.
///
/// Fields containing a comma, a quote or a line break are quoted (quotes doubled); absent optional values are
/// empty fields; numbers are written without a trailing `.0` when whole; booleans as `true`/`false`. Each table
/// ends with a newline.
public enum MasterDataCSV {
    /// `id,name,timeZone,defaultLocation`
    public static func sites(_ sites: [Site]) -> String {
        table(["id", "name", "timeZone", "defaultLocation"], sites.map { [$0.id, $0.name, $0.timeZone ?? "", $0.defaultLocation] })
    }

    /// `site,id,name,kind`
    public static func locations(_ locations: [Location]) -> String {
        table(["site", "id", "name", "kind"], locations.map { [$0.site, $0.id, $0.name, $0.kind ?? ""] })
    }

    /// `id,name,leadTimeDays`
    public static func suppliers(_ suppliers: [Supplier]) -> String {
        table(["id", "name", "leadTimeDays"], suppliers.map { [$0.id, $0.name, number($0.leadTimeDays)] })
    }

    /// `id,name,gtin,unit,packSize,category,implant,lotTracked,serialTracked,critical,unitCost,supplier,leadTimeDays`
    public static func items(_ items: [Item]) -> String {
        table(["id", "name", "gtin", "unit", "packSize", "category", "implant", "lotTracked", "serialTracked", "critical",
               "unitCost", "supplier", "leadTimeDays"],
              items.map {
                  [$0.id, $0.name, $0.gtin ?? "", $0.unit, number($0.packSize), $0.category, flag($0.isImplant),
                   flag($0.lotTracked), flag($0.serialTracked), flag($0.critical), number($0.unitCost), $0.supplier ?? "",
                   number($0.leadTimeDays)]
              })
    }

    /// `procedure,surgeon,item,quantity`
    public static func preferenceCards(_ lines: [PreferenceCardLine]) -> String {
        table(["procedure", "surgeon", "item", "quantity"], lines.map { [$0.procedure, $0.surgeon, $0.item, number($0.quantity)] })
    }

    /// `site,item,serviceLevel,reviewPeriodDays,leadTimeDays,leadTimeStdDevDays,minimumOrderQuantity,maximumQuantity`
    public static func policies(_ policies: [ReplenishmentPolicy]) -> String {
        table(["site", "item", "serviceLevel", "reviewPeriodDays", "leadTimeDays", "leadTimeStdDevDays",
               "minimumOrderQuantity", "maximumQuantity"],
              policies.map {
                  [$0.site, $0.item, number($0.serviceLevel), number($0.reviewPeriodDays), number($0.leadTimeDays),
                   number($0.leadTimeStdDevDays), number($0.minimumOrderQuantity), number($0.maximumQuantity)]
              })
    }

    /// Every table of a dataset, keyed by the file name the importer recognises (`items.csv`…).
    public static func files(of dataset: DemoDataset) -> [(name: String, text: String)] {
        [
            ("sites.csv", sites(dataset.sites)),
            ("locations.csv", locations(dataset.locations)),
            ("suppliers.csv", suppliers(dataset.suppliers)),
            ("items.csv", items(dataset.items)),
            ("preference-cards.csv", preferenceCards(dataset.preferenceCards)),
            ("policies.csv", policies(dataset.policies)),
        ]
    }

    /// One CSV field, quoted when it has to be.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var quoted = "\""
        for character in text {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        var text = header.joined(separator: ",") + "\n"
        for row in rows {
            text += row.map(field).joined(separator: ",") + "\n"
        }
        return text
    }

    private static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private static func flag(_ value: Bool) -> String { value ? "true" : "false" }
}
