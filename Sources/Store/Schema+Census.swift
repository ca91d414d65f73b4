import Foundation
import GRDB
import SupplyDomain

extension Schema {
    /// Patients in house before the feed began: departures whose arrival was never seen are counted from the
    /// opening of the census instead of as departures of nobody.
    static func registerCensus(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: census of patients in house before the feed began") { db in
            try db.execute(sql: "ALTER TABLE censusDay ADD COLUMN unseenArrivals INTEGER NOT NULL DEFAULT 0")
            // Encounters already projected keep their stays; only the new movement has to be counted for them.
            let decoder = JSONDecoder()
            let states = try Row.fetchCursor(db, sql: "SELECT state FROM encounter")
            while let row = try states.next() {
                let encounter = try decoder.decode(EncounterCensus.self, from: row["state"] as Data)
                for movement in encounter.movements where movement.kind == .unseenArrival {
                    try db.execute(sql: """
                        INSERT INTO censusDay (site, day, unseenArrivals) VALUES (?, ?, 1)
                        ON CONFLICT (site, day) DO UPDATE SET unseenArrivals = unseenArrivals + 1
                        """, arguments: [movement.site, movement.day.dayNumber])
                }
            }
        }
    }
}
