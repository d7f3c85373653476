import Foundation
import Model
import Support

/// All SQL for tasks and labels. A task is stored as columns (what filters and reports read)
/// and a JSON detail of the rest (`StoredTaskDetail`); a rebuild writes only the tasks that changed.
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
        /// Nothing was saved: what the tasks are built from changed while they were built (another
        /// process stored commits or sessions meanwhile, and builds them again itself).
        package var superseded = false

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
            // A changed .mailmap renames stored commits' people (GitIngestor).
            "SELECT coalesce(group_concat(key || ' ' || value, char(10)), '') FROM (SELECT * FROM setting WHERE key LIKE 'mailmap:%' ORDER BY key)",
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

    /// How many tasks `replaceAll` encodes and writes at a time: enough for every core and for
    /// SQLite's batching, few enough that the encoded JSON of a large history is never all in memory.
    package static let writeChunk = 2_048

    /// Makes the stored tasks equal to `tasks`, touching only rows that differ (one transaction).
    ///
    /// Streams: the tasks are encoded and compared chunk by chunk (`writeChunk`), and a stored
    /// task's detail is read by id when its task comes up, so neither the stored nor the new
    /// details of a whole history are held at once (75,000 commits: some 100 MB each).
    ///
    /// With `inputs` (`inputDigest()` when the build began), nothing is saved when the stored
    /// inputs are no longer those (`SaveResult.superseded`): checked in the write transaction.
    package func replaceAll(with tasks: [WorkTask], builtFrom inputs: String? = nil) throws -> SaveResult {
        let repositoryIDs = Dictionary(
            try database.prepare("SELECT root, id FROM repository").rows { ($0.text(0), $0.int64(1)) },
            uniquingKeysWith: { first, _ in first })
        var result = SaveResult()
        // A first build writes every row: 16 MB of page cache keeps the task tables' indexes in
        // memory. A rebuild mostly reads stored details to compare, which a larger cache would
        // only hold on to (the default's 2 MB).
        let first = try database.prepare("SELECT count(*) FROM task").first { $0.int(0) } == 0
        try database.withPageCache(megabytes: first ? 16 : 2) {
            try database.transaction {
                if let inputs, try inputDigest() != inputs {
                    result.superseded = true
                    return
                }
                // The stored ids are read inside the write transaction: another process (a report run
                // during a first ingest builds the tasks too) may have saved them meanwhile.
                // Only the ids (12 characters: Swift keeps them inline, without an allocation each).
                var storedIDs: Set<String> = []
                try database.prepare("SELECT id FROM task").query { storedIDs.insert($0.text(0)) }
                // A new id is a plain insert: no row to replace, and so no statement journal for one
                // (`OR REPLACE` may delete a row first).
                let insertNew = try database.prepare(
                    """
                    INSERT INTO task (id, detail, \(Self.rowColumns))
                    VALUES (?, ?, \(Array(repeating: "?", count: Self.rowColumnCount).joined(separator: ", ")))
                    """)
                let insert = try database.prepare(
                    """
                    INSERT OR REPLACE INTO task (id, detail, \(Self.rowColumns))
                    VALUES (?, ?, \(Array(repeating: "?", count: Self.rowColumnCount).joined(separator: ", ")))
                    """)
                let storedRow = try database.prepare("SELECT detail, \(Self.rowColumns) FROM task WHERE id = ?")
                // Stored tasks the build no longer has go first: a history whose root commit changed
                // (`git fetch --unshallow`, a rewrite of the root, a subtree of an older project)
                // gives every key a new id, whose row would clash with the old one's key.
                var kept: Set<String> = []
                for task in tasks where repositoryIDs[task.repository] != nil && storedIDs.contains(task.id) { kept.insert(task.id) }
                let delete = try database.prepare("DELETE FROM task WHERE id = ?")
                for id in storedIDs.sorted() where !kept.contains(id) {
                    try delete.execute([.text(id)])
                    result.removed += 1
                }
                storedIDs = kept
                var seen: Set<String> = []
                let chunks = stride(from: 0, to: tasks.count, by: Self.writeChunk).map {
                    $0..<min($0 + Self.writeChunk, tasks.count)
                }
                // Encoding is most of a rebuild's CPU: the next chunk is encoded on the other cores
                // while this one is written.
                var details = chunks.first.map { Self.encode(Array(tasks[$0])) } ?? []
                for (index, range) in chunks.enumerated() {
                    let next = index + 1 < chunks.count
                        ? Parallel.Pending { [chunk = Array(tasks[chunks[index + 1]])] in Self.encode(chunk) } : nil
                    // A write that fails still waits for the encoding it started.
                    defer { if let next { details = next.value() } }
                    for (task, encoded) in zip(tasks[range], details) {
                        guard let repositoryID = repositoryIDs[task.repository], seen.insert(task.id).inserted else { continue }
                        guard let detail = encoded else {
                            throw StorageError.corrupt(what: "task \(task.id)", reason: "a figure is not a finite number")
                        }
                        let columns = Self.rowValues(task, repositoryID: repositoryID)
                        // Rows of ids not yet seen are still as stored: this reads the row before the rebuild.
                        let stored = storedIDs.contains(task.id)
                        if stored {
                            let same = try storedRow.first([.text(task.id)]) { row in
                                row.text(0) == detail
                                    && columns.indices.allSatisfy { row.holds(columns[$0], at: Int32($0 + 1)) }
                            }
                            if same == true {
                                result.unchanged += 1
                                continue
                            }
                            result.changed += 1
                        } else {
                            result.added += 1
                        }
                        try (stored ? insert : insertNew).execute([.text(task.id), .text(detail)] + columns)
                    }
                }
            }
        }
        return result
    }

    /// Each task's detail as stored (sorted keys), on every core; nil for a task with a figure
    /// that is not a finite number.
    private static func encode(_ tasks: [WorkTask]) -> [String?] {
        Parallel.map(tasks) { $0.storedDetail }
    }

    /// Every stored task, oldest first (ties by id).
    package func tasks() throws -> [WorkTask] {
        let decode = try decoder()
        return try database.prepare("SELECT id, detail, \(Self.rowColumns) FROM task ORDER BY start_time, id").rows([], decode)
    }

    /// The columns of a task row beside its id and detail, in the order `rowValues` binds them and
    /// `decoder` reads them (from column 2).
    static let rowColumns = "repository_id, key, category, ai, bot, start_time, end_time, branch, \(figureColumns)"
    static let rowColumnCount = 8 + figureColumnCount

    /// A task's row columns, in `rowColumns`' order.
    static func rowValues(_ task: WorkTask, repositoryID: Int64) -> [SQLValue] {
        [
            .integer(repositoryID), .text(task.key), .text(task.category.rawValue), .bool(task.ai), .bool(task.bot),
            .integer(task.start), .integer(task.end), .optional(task.branch),
        ] + figureValues(task)
    }

    /// Reads a whole task from a row of `id, detail, rowColumns`: its detail decoded, the rest
    /// from the columns. (A detail an earlier build stored holds every field; the columns, written
    /// with it, hold the same.)
    private func decoder() throws -> (Row) throws -> WorkTask {
        let repositories = Dictionary(
            try database.prepare("SELECT id, root FROM repository").rows { ($0.int64(0), $0.text(1)) },
            uniquingKeysWith: { first, _ in first })
        let decoder = JSONDecoder()
        return { row in
            let id = row.text(0)
            let detail: StoredTaskDetail
            do {
                detail = try decoder.decode(StoredTaskDetail.self, from: Data(row.text(1).utf8))
            } catch {
                throw StorageError.corrupt(what: "task \(id)", reason: "\(error)")
            }
            guard let category = Category(rawValue: row.text(4)) else {
                throw StorageError.corrupt(what: "task \(id)", reason: "unknown category '\(row.text(4))'")
            }
            var task = WorkTask(
                id: id, repository: repositories[row.int64(2)] ?? "", key: row.text(3), kind: detail.kind, title: detail.title,
                author: row.text(10), branch: row.optionalText(9), commits: detail.commits, sessions: detail.sessions,
                bot: row.bool(6), category: category, confidence: row.double(11), evidence: detail.evidence,
                classificationNote: detail.classificationNote, labelled: row.bool(12), ai: row.bool(5), aiTools: detail.aiTools,
                aiReasons: detail.aiReasons, effortHours: row.double(14), effortSource: row.text(15), reworkHours: row.double(16),
                activeSeconds: row.int(17), start: row.int64(7), end: row.int64(8), firstCommitTime: detail.firstCommitTime,
                lastCommitTime: detail.lastCommitTime, cycleHours: detail.cycleHours, linesAdded: row.int(18),
                linesDeleted: row.int(19), filesTouched: row.int(20), aiLinesAdded: row.int(21), churnedLines: row.int(22))
            // Column 13, weak_links_only, is derived (`weakLinksOnly(_:)`); the field is the detail's.
            task.aiLabel = detail.aiLabel
            task.weakLinksOnly = detail.weakLinksOnly
            task.pullRequest = row.optionalInt(23)
            task.reviewRounds = row.optionalInt(24)
            task.changeRequests = detail.changeRequests
            task.reviewComments = detail.reviewComments
            task.firstReviewWaitHours = row.optionalDouble(25)
            task.mergeWaitHours = row.optionalDouble(26)
            task.reviewerHours = row.optionalDouble(27)
            task.estimateHours = detail.estimateHours
            return task
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

    // MARK: - Figures

    /// The figure columns a task row carries beside its detail (migration "task figures"), in the
    /// order `figureValues` binds them; the covering index `task_figures` holds them all.
    static let figureColumns = """
        author, confidence, labelled, weak_links_only, effort_hours, effort_source, rework_hours, active_seconds, \
        lines_added, lines_deleted, files_touched, ai_lines_added, churned_lines, pull_request, review_rounds, \
        first_review_wait_hours, merge_wait_hours, reviewer_hours
        """
    static let figureColumnCount = 18

    /// A task's figure columns, in `figureColumns`' order.
    static func figureValues(_ task: WorkTask) -> [SQLValue] {
        [
            .text(task.author), .real(task.confidence), .bool(task.labelled), .bool(Self.weakLinksOnly(task)),
            .real(task.effortHours), .text(task.effortSource), .real(task.reworkHours), .integer(Int64(task.activeSeconds)),
            .integer(Int64(task.linesAdded)), .integer(Int64(task.linesDeleted)), .integer(Int64(task.filesTouched)),
            .integer(Int64(task.aiLinesAdded)), .integer(Int64(task.churnedLines)), task.pullRequest.map { .integer(Int64($0)) } ?? .null,
            task.reviewRounds.map { .integer(Int64($0)) } ?? .null, task.firstReviewWaitHours.map(SQLValue.real) ?? .null,
            task.mergeWaitHours.map(SQLValue.real) ?? .null, task.reviewerHours.map(SQLValue.real) ?? .null,
        ]
    }

    /// `WorkTask.aiOnWeakEvidenceOnly` without its `ai`: what the evidence floor needs to know of a
    /// task's links, which its figures alone do not carry.
    static func weakLinksOnly(_ task: WorkTask) -> Bool {
        var whole = task
        whole.ai = true
        whole.weakLinksOnly = nil
        return whole.aiOnWeakEvidenceOnly
    }

    /// Every stored task's figures, oldest first (ties by id), as `tasks()` orders them: read from
    /// the covering index `task_figures`, with no detail decoded. Each is a `WorkTask` with the
    /// figures reports compute from (`RetroAnalysis`, `Weekly`, `PersonFigures`, coverage) and
    /// nothing else: no title, commits, sessions, evidence or reasons (`tasks(ids:)` and
    /// `tasks(endingFrom:before:)` load those where a report shows them).
    /// The sessions linked to the stored tasks of `authors`, by tool and id, read from the tasks'
    /// details in SQL (what `figures()` leaves out).
    package func linkedSessions(authors: Set<String>) throws -> [(author: String, tool: String, id: String)] {
        guard !authors.isEmpty else { return [] }
        let list = Array(repeating: "?", count: authors.count).joined(separator: ", ")
        return try database.prepare(
            """
            SELECT t.author, json_extract(s.value, '$.tool'), json_extract(s.value, '$.id')
            FROM task t, json_each(t.detail, '$.sessions') s
            WHERE t.active_seconds > 0 AND t.author IN (\(list))
            """
        ).rows(authors.sorted().map { .text($0) }) { ($0.text(0), $0.text(1), $0.text(2)) }
    }

    package func figures() throws -> [WorkTask] {
        let repositories = Dictionary(
            try database.prepare("SELECT id, root FROM repository").rows { ($0.int64(0), $0.text(1)) },
            uniquingKeysWith: { first, _ in first })
        // The few tasks with a branch (prototype branches are left out of the speedups), by their index.
        let branches = Dictionary(
            try database.prepare("SELECT id, branch FROM task INDEXED BY task_branch WHERE branch IS NOT NULL").rows {
                ($0.text(0), $0.text(1))
            }, uniquingKeysWith: { first, _ in first })
        return try database.prepare(
            """
            SELECT id, repository_id, start_time, end_time, category, ai, bot, \(Self.figureColumns)
            FROM task INDEXED BY task_figures ORDER BY start_time, id
            """
        ).rows { row in
            let id = row.text(0)
            guard let category = Category(rawValue: row.text(4)) else {
                throw StorageError.corrupt(what: "task \(id)", reason: "unknown category '\(row.text(4))'")
            }
            var task = WorkTask(
                id: id, repository: repositories[row.int64(1)] ?? "", key: "", kind: .burst, title: "", author: row.text(7),
                branch: branches[id], commits: [], bot: row.bool(6), category: category, confidence: row.double(8), labelled: row.bool(9),
                ai: row.bool(5), effortHours: row.double(11), effortSource: row.text(12), reworkHours: row.double(13),
                activeSeconds: row.int(14), start: row.int64(2), end: row.int64(3), linesAdded: row.int(15),
                linesDeleted: row.int(16), filesTouched: row.int(17), aiLinesAdded: row.int(18), churnedLines: row.int(19))
            task.weakLinksOnly = row.bool(10)
            task.pullRequest = row.optionalInt(20)
            task.reviewRounds = row.optionalInt(21)
            task.firstReviewWaitHours = row.isNull(22) ? nil : row.double(22)
            task.mergeWaitHours = row.isNull(23) ? nil : row.double(23)
            task.reviewerHours = row.isNull(24) ? nil : row.double(24)
            return task
        }
    }

    /// The whole stored tasks with these ids, oldest first (ties by id); unknown ids are left out.
    package func tasks(ids: [String]) throws -> [WorkTask] {
        let statement = try database.prepare("SELECT id, detail, \(Self.rowColumns) FROM task WHERE id = ?")
        let decode = try decoder()
        var found: [WorkTask] = []
        for id in Set(ids).sorted() {
            if let task = try statement.first([.text(id)], decode) { found.append(task) }
        }
        return found.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    /// The whole stored tasks that ended in `[from, before)` (from `from` on when `before` is nil),
    /// oldest first (ties by id), by the `task_end` index.
    package func tasks(endingFrom from: Int64, before: Int64?) throws -> [WorkTask] {
        let decode = try decoder()
        return try database.prepare(
            "SELECT id, detail, \(Self.rowColumns) FROM task WHERE end_time >= ?1 AND (?2 IS NULL OR end_time < ?2) ORDER BY start_time, id"
        ).rows([.integer(from), before.map { .integer($0) } ?? .null], decode)
    }

    /// Every stored task's key (`SHOP-12`, `PR #7`, `burst 1a2b…`), its branch and pull request where it
    /// has them, its repository's root and its span (start and end time), by key.
    package func names() throws -> [(key: String, branch: String?, pullRequest: Int?, repository: String, start: Int64, end: Int64)] {
        try database.prepare(
            """
            SELECT t.key, t.branch, t.pull_request, r.root, t.start_time, t.end_time
            FROM task t JOIN repository r ON r.id = t.repository_id ORDER BY t.key, r.root
            """
        ).rows { ($0.text(0), $0.optionalText(1), $0.optionalInt(2), $0.text(3), $0.int64(4), $0.int64(5)) }
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
