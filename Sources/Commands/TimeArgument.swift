import Foundation

/// `--since`/`--until` values: a date (`2026-11-02`, midnight UTC) or an ISO 8601 instant.
enum TimeArgument {
    /// Milliseconds since 1970 UTC.
    /// - Throws: `UsageError` naming the option and the expected forms.
    static func milliseconds(_ text: String, option: String, command: String) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        formatter.formatOptions = [.withFullDate]
        if text.count == 10, let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        throw UsageError(
            "\(option) expects a date like 2026-11-02 or an instant like 2026-11-02T09:30:00Z, not '\(text)'",
            command: command)
    }
}
