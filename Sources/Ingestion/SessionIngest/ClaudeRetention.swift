import Foundation

/// Claude Code deletes transcripts older than `cleanupPeriodDays` (default 30).
///
/// When the settings keep logs for 30 days or less, `ingest sessions` warns
/// once per run, so a team knows to ingest on a schedule or raise the setting.
package enum ClaudeRetention {
    /// Claude Code's default retention, in days.
    package static let defaultDays = 30

    /// The retention in force for the settings files found under `configDirectories`
    /// (`settings.json` of each; the smallest value wins, the default when none sets it).
    package static func days(configDirectories: [String]) -> Int {
        var days: [Int] = []
        for directory in configDirectories {
            let path = directory + "/settings.json"
            guard let data = FileManager.default.contents(atPath: path),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }  // no settings, or unreadable ones: Claude Code itself then uses its default
            if let value = object["cleanupPeriodDays"] as? Int { days.append(value) }
        }
        return days.min() ?? defaultDays
    }

    /// The warning to print, or nil when logs are kept longer than 30 days.
    package static func warning(configDirectories: [String]) -> String? {
        let days = days(configDirectories: configDirectories)
        guard days <= defaultDays else { return nil }
        return "warning: Claude Code deletes its session logs after \(days) days (cleanupPeriodDays); "
            + "run 'multiplier ingest sessions' on a schedule (see the README) or raise cleanupPeriodDays"
    }
}
