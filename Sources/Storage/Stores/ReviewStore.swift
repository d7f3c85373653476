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

    /// Replaces the entries read from `source` (a time log's path) with `entries`. Other files'
    /// rows stay: which rows count is decided when they are read (`timeEntries`), so that the
    /// order files are read in does not matter.
    /// - Returns: how many of `entries` each other file holds too (`TimeEntry.equalRows`), by file.
    @discardableResult
    package func replaceTimeEntries(source: String, with entries: [TimeEntry]) throws -> [String: Int] {
        try database.transaction {
            try database.prepare("DELETE FROM time_entry WHERE source = ?").execute([.text(source)])
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
            var equal: [String: Int] = [:]
            for file in try timeEntriesByFile() where file.source != source {
                let count = TimeEntry.equalRows(entries, file.entries)
                if count > 0 { equal[file.source] = count }
            }
            return equal
        }
    }

    /// The time-log entries that count, in file and row order: a row several files hold counts as
    /// often as the file holding it most often has it (`TimeEntry.counted`).
    package func timeEntries() throws -> [TimeEntry] {
        TimeEntry.counted(try timeEntriesByFile())
    }

    /// Every stored time-log entry, by file (sorted by path), each file's in row order.
    package func timeEntriesByFile() throws -> [(source: String, entries: [TimeEntry])] {
        var files: [(source: String, entries: [TimeEntry])] = []
        try database.prepare(
            "SELECT source, date, author, task, hours, activity, estimate_hours FROM time_entry ORDER BY source, position"
        ).query { row in
            let entry = TimeEntry(
                date: row.text(1), author: row.text(2), task: row.text(3), hours: row.double(4),
                activity: TimeEntry.Activity(rawValue: row.text(5)) ?? .work, estimateHours: row.isNull(6) ? nil : row.double(6))
            if files.last?.source == row.text(0) { files[files.count - 1].entries.append(entry) } else { files.append((row.text(0), [entry])) }
        }
        return files
    }
}
