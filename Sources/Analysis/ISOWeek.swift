/// An ISO 8601 week (Monday to Sunday, UTC), written `2026-W47`.
///
/// Computed with integer arithmetic on the proleptic Gregorian calendar rather than through
/// Foundation's `Calendar`, which cost a retro of 100,000 tasks a tenth of its time (one week
/// per task); a test checks it against `Calendar` over four centuries.
package struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var year: Int
    package var week: Int

    package init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// `2026-W47` (or `2026-w47`); nil for anything else, or a week the year does not have.
    package init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[1].hasPrefix("W"), let year = Int(parts[0]), let week = Int(parts[1].dropFirst()),
            parts[0].count == 4, (1...53).contains(week)
        else { return nil }
        self.init(year: year, week: week)
        guard ISOWeek(containing: start).week == week else { return nil }
    }

    /// The week an instant (seconds since 1970) falls in: the week of the Thursday of its week.
    package init(containing seconds: Int64) {
        let day = Self.floorDivide(Int(seconds), 86_400)
        let thursday = day - Self.daysSinceMonday(day) + 3
        let year = Self.year(ofDay: thursday)
        self.init(year: year, week: (thursday - Self.day(year: year, month: 1, day: 1)) / 7 + 1)
    }

    /// Monday 00:00 UTC, seconds since 1970 (week 1 is the one holding 4 January).
    package var start: Int64 {
        let fourth = Self.day(year: year, month: 1, day: 4)
        return Int64(fourth - Self.daysSinceMonday(fourth) + (week - 1) * 7) * 86_400
    }

    /// The next Monday 00:00 UTC.
    package var end: Int64 { start + 7 * 86_400 }

    package func adding(weeks: Int) -> ISOWeek { ISOWeek(containing: start + Int64(weeks) * 7 * 86_400 + 3600) }

    /// The last week that has ended before `now`.
    package static func lastComplete(before now: Int64) -> ISOWeek { ISOWeek(containing: now).adding(weeks: -1) }

    package var description: String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + (week < 10 ? "-W0" : "-W") + String(week)
    }

    package static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { (lhs.year, lhs.week) < (rhs.year, rhs.week) }

    // Days since 1970-01-01 and civil dates, after Howard Hinnant's `days_from_civil` and
    // `civil_from_days` (eras of 400 years, years starting in March).

    /// Days since 1970-01-01 of a date.
    static func day(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = floorDivide(shifted, 400)
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// The calendar year of a day counted from 1970-01-01.
    static func year(ofDay day: Int) -> Int {
        let shifted = day + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        // Days from 1 March: January and February (306 on) belong to the next calendar year.
        return yearOfEra + era * 400 + (dayOfYear >= 306 ? 1 : 0)
    }

    /// 0 for a Monday … 6 for a Sunday (1970-01-01 was a Thursday).
    static func daysSinceMonday(_ day: Int) -> Int { (day + 3) - floorDivide(day + 3, 7) * 7 }

    /// Division rounding down (Swift's rounds toward zero), without negating `value` (Int.min has no negation).
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
