import Foundation

/// An ISO 8601 week (Monday to Sunday, UTC), written `2026-W47`.
package struct ISOWeek: Sendable, Equatable, Comparable, CustomStringConvertible {
    package var year: Int
    package var week: Int

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }

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

    /// The week an instant (seconds since 1970) falls in.
    package init(containing seconds: Int64) {
        let components = Self.calendar.dateComponents(
            [.yearForWeekOfYear, .weekOfYear], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        self.init(year: components.yearForWeekOfYear ?? 1970, week: components.weekOfYear ?? 1)
    }

    /// Monday 00:00 UTC, seconds since 1970.
    package var start: Int64 {
        var components = DateComponents()
        components.yearForWeekOfYear = year
        components.weekOfYear = week
        components.weekday = 2
        let date = Self.calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
        return Int64(date.timeIntervalSince1970)
    }

    /// The next Monday 00:00 UTC.
    package var end: Int64 { start + 7 * 86_400 }

    package func adding(weeks: Int) -> ISOWeek { ISOWeek(containing: start + Int64(weeks) * 7 * 86_400 + 3600) }

    /// The last week that has ended before `now`.
    package static func lastComplete(before now: Int64) -> ISOWeek { ISOWeek(containing: now).adding(weeks: -1) }

    package var description: String { String(format: "%04d-W%02d", year, week) }

    package static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { (lhs.year, lhs.week) < (rhs.year, rhs.week) }
}
