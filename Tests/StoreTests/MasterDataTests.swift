import Foundation
import Interop
import Store
import SupplyCastTesting
import Testing

@Suite struct MasterDataTests {
    @Test("every bad row is reported with file, row, column and reason")
    func badRowsAreLocated() throws {
        let csv = Data("""
            id,name,gtin,packSize,implant
            A,Item A,00614141999996,1,yes
            B,Item B,12345678901234,1,no
            C,Item C,,zero,no
            D,,,1,maybe
            """.utf8)
        #expect {
            _ = try MasterDataDecoder().decode(csv, kind: .items, file: "items.csv")
        } throws: { error in
            let text = "\(error)"
            return text.contains("items.csv: row 3, column 'gtin'") && text.contains("row 4, column 'packSize'")
                && text.contains("row 5, column 'name': is empty")
        }
    }

    @Test("importing the same file twice changes nothing; a file with a bad reference applies nothing")
    func idempotentAndAtomic() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try MasterDataFixture.importStandard(into: db.store)
        #expect(try db.store.summary().items == 3)
        let cards = Data("procedure,surgeon,item,quantity\nTKA,,GLOVE-M,2\nTKA,,GHOST,1\n".utf8)
        let sites = Data("id,name\nEAST,East Hospital\n".utf8)
        #expect(throws: StoreError.self) {
            _ = try db.store.importMasterData([
                ("sites.csv", try MasterDataDecoder().decode(sites, kind: .sites, file: "sites.csv"), sites),
                ("cards.csv", try MasterDataDecoder().decode(cards, kind: .preferenceCards, file: "cards.csv"), cards),
            ])
        }
        #expect(try db.store.summary().sites == 2)
        #expect(try db.store.summary().preferenceCardLines == 2)
    }
}
