import Foundation
import Model
import Support

/// All SQL for tasks and labels. Tasks are stored whole (JSON) beside the columns
/// that filters use; a rebuild writes only the tasks that changed.
package final class TaskStore {
    private let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// What a save changed.
    package struct SaveResult: Sendable, Equatable {
        package var added = 0
        package var changed = 0
        package var removed = 0
        package var unchanged = 0

        package init(added: Int = 0, changed: Int = 0, removed: Int = 0, unchanged: Int = 0) {
            self.added = added
            self.changed = changed
            self.removed = removed
            self.unchanged = unchanged
        }
    }

    /// A digest of everything task building reads — commits and their marks, sessions and their
    /// events and details, labels, pull requests, time entries and aliases — cheap enough to take
    /// on every ingest (aggregates over the large tables, the small ones whole), so that a run with
    /// nothing new rebuilds nothing.
    package func inputDigest() throws -> String {
        let queries = [
            "SELECT count(*), coalesce(sum(reachable), 0), coalesce(max(id), 0), coalesce(sum(lines_added), 0) FROM git_commit",
            "SELECT count(*), coalesce(sum(commit_id), 0), coalesce(sum(length(source) + length(tool) + length(evidence)), 0) FROM ai_mark",
            """
            SELECT count(*), coalesce(max(id), 0), coalesce(sum(coalesce(repository_id, 0)), 0),
                coalesce(sum(length(coalesce(git_branch, '')) + length(coalesce(owner, '')) + length(coalesce(parent_key, ''))), 0)
            FROM session
            """,
            "SELECT count(*), coalesce(sum(time_ms % 1000003), 0) FROM session_event",
            "SELECT count(*), coalesce(sum(count), 0), coalesce(sum(length(value)), 0) FROM session_detail",
            "SELECT coalesce(group_concat(repository_id || ' ' || key || ' ' || first_commit || ' ' || coalesce(category, '') || ' ' || coalesce(ai, ''), char(10)), '') FROM (SELECT * FROM label ORDER BY repository_id, key)",
            "SELECT coalesce(group_concat(repository_id || ' ' || number || ' ' || detail, char(10)), '') FROM (SELECT * FROM pull_request ORDER BY repository_id, number)",
            "SELECT coalesce(group_concat(source || ' ' || position || ' ' || date || ' ' || author || ' ' || task || ' ' || hours || ' ' || activity || ' ' || coalesce(estimate_hours, ''), char(10)), '') FROM (SELECT * FROM time_entry ORDER BY source, position)",
            "SELECT coalesce(group_concat(alias || ' ' || person, char(10)), '') FROM (SELECT * FROM person_alias ORDER BY alias)",
            "SELECT coalesce(group_concat(id || ' ' || root, char(10)), '') FROM (SELECT * FROM repository ORDER BY id)",
        ]
        var text = ""
        for sql in queries {
            try database.prepare(sql).query { row in
                for column in 0..<row.columnCount { text += row.text(column) + "\u{1F}" }
            }
            text += "\n"
        }
        return SHA256.hex(SHA256.hash(Array(text.utf8)))
    }

    /// The fingerprint of the inputs the stored tasks were last built from.
    package func builtFrom() throws -> String? {
        try database.prepare("SELECT value FROM setting WHERE key = 'tasks-built-from'").first([]) { $0.text(0) }
    }

    package func setBuiltFrom(_ fingerprint: String) throws {
        try database.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('tasks-built-from', ?)")
            .execute([.text(fingerprint)])
    }

    /// Makes the stored tasks equal to `tasks`, touching only rows that differ (one transaction).
    package func replaceAll(with tasks: [WorkTask]) throws -> SaveResult {
        let repositoryIDs = Dictionary(
            try database.prepare("SELECT root, id FROM repository").rows { ($0.text(0), $0.int64(1)) },
            uniquingKeysWith: { first, _ in first })
        var stored: [String: String] = [:]
        try database.prepare("SELECT id, detail FROM task").query { stored[$0.text(0)] = $0.text(1) }
        // Encoding is most of a rebuild's cost and each task's is independent: use every core.
        let details = Parallel.map(tasks) { task -> String? in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // Fails only for a non-finite figure; reported below with the task's id.
            return (try? encoder.encode(task)).map { String(decoding: $0, as: UTF8.self) }
        }
        var result = SaveResult()
        try database.transaction {
            let insert = try database.prepare(
                """
                INSERT OR REPLACE INTO task (id, repository_id, key, category, ai, bot, start_time, end_time, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let clearCommits = try database.prepare("DELETE FROM task_commit WHERE task_id = ?")
            let insertCommit = try database.prepare("INSERT OR IGNORE INTO task_commit (task_id, hash) VALUES (?, ?)")
            var seen: Set<String> = []
            for (task, encoded) in zip(tasks, details) {
                guard let repositoryID = repositoryIDs[task.repository], seen.insert(task.id).inserted else { continue }
                guard let detail = encoded else {
                    throw StorageError.corrupt(what: "task \(task.id)", reason: "a figure is not a finite number")
                }
                if let old = stored[task.id] {
                    if old == detail {
                        result.unchanged += 1
                        continue
                    }
                    result.changed += 1
                } else {
                    result.added += 1
                }
                try insert.execute([
                    .text(task.id), .integer(repositoryID), .text(task.key), .text(task.category.rawValue), .bool(task.ai),
                    .bool(task.bot), .integer(task.start), .integer(task.end), .text(detail),
                ])
                try clearCommits.execute([.text(task.id)])
                for commit in task.commits { try insertCommit.execute([.text(task.id), .text(commit.hash)]) }
            }
            let delete = try database.prepare("DELETE FROM task WHERE id = ?")
            for id in stored.keys.sorted() where !seen.contains(id) {
                try delete.execute([.text(id)])
                result.removed += 1
            }
        }
        return result
    }

    /// Every stored task, oldest first (ties by id).
    package func tasks() throws -> [WorkTask] {
        let decoder = JSONDecoder()
        return try database.prepare("SELECT id, detail FROM task ORDER BY start_time, id").rows { row in
            do {
                return try decoder.decode(WorkTask.self, from: Data(row.text(1).utf8))
            } catch {
                throw StorageError.corrupt(what: "task \(row.text(0))", reason: "\(error)")
            }
        }
    }

    /// The bytes of every stored task's detail, read as text but not decoded: what reading the
    /// task table alone costs (the benchmark's floor for a report that loads every task).
    package func taskDetailBytes() throws -> Int {
        var bytes = 0
        try database.prepare("SELECT id, detail FROM task ORDER BY start_time, id").query { row in
            bytes += row.text(0).utf8.count + row.text(1).utf8.count
        }
        return bytes
    }

    /// How many tasks are stored.
    package func taskCount() throws -> Int {
        try database.prepare("SELECT count(*) FROM task").first { $0.int(0) } ?? 0
    }

    // MARK: - Labels

    /// Every label, by repository and key.
    package func labels() throws -> [Label] {
        try database.prepare(
            """
            SELECT r.root, l.key, l.first_commit, l.category, l.ai FROM label l
            JOIN repository r ON r.id = l.repository_id ORDER BY r.root, l.key
            """
        ).rows { row in
            Label(
                repository: row.text(0), key: row.text(1), firstCommit: row.text(2),
                category: row.optionalText(3).flatMap(Category.init(rawValue:)),
                ai: row.isNull(4) ? nil : row.bool(4))
        }
    }

    /// Sets a label's category or AI flag (nil leaves that part as it was).
    package func setLabel(_ label: Label, time: Int64) throws {
        try database.prepare(
            """
            INSERT INTO label (repository_id, key, first_commit, category, ai, updated)
            SELECT id, ?, ?, ?, ?, ? FROM repository WHERE root = ?
            ON CONFLICT(repository_id, key) DO UPDATE SET first_commit = excluded.first_commit,
                category = coalesce(excluded.category, label.category), ai = coalesce(excluded.ai, label.ai),
                updated = excluded.updated
            """
        ).execute([
            .text(label.key), .text(label.firstCommit), .optional(label.category?.rawValue),
            label.ai.map(SQLValue.bool) ?? .null, .integer(time), .text(label.repository),
        ])
    }
}
