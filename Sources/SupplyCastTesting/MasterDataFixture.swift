import Foundation
import Interop
import Store

/// A two-site network with a few items, as CSV text the importer reads.
public enum MasterDataFixture {
    public static let files: [(name: String, text: String)] = [
        ("sites.csv", """
            id,name,timeZone,defaultLocation
            NORTH,North General,Europe/Berlin,STORE
            SOUTH,South Clinic,Europe/Berlin,STORE
            """),
        ("locations.csv", """
            site,id,name,kind
            NORTH,STORE,Central store,store
            NORTH,OR1,Operating room 1,or
            SOUTH,STORE,Central store,store
            """),
        ("suppliers.csv", """
            id,name,leadTimeDays
            MEDLINE,Medline,3
            ORTHO,"Ortho Devices, Inc.",7
            """),
        ("items.csv", """
            id,name,gtin,unit,packSize,category,implant,lotTracked,serialTracked,critical,unitCost,supplier,leadTimeDays
            GLOVE-M,Exam gloves M,,BOX,10,consumable,no,no,no,no,4.5,MEDLINE,
            SUTURE-3,Suture 3-0,,EA,12,consumable,no,yes,no,no,2.1,MEDLINE,
            HIP-STEM,Hip stem size 3,00614141999996,EA,1,implant,yes,yes,yes,yes,1200,ORTHO,10
            """),
        ("preference-cards.csv", """
            procedure,surgeon,item,quantity
            THA,,GLOVE-M,4
            THA,,HIP-STEM,1
            """),
    ]

    public static func importStandard(into store: SupplyStore) throws {
        let decoded = try files.map { file in
            let data = Data(file.text.utf8)
            return (file: file.name, records: try MasterDataDecoder().decode(data, kind: MasterDataKind(fileName: file.name)!, file: file.name), data: data)
        }
        _ = try store.importMasterData(decoded)
    }
}
