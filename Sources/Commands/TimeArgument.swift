import Foundation
import Ingestion

/// `--since`/`--until` values: a date (`2026-11-02`, midnight UTC) or an ISO 8601 instant with its
/// zone (`2026-11-02T09:30:00Z`, `…T09:30:00.250+01:00`).
enum TimeArgument {
    /// Milliseconds since 1970 UTC.
    /// - Parameter option: the option as the caller names it (`ArgumentNames.name`: `--since`, or a
    ///   tool's `'since'`), for the message.
    /// - Throws: `UsageError` naming the option and the expected forms, or the day that does not
    ///   exist (`2025-02-30`: Foundation's parser would read it as 2 March).
    static func milliseconds(_ text: String, option: String, command: String) throws -> Int64 {
        guard !isImpossibleDay(text.prefix(10)) else {
            throw UsageError("\(option): \(text.prefix(10)) is no day of the calendar (month 1-12, and a day that month has)", command: command)
        }
        // An instant with its zone, with or without fractional seconds (`…T00:00:00.000Z`, as
        // JavaScript's toISOString and the session logs write it): the ISO reader of ingestion.
        if text.count > 10, let milliseconds = LogTimestamp.milliseconds(iso: text, zoneRequired: true) {
            return milliseconds
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        if text.count == 10, let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        throw UsageError(
            "\(option) expects a date like 2026-11-02 or an instant like 2026-11-02T09:30:00Z or 2026-11-02T09:30:00.000Z, not '\(text)'",
            command: command)
    }

    /// Whether `day` is written `YYYY-MM-DD` but names no day of the calendar: a month outside 1 to
    /// 12, or a day that month does not have (29 February outside leap years).
    static func isImpossibleDay(_ day: Substring) -> Bool {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2], let year = Int(parts[0]), let month = Int(parts[1]),
            let dayOfMonth = Int(parts[2])
        else { return false }  // another form the parser took: nothing to check here
        guard (1...12).contains(month) else { return true }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return !(1...lengths[month - 1]).contains(dayOfMonth)
    }
}
