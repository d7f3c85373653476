import Foundation
import Model

/// All SQL for pull requests and time-log entries.
package final class ReviewStore {
    private let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// What `upsert` did: pull requests new to the database, changed, and the same as stored.
    package struct UpsertCounts: Sendable, Equatable {
        package var new = 0
        package var updated = 0
        package var unchanged = 0
    }

    /// Stores pull requests of one repository, each the latest of what is stored and what is given
    /// (`PullRequest.latest`: an older export read later, or one without some fields, takes
    /// nothing away). One read of the stored ones, one transaction, one statement.
    package func upsert(_ pullRequests: [PullRequest], repositoryID: Int64) throws -> UpsertCounts {
        // (A number given twice is the latest of both, counted once per time it is given.)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let decoder = JSONDecoder()
        return try database.transaction {
            var stored: [Int: (detail: String, pullRequest: PullRequest)] = [:]
            try database.prepare("SELECT number, detail FROM pull_request WHERE repository_id = ?").query([.integer(repositoryID)]) {
                row in
                let detail = row.text(1)
                do {
                    stored[row.int(0)] = (detail, try decoder.decode(PullRequest.self, from: Data(detail.utf8)))
                } catch {
                    throw StorageError.corrupt(what: "pull request #\(row.int(0))", reason: "\(error)")
                }
            }
            let statement = try database.prepare(
                """
                INSERT INTO pull_request (repository_id, number, detail) VALUES (?, ?, ?)
                ON CONFLICT(repository_id, number) DO UPDATE SET detail = excluded.detail
                """)
            var counts = UpsertCounts()
            for pullRequest in pullRequests {
                let before = stored[pullRequest.number]
                let latest = before.map { PullRequest.latest($0.pullRequest, pullRequest) } ?? pullRequest
                let detail = String(decoding: try encoder.encode(latest), as: UTF8.self)
                if before?.detail == detail {
                    counts.unchanged += 1
                    continue
                }
                if before == nil { counts.new += 1 } else { counts.updated += 1 }
                stored[pullRequest.number] = (detail, latest)
                try statement.execute([.integer(repositoryID), .int(pullRequest.number), .text(detail)])
            }
            return counts
        }
    }

    /// Every stored pull request by repository root, by number.
    package func pullRequests() throws -> [String: [PullRequest]] {
        let decoder = JSONDecoder()
        var result: [String: [PullRequest]] = [:]
        try database.prepare(
            "SELECT r.root, p.number, p.detail FROM pull_request p JOIN repository r ON r.id = p.repository_id ORDER BY r.root, p.number"
        ).query { row in
            do {
                result[row.text(0), default: []].append(try decoder.decode(PullRequest.self, from: Data(row.text(2).utf8)))
            } catch {
                throw StorageError.corrupt(what: "pull request #\(row.int(1))", reason: "\(error)")
            }
        }
        return result
    }

    /// Replaces the entries read from `source` (a time log's path) with `entries`. Rows of other
    /// files that equal one of these (date, author, task, hours and activity) go: a tracker's
    /// export downloaded again, a cumulative one or a link to the same file holds the same
    /// entries, which would otherwise count twice.
    /// - Returns: how many rows of other files went, by file.
    @discardableResult
    package func replaceTimeEntries(source: String, with entries: [TimeEntry]) throws -> [String: Int] {
        try database.transaction {
            try database.prepare("DELETE FROM time_entry WHERE source = ?").execute([.text(source)])
            var replaced: [String: Int] = [:]
            let match = "source <> ?1 AND date = ?2 AND author = ?3 AND task = ?4 AND hours = ?5 AND activity = ?6"
            let found = try database.prepare("SELECT source FROM time_entry WHERE \(match)")
            let remove = try database.prepare("DELETE FROM time_entry WHERE \(match)")
            for entry in entries {
                let values: [SQLValue] = [
                    .text(source), .text(entry.date), .text(entry.author), .text(entry.task), .real(entry.hours),
                    .text(entry.activity.rawValue),
                ]
                try found.query(values) { replaced[$0.text(0), default: 0] += 1 }
                try remove.execute(values)
            }
            let insert = try database.prepare(
                """
                INSERT INTO time_entry (source, position, date, author, task, hours, activity, estimate_hours)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, entry) in entries.enumerated() {
                try insert.execute([
                    .text(source), .int(position), .text(entry.date), .text(entry.author), .text(entry.task),
                    .real(entry.hours), .text(entry.activity.rawValue), entry.estimateHours.map(SQLValue.real) ?? .null,
                ])
            }
            return replaced
        }
    }

    /// Every time-log entry, in file and row order.
    package func timeEntries() throws -> [TimeEntry] {
        try database.prepare(
            "SELECT date, author, task, hours, activity, estimate_hours FROM time_entry ORDER BY source, position"
        ).rows { row in
            TimeEntry(
                date: row.text(0), author: row.text(1), task: row.text(2), hours: row.double(3),
                activity: TimeEntry.Activity(rawValue: row.text(4)) ?? .work, estimateHours: row.isNull(5) ? nil : row.double(5))
        }
    }
}
