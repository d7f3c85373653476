import Foundation
import Model
import Support

/// Reads a time log: CSV with the header `date,author,task,hours,activity` (any order,
/// more columns ignored) and an optional `estimate_hours`. `activity` is `work` or
/// `review`; every row has as many fields as the header. Any bad row is an error naming its
/// line; nothing is stored then.
package enum TimeLog {
    static let required = ["date", "author", "task", "hours", "activity"]

    package static func read(path: String) throws -> [TimeEntry] {
        try IngestionError.checkRegularFile(path, expected: "a CSV file")
        guard let data = FileManager.default.contents(atPath: path) else { throw IngestionError.missingPath(path) }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = UTF8Validation.firstInvalidLine(Array(data)) ?? 1
            throw IngestionError.badRecord(file: path, place: "line \(line)", expected: "UTF-8 text")
        }
        return try parse(text, file: path)
    }

    package static func parse(_ text: String, file: String) throws -> [TimeEntry] {
        let records: [CSV.Record]
        do {
            records = try CSV.parse(text)
        } catch {
            throw IngestionError.badRecord(file: file, place: "line \(error.line)", expected: "CSV (\(error.message))")
        }
        guard let header = records.first else {
            throw IngestionError.badRecord(file: file, place: "line 1", expected: "a header: \(required.joined(separator: ","))")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var columns: [String: Int] = [:]
        for name in required + ["estimate_hours"] { columns[name] = names.firstIndex(of: name) }
        let missing = required.filter { columns[$0] == nil }
        if !missing.isEmpty, let separator = CSV.otherSeparator(header, columns: required) {
            throw IngestionError.badRecord(
                file: file, place: "line \(header.line)",
                expected: "fields separated by commas; the file is separated by \(separator == "\t" ? "tabs" : "'\(separator)'")")
        }
        guard missing.isEmpty else {
            throw IngestionError.badRecord(
                file: file, place: "line \(header.line)",
                expected: "a header with \(required.joined(separator: ",")) (missing: \(missing.joined(separator: ", ")))")
        }
        var entries: [TimeEntry] = []
        for record in records.dropFirst() {
            func cell(_ name: String) -> String {
                guard let column = columns[name], column < record.fields.count else { return "" }
                return record.fields[column].trimmingCharacters(in: .whitespaces)
            }
            func bad(_ expected: String) -> IngestionError {
                .badRecord(file: file, place: "line \(record.line)", expected: expected)
            }
            if let expected = CSV.fieldCountMismatch(record, header: names) { throw bad(expected) }
            let date = cell("date")
            // A day the calendar has: the parser would read 2026-02-30 as 2 March.
            guard date.count == 10, let day = ISODate.seconds(date + "T00:00:00Z"), Timestamp.iso8601(day).hasPrefix(date) else {
                throw bad("a date like 2026-11-02 in 'date', not '\(date)'")
            }
            let author = cell("author")
            guard !author.isEmpty else { throw bad("an author") }
            let task = cell("task")
            guard !task.isEmpty else { throw bad("a task key in 'task'") }
            guard let hours = Double(cell("hours")), hours.isFinite, hours >= 0, hours <= 24 else {
                throw bad("hours between 0 and 24 in 'hours', not '\(cell("hours"))'")
            }
            guard let activity = TimeEntry.Activity(rawValue: cell("activity").lowercased()) else {
                throw bad("'work' or 'review' in 'activity', not '\(cell("activity"))'")
            }
            var estimate: Double?
            if !cell("estimate_hours").isEmpty {
                // One past 50 person-years is a typo (a backtest would forecast from it); 0, as some
                // trackers export "none", is no estimate.
                guard let value = Double(cell("estimate_hours")), value >= 0, value <= TimeEntry.maximumEstimateHours else {
                    throw bad(
                        "a number of hours from 0 to \(Int(TimeEntry.maximumEstimateHours)) in 'estimate_hours', or nothing, "
                            + "not '\(cell("estimate_hours"))'")
                }
                estimate = value > 0 ? value : nil
            }
            entries.append(
                TimeEntry(date: date, author: author, task: task, hours: hours, activity: activity, estimateHours: estimate))
        }
        return entries
    }
}
