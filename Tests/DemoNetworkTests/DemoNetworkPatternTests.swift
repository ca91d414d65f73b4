import DemoNetwork
import Foundation
import SupplyDomain
import Testing

@Suite struct DemoNetworkPatternTests {
    @Test("Admissions are higher on weekdays than at weekends")
    func weekdayPattern() {
        var byDay: [LocalDate: Int] = [:]
        for event in small.events {
            guard case .admission(let change) = event.body, change.kind == .admitted else { continue }
            byDay[event.occurredAt.localDate, default: 0] += 1
        }
        let weekdays = byDay.filter { $0.key.isoWeekday <= 5 }.map(\.value)
        let weekends = byDay.filter { $0.key.isoWeekday >= 6 }.map(\.value)
        let weekdayMean = Double(weekdays.reduce(0, +)) / Double(max(weekdays.count, 1))
        let weekendMean = Double(weekends.reduce(0, +)) / Double(max(weekends.count, 1))
        #expect(weekdayMean > weekendMean * 1.15)
    }

    @Test("Theatre usage rises and falls with completed cases")
    func procedureDrivenUsage() {
        struct Key: Hashable { var site: String; var day: LocalDate }
        var cases: [Key: Double] = [:]
        var used: [Key: Double] = [:]
        for event in small.events {
            let key = Key(site: event.site, day: event.occurredAt.localDate)
            switch event.body {
            case .surgicalCase(let change) where change.kind == .completed:
                cases[key, default: 0] += 1
                used[key, default: 0] += 0
            case .usage(let usage) where usage.location == "OR":
                used[key, default: 0] += usage.quantity
                cases[key, default: 0] += 0
            default:
                break
            }
        }
        let keys = Array(cases.keys)
        let correlation = pearson(keys.map { cases[$0]! }, keys.map { used[$0]! })
        #expect(correlation > 0.9, "correlation \(correlation)")
        // Every theatre use names its case, and the case was completed.
        let completed = Set(small.events.compactMap { event -> String? in
            guard case .surgicalCase(let change) = event.body, change.kind == .completed else { return nil }
            return event.site + "/" + change.caseId
        })
        for event in small.events {
            guard case .usage(let usage) = event.body, usage.location == "OR" else { continue }
            #expect(usage.caseId.map { completed.contains(event.site + "/" + $0) } ?? false)
        }
    }

    @Test("Stays last about four and a half days on average")
    func lengthOfStay() {
        var admitted: [String: LocalDate] = [:]
        var stays: [Int] = []
        for event in small.events {
            guard case .admission(let change) = event.body else { continue }
            switch change.kind {
            case .admitted: admitted[change.encounter] = event.occurredAt.localDate
            case .discharged:
                if let day = admitted[change.encounter] { stays.append(day.distance(to: event.occurredAt.localDate)) }
            default: break
            }
        }
        let mean = Double(stays.reduce(0, +)) / Double(max(stays.count, 1))
        // Stays still open at the end are missing, which pulls the observed mean down a little.
        #expect(mean > 3 && mean < 5.5, "mean stay \(mean)")
    }

    @Test("Stock never goes below zero at any stock point, per item and per lot")
    func stockStaysPositive() {
        struct Point: Hashable { var site: String; var item: String; var location: String; var lot: String? }
        var stock: [Point: Double] = [:]
        var negatives: [Point] = []
        for event in small.events {
            switch event.body {
            case .receipt(let receipt):
                stock[Point(site: event.site, item: receipt.item ?? "", location: receipt.location ?? "", lot: receipt.lot),
                      default: 0] += receipt.quantity
            case .usage(let usage):
                let point = Point(site: event.site, item: usage.item ?? "", location: usage.location ?? "", lot: usage.lot)
                stock[point, default: 0] -= usage.quantity
                if stock[point]! < 0 { negatives.append(point) }
            case .stockCount(let count):
                stock[Point(site: event.site, item: count.item ?? "", location: count.location ?? "", lot: count.lot)] = count.quantity
            default:
                break
            }
        }
        #expect(negatives.isEmpty, "negative at \(negatives.prefix(3))")
    }

    @Test("Every implant serial used was received at that site before")
    func serialsTraceToReceipts() {
        var received: Set<String> = []
        var implantUses = 0
        for event in small.events {
            switch event.body {
            case .receipt(let receipt):
                if let serial = receipt.serial { received.insert(event.site + "/" + serial) }
            case .usage(let usage):
                guard let serial = usage.serial else { continue }
                implantUses += 1
                #expect(received.remove(event.site + "/" + serial) != nil, "serial \(serial) used but not on the shelf")
            default:
                break
            }
        }
        #expect(implantUses > 0)
    }
}

func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    let meanX = x.reduce(0, +) / n
    let meanY = y.reduce(0, +) / n
    var covariance = 0.0
    var varianceX = 0.0
    var varianceY = 0.0
    for (a, b) in zip(x, y) {
        covariance += (a - meanX) * (b - meanY)
        varianceX += (a - meanX) * (a - meanX)
        varianceY += (b - meanY) * (b - meanY)
    }
    return covariance / (varianceX * varianceY).squareRoot()
}
