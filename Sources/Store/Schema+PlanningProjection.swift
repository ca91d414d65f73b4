import GRDB

extension Schema {
    /// What day-by-day stock projection needs beyond the first planning schema: when each open line is expected.
    static func registerPlanningProjection(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: requisition line expected arrival") { db in
            // Lines raised before this migration were needed by their need-by day: the best estimate of arrival.
            try db.execute(sql: """
                ALTER TABLE requisitionLine ADD COLUMN expectedArrival INTEGER;
                UPDATE requisitionLine SET expectedArrival = needBy;
                """)
        }
    }
}
