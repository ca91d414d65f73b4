import Delivery
import Foundation
import Testing

@Suite struct RetryScheduleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then dead")
    func specSchedule() {
        let schedule = RetrySchedule.standardWebhooks
        let expected: [TimeInterval] = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400]
        for (index, delay) in expected.enumerated() {
            #expect(schedule.nextAttempt(after: index + 1, from: start, random: 0) == start.addingTimeInterval(delay))
        }
        #expect(schedule.nextAttempt(after: expected.count + 1, from: start, random: 0) == nil)
    }

    @Test("jitter spreads a delay by at most its fraction; a longer Retry-After wins, a shorter one does not")
    func jitterAndRetryAfter() {
        let schedule = RetrySchedule.standardWebhooks
        #expect(schedule.nextAttempt(after: 1, from: start, random: 1) == start.addingTimeInterval(5.5))
        #expect(schedule.nextAttempt(after: 1, from: start, retryAfter: 600, random: 0) == start.addingTimeInterval(600))
        #expect(schedule.nextAttempt(after: 2, from: start, retryAfter: 1, random: 0) == start.addingTimeInterval(300))
    }
}
