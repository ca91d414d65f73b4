import DemoNetwork
import Foundation
import SupplyDomain
import Testing

@Suite struct DemoNetworkMasterDataTests {
    @Test("Every GTIN has fourteen digits and a valid GS1 check digit")
    func gtinsValid() {
        for item in small.items {
            let gtin = item.gtin ?? ""
            #expect(gtin.count == 14 && hasValidCheckDigit(gtin), "\(item.id): \(gtin)")
        }
        #expect(Set(small.items.compactMap(\.gtin)).count == small.items.count)
    }

    @Test("Implants are critical, lot- and serial-tracked; pharmacy items are lot-tracked")
    func itemFlags() {
        let implants = small.items.filter(\.isImplant)
        #expect(implants.count == smallParameters.implants)
        #expect(implants.allSatisfy { $0.lotTracked && $0.serialTracked && $0.critical })
        let pharmacy = small.items.filter { $0.category == "pharmacy" }
        #expect(pharmacy.count == smallParameters.pharmacyItems)
        #expect(pharmacy.allSatisfy { $0.lotTracked })
    }

    @Test("Implant UDIs are GS1 element strings that agree with the usage fields")
    func udisAgree() {
        var withUDI = 0
        for event in small.events {
            guard case .usage(let usage) = event.body, let udi = usage.udi else { continue }
            withUDI += 1
            let expected = "(01)\(usage.gtin ?? "")(17)\(yymmdd(usage.expiry))(10)\(usage.lot ?? "")(21)\(usage.serial ?? "")"
            #expect(udi == expected)
            #expect(small.items.first { $0.id == usage.item }?.gtin == usage.gtin)
        }
        #expect(withUDI > 0)
    }

    @Test("Every site, item and location an event names exists in master data")
    func referentialIntegrity() {
        let sites = Set(small.sites.map(\.id))
        let items = Set(small.items.map(\.id))
        let locations = Set(small.locations.map { $0.site + "/" + $0.id })
        for event in small.events {
            #expect(sites.contains(event.site))
            switch event.body {
            case .admission(let change):
                if let toSite = change.toSite { #expect(sites.contains(toSite)) }
                if let unit = change.unit { #expect(locations.contains(event.site + "/" + unit) || change.kind == .transferred) }
            case .usage(let usage):
                #expect(items.contains(usage.item ?? ""))
                #expect(locations.contains(event.site + "/" + (usage.location ?? "")))
            case .receipt(let receipt):
                #expect(items.contains(receipt.item ?? ""))
                #expect(locations.contains(event.site + "/" + (receipt.location ?? "")))
            case .invoice(let line):
                #expect(items.contains(line.item ?? ""))
                #expect(small.suppliers.contains { $0.id == line.supplier })
            case .stockCount(let count):
                #expect(items.contains(count.item ?? ""))
                #expect(locations.contains(event.site + "/" + (count.location ?? "")))
            case .surgicalCase(let change):
                if let procedure = change.procedure {
                    #expect(small.preferenceCards.contains { $0.procedure == procedure })
                }
            }
        }
        #expect(small.preferenceCards.allSatisfy { items.contains($0.item) })
        #expect(small.policies.allSatisfy { items.contains($0.item) })
        #expect(small.items.allSatisfy { $0.supplier.map { id in small.suppliers.contains { $0.id == id } } ?? false })
        #expect(small.sites.allSatisfy { site in locations.contains(site.id + "/" + site.defaultLocation) })
    }

    @Test("Policies give implants and critical items 0.99 and the rest 0.95")
    func serviceLevels() {
        let byId = Dictionary(uniqueKeysWithValues: small.items.map { ($0.id, $0) })
        for policy in small.policies {
            let item = byId[policy.item]!
            #expect(policy.serviceLevel == (item.isImplant || item.critical ? 0.99 : 0.95))
            #expect(policy.reviewPeriodDays == 1)
        }
    }

    @Test("CSV tables carry the importer's column names and quote awkward fields")
    func csvShape() {
        let files = Dictionary(uniqueKeysWithValues: MasterDataCSV.files(of: small).map { ($0.name, $0.text) })
        #expect(files["sites.csv"]?.hasPrefix("id,name,timeZone,defaultLocation\n") == true)
        #expect(files["locations.csv"]?.hasPrefix("site,id,name,kind\n") == true)
        #expect(files["suppliers.csv"]?.hasPrefix("id,name,leadTimeDays\n") == true)
        #expect(files["items.csv"]?.hasPrefix(
            "id,name,gtin,unit,packSize,category,implant,lotTracked,serialTracked,critical,unitCost,supplier,leadTimeDays\n") == true)
        #expect(files["preference-cards.csv"]?.hasPrefix("procedure,surgeon,item,quantity\n") == true)
        #expect(files["policies.csv"]?.hasPrefix(
            "site,item,serviceLevel,reviewPeriodDays,leadTimeDays,leadTimeStdDevDays,minimumOrderQuantity,maximumQuantity\n") == true)
        #expect(files["suppliers.csv"]?.contains("\"Apex Spine & Trauma, Ltd.\"") == true)
        #expect(MasterDataCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(files["items.csv"]?.split(separator: "\n").count == small.items.count + 1)
    }
}

func hasValidCheckDigit(_ digits: String) -> Bool {
    let values = digits.compactMap(\.wholeNumberValue)
    guard values.count == digits.count, let check = values.last else { return false }
    var sum = 0
    for (offset, value) in values.dropLast().reversed().enumerated() {
        sum += value * (offset % 2 == 0 ? 3 : 1)
    }
    return (10 - sum % 10) % 10 == check
}

func yymmdd(_ date: LocalDate?) -> String {
    guard let (year, month, day) = date?.components else { return "" }
    return String(format: "%02d%02d%02d", year % 100, month, day)
}
