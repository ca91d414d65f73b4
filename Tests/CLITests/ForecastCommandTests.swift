import DemoNetwork
import Foundation
import SupplyCastTesting
import SupplyDomain
import Testing

/// The planner's forecast commands, run as the built executable against a real demo store.
@Suite struct ForecastCommandTests {
    static let parameters = DemoParameters(seed: 5, sites: 1, consumables: 24, implants: 4, pharmacyItems: 3,
                                           procedures: 5, historyDays: 120, forwardScheduleDays: 14)

    /// A small demo store with one forecast run, and a configuration file that keeps the debug build quick.
    static func forecastedStore() throws -> (db: TemporaryStore, site: String, config: String) {
        let (db, dataset) = try TemporaryStore.demo(parameters)
        let config = try db.write("forecasting.json", #"{ "simulationPaths": 200 }"#)
        let run = try SupplyCastProcess.run(["forecast", "run", "--db", db.path, "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        return (db, try #require(dataset.sites.first?.id), config)
    }

    static func json(_ output: SupplyCastProcess.Output) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
    }

    @Test("forecast list filters by model, sorts by error and speaks table, json and csv")
    func list() throws {
        let (db, site, _) = try Self.forecastedStore()
        let all = try Self.json(try SupplyCastProcess.run(["forecast", "list", "--db", db.path, "--format", "json", "--limit", "1000"]))
        #expect(!all.isEmpty)
        #expect(all.allSatisfy { $0["site"] as? String == site && $0["model"] is String && $0["mase"] is Double })
        let volumes = all.compactMap { $0["volume"] as? Double }
        #expect(volumes == volumes.sorted(by: >), "default sort is by volume, largest first")

        let model = try #require(all.first?["model"] as? String)
        let filtered = try Self.json(try SupplyCastProcess.run(["forecast", "list", "--db", db.path, "--model", model, "--format", "json", "--limit", "1000"]))
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0["model"] as? String == model })
        #expect(filtered.count == all.filter { $0["model"] as? String == model }.count)

        let byError = try Self.json(try SupplyCastProcess.run(["forecast", "list", "--db", db.path, "--sort", "error", "--format", "json", "--limit", "1000"]))
        let errors = byError.compactMap { $0["mase"] as? Double }
        #expect(errors.count == all.count)
        #expect(errors == errors.sorted(by: >), "worst first: what a planner reviews")

        let csv = try SupplyCastProcess.run(["forecast", "list", "--db", db.path, "--format", "csv", "--limit", "1000"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.lowercased().contains("item") == true)
        #expect(lines.count == all.count + 1)

        let table = try SupplyCastProcess.run(["forecast", "list", "--db", db.path, "--limit", "3"])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").count == 4)
    }

    @Test("forecast show charts history and bands, names the model, its drivers and the baseline's errors")
    func show() throws {
        let (db, site, _) = try Self.forecastedStore()
        let all = try Self.json(try SupplyCastProcess.run(["forecast", "list", "--db", db.path, "--format", "json", "--limit", "1000"]))
        let driven = try #require(all.first { $0["model"] as? String == "DriverRegression" } ?? all.first)
        let item = try #require(driven["item"] as? String)
        let shown = try SupplyCastProcess.run(["forecast", "show", "--db", db.path, "--site", site, "--item", item])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("model \(driven["model"] as? String ?? "")"))
        #expect(shown.stdout.contains("80%") && shown.stdout.contains("95%"))
        #expect(shown.stdout.contains("SeasonalNaive"), "the backtest table compares with seasonal naive")
        if driven["model"] as? String == "DriverRegression" {
            #expect(shown.stdout.contains("what moves the number"))
        }
        let missing = try SupplyCastProcess.run(["forecast", "show", "--db", db.path, "--site", site, "--item", "NO-SUCH-ITEM"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("NO-SUCH-ITEM"))
    }

    @Test("an override is recorded with who, why and until when, shown, exported by planning's rules and cleared")
    func override() throws {
        let (db, site, _) = try Self.forecastedStore()
        let all = try Self.json(try SupplyCastProcess.run(["forecast", "list", "--db", db.path, "--format", "json", "--limit", "1000"]))
        let item = try #require(all.first?["item"] as? String)
        let set = try SupplyCastProcess.run(["forecast", "override", "--db", db.path, "--site", site, "--item", item,
                                             "--factor", "1.5", "--until", "2026-12-31", "--reason", "new ward opens",
                                             "--actor", "planner.jo"])
        #expect(set.status == 0, "\(set.stderr)")
        let shown = try SupplyCastProcess.run(["forecast", "show", "--db", db.path, "--site", site, "--item", item, "--format", "json"])
        let record = try #require(try Self.json(shown).first)
        let override = try #require(record["override"] as? [String: Any])
        #expect(override["factor"] as? Double == 1.5)
        #expect(override["actor"] as? String == "planner.jo")
        #expect(override["reason"] as? String == "new ward opens")
        #expect(override["until"] as? String == "2026-12-31")
        let created = try #require(override["createdAt"] as? String)
        #expect(ISO8601DateFormatter().date(from: created) != nil, "timestamps are ISO 8601, not seconds since 2001")
        let table = try SupplyCastProcess.run(["forecast", "show", "--db", db.path, "--site", site, "--item", item])
        #expect(table.stdout.contains("OVERRIDE") && table.stdout.contains("new ward opens"))
        let days = try #require(record["forecast"] as? [String: Any])["days"] as? [[String: Any]] ?? []
        let model = days.compactMap { $0["mean"] as? Double }.reduce(0, +)
        let planned = try #require(table.stdout.split(separator: "\n").first { $0.contains("planning uses") })
        #expect(planned.contains(String(format: "%.2f", 1.5 * model)), "\(planned) vs 1.5 × \(model)")

        let neither = try SupplyCastProcess.run(["forecast", "override", "--db", db.path, "--site", site, "--item", item])
        #expect(neither.status == 64)
        let cleared = try SupplyCastProcess.run(["forecast", "override", "--db", db.path, "--site", site, "--item", item, "--clear"])
        #expect(cleared.status == 0)
        let after = try #require(try Self.json(try SupplyCastProcess.run(["forecast", "show", "--db", db.path, "--site", site, "--item", item, "--format", "json"])).first)
        #expect(after["override"] == nil || after["override"] is NSNull)
    }

    @Test("forecast accuracy breaks error down by model, site and class; export gives one row per item and day")
    func accuracyAndExport() throws {
        let (db, site, _) = try Self.forecastedStore()
        let accuracy = try Self.json(try SupplyCastProcess.run(["forecast", "accuracy", "--db", db.path, "--format", "json"]))
        let dimensions = Set(accuracy.compactMap { $0["by"] as? String })
        #expect(dimensions.isSuperset(of: ["model", "site"]), "\(dimensions)")
        #expect(accuracy.contains { $0["by"] as? String == "site" && $0["value"] as? String == site })
        let listed = try Self.json(try SupplyCastProcess.run(["forecast", "list", "--db", db.path, "--format", "json", "--limit", "1000"]))
        let export = try SupplyCastProcess.run(["forecast", "export", "--db", db.path, "--format", "csv"])
        let rows = export.stdout.split(separator: "\n")
        #expect(rows.first == "run,site,item,model,day,mean,q50,q80,q90,q95,q99")
        #expect(rows.count - 1 == listed.count * 28, "every item, every day of the 28-day horizon")
    }

    @Test("forecast file: gaps, short and all-zero series are forecast and warned about; bad input names row and column")
    func fileMode() throws {
        let db = try TemporaryStore()
        var rows = ["unique_id,ds,y"]
        for month in 0..<30 {
            let ds = String(format: "%04d-%02d-01", 2022 + month / 12, month % 12 + 1)
            rows.append("steady,\(ds),\(3 + month % 4)")
            if month != 10 { rows.append("gappy,\(ds),\(month % 3)") }
            rows.append("never,\(ds),0")
        }
        rows += ["young,2024-01-01,1", "young,2024-02-01,2", "young,2024-03-01,3"]
        let input = try db.write("series.csv", rows.joined(separator: "\n") + "\n")
        let output = db.folder.appendingPathComponent("out.csv").path
        let run = try SupplyCastProcess.run(["forecast", "file", "--input", input, "--horizon", "4", "--output", output,
                                             "--quantiles", "0.5,0.9"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("gappy: 1 missing monthly value"))
        #expect(run.stderr.contains("never: all 30 observations are zero"))
        #expect(run.stderr.contains("young: only 3 observations"))
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "unique_id,ds,model,mean,q50,q90")
        #expect(lines.count == 1 + 4 * 4)
        #expect(lines.contains { $0.hasPrefix("steady,2024-07-01,") }, "the next month after June 2024")
        #expect(lines.filter { $0.hasPrefix("never,") }.allSatisfy { $0.hasSuffix(",0,0,0") })

        let bad = try db.write("bad.csv", "unique_id,ds,y\nA,2024-01-01,1\nA,2024-02-01,lots\n")
        let rejected = try SupplyCastProcess.run(["forecast", "file", "--input", bad, "--horizon", "2"])
        #expect(rejected.status == 65)
        #expect(rejected.stderr.contains("row 3, column y"))

        let typo = try db.write("typo.json", #"{ "horizon": 28, "poolingWieght": 0.5 }"#)
        let misspelt = try SupplyCastProcess.run(["forecast", "file", "--config", typo, "--input", input, "--horizon", "2"])
        #expect(misspelt.status == 65)
        #expect(misspelt.stderr.contains("unknown setting 'poolingWieght'"))
        #expect(misspelt.stderr.contains("poolingStrength"), "the message lists the settings that exist")
    }

    @Test("serve loads the forecasting configuration it is given, and refuses a broken one before listening")
    func serveReadsConfiguration() throws {
        let db = try TemporaryStore()
        let broken = try db.write("broken.json", #"{ "quantiles": [0.5, 1.5] }"#)
        let serve = try SupplyCastProcess.run(["serve", "--db", db.path, "--port", "0", "--config", broken])
        #expect(serve.status == 65)
        #expect(serve.stderr.contains("quantiles must lie strictly between 0 and 1"))
    }
}
