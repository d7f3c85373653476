import Model
import Support

/// All SQL for repositories, commits, file changes, trailers and AI marks.
package final class CommitStore {
    private let database: Database
    private var insertCommit: Statement?
    private var insertFile: Statement?
    private var insertTrailer: Statement?
    private var insertMark: Statement?
    private var markReachable: Statement?
    private var updateIdentity: Statement?

    package init(database: Database) {
        self.database = database
    }

    // MARK: - Repositories

    /// The repository stored for `root`, creating or updating its row.
    package func upsertRepository(root: String, origin: String?, name: String) throws -> Repository {
        try database.prepare(
            """
            INSERT INTO repository (root, origin, name) VALUES (?, ?, ?)
            ON CONFLICT(root) DO UPDATE SET origin = excluded.origin, name = excluded.name
            """
        ).execute([.text(root), .optional(origin), .text(name)])
        guard let repository = try repository(root: root) else {
            throw StorageError.sqlite(SQLiteError(code: 0, message: "repository row vanished"), during: "upsert")
        }
        return repository
    }

    /// The repository stored for `root`, if any.
    package func repository(root: String) throws -> Repository? {
        try database.prepare("SELECT id, root, origin, name, last_ingest FROM repository WHERE root = ?")
            .first([.text(root)], Self.repository)
    }

    /// Every stored repository, by root path.
    package func repositories() throws -> [Repository] {
        try database.prepare("SELECT id, root, origin, name, last_ingest FROM repository ORDER BY root")
            .rows([], Self.repository)
    }

    /// Each repository's history, by repository id: its first root commit (the least hash of its
    /// reachable commits without parents), as task ids take it (`TaskBuilder`). Checkouts of one
    /// history (a second clone, a worktree, a folder moved) share it; a repository without commits
    /// has none.
    package func historyIdentities() throws -> [Int64: String] {
        Dictionary(
            try database.prepare(
                "SELECT repository_id, min(hash) FROM git_commit WHERE reachable = 1 AND parents = '' GROUP BY repository_id"
            ).rows { ($0.int64(0), $0.text(1)) },
            uniquingKeysWith: { first, _ in first })
    }

    private static func repository(_ row: Row) -> Repository {
        Repository(
            id: row.int64(0), root: row.text(1), origin: row.optionalText(2), name: row.text(3),
            lastIngest: row.optionalInt64(4))
    }

    /// The UTC offset (minutes) to read a log's local times in: that of the author of the commits
    /// it names (hash prefixes), else the most common author offset of the repository's commits
    /// within `window` seconds of `time`; nil when neither has a commit.
    package func authorOffset(
        repositoryID: Int64, commitPrefixes: [String], near time: Int64, window: Int64, ownerEmails: Set<String> = []
    ) throws -> Int? {
        var counts: [Int: Int] = [:]
        let named = try database.prepare(
            "SELECT author_offset FROM git_commit WHERE repository_id = ? AND hash >= ? AND hash < ? LIMIT 2")
        for prefix in commitPrefixes where prefix.count >= 7 {
            let offsets = try named.rows([.integer(repositoryID), .text(prefix), .text(prefix + "~")]) { $0.int(0) }
            if offsets.count == 1 { counts[offsets[0], default: 0] += 1 }
        }
        // Else the session's owner's own commits around it (a team across time zones), else everyone's.
        if counts.isEmpty && !ownerEmails.isEmpty {
            let statement = try database.prepare(
                """
                SELECT author_offset, count(*) FROM git_commit
                WHERE repository_id = ? AND author_time BETWEEN ? AND ? AND lower(author_email) = ?
                GROUP BY author_offset
                """)
            for email in ownerEmails.sorted() {
                try statement.query([.integer(repositoryID), .integer(time - window), .integer(time + window), .text(email)]) { row in
                    counts[row.int(0), default: 0] += row.int(1)
                }
            }
        }
        if counts.isEmpty {
            try database.prepare(
                """
                SELECT author_offset, count(*) FROM git_commit WHERE repository_id = ? AND author_time BETWEEN ? AND ?
                GROUP BY author_offset
                """
            ).query([.integer(repositoryID), .integer(time - window), .integer(time + window)]) { row in
                counts[row.int(0)] = row.int(1)
            }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// Records when the repository was last ingested.
    package func setLastIngest(repositoryID: Int64, time: Int64) throws {
        try database.prepare("UPDATE repository SET last_ingest = ? WHERE id = ?")
            .execute([.integer(time), .integer(repositoryID)])
    }

    /// The ref tips the last ingest read.
    package func tips(repositoryID: Int64) throws -> [String] {
        try database.prepare("SELECT hash FROM repository_tip WHERE repository_id = ? ORDER BY hash")
            .rows([.integer(repositoryID)]) { $0.text(0) }
    }

    /// Replaces the remembered ref tips.
    package func setTips(repositoryID: Int64, tips: [String]) throws {
        try database.prepare("DELETE FROM repository_tip WHERE repository_id = ?").execute([.integer(repositoryID)])
        let insert = try database.prepare("INSERT OR IGNORE INTO repository_tip (repository_id, hash) VALUES (?, ?)")
        for tip in tips { try insert.execute([.integer(repositoryID), .text(tip)]) }
    }

    // MARK: - Commits

    /// Stores `commit` unless the repository has it already (then only marks it reachable again).
    ///
    /// Call inside a transaction; statements are prepared once and reused.
    /// - Returns: whether the commit was new.
    @discardableResult
    package func insert(_ commit: Commit, repositoryID: Int64) throws -> Bool {
        let insertCommit = try statement(\.insertCommit) {
            """
            INSERT INTO git_commit (repository_id, hash, parents, author_name, author_email, author_time,
                author_offset, committer_name, committer_email, committer_time, subject, body, is_merge, is_bot,
                lines_added, lines_deleted)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(repository_id, hash) DO NOTHING
            """
        }
        try insertCommit.execute([
            .integer(repositoryID), .text(commit.hash), .text(commit.parents.joined(separator: " ")),
            .text(commit.authorName), .text(commit.authorEmail), .integer(commit.authorTime),
            .int(commit.authorOffsetMinutes), .text(commit.committerName), .text(commit.committerEmail),
            .integer(commit.committerTime), .text(commit.subject), .text(commit.body), .bool(commit.isMerge),
            .bool(commit.isBot), .int(commit.linesAdded), .int(commit.linesDeleted),
        ])
        guard database.changes == 1 else {
            try statement(\.markReachable) {
                "UPDATE git_commit SET reachable = 1 WHERE repository_id = ? AND hash = ? AND reachable = 0"
            }.execute([.integer(repositoryID), .text(commit.hash)])
            return false
        }
        let commitID = database.lastInsertRowID
        try insertFiles(commit.files, commitID: commitID)
        let insertTrailer = try statement(\.insertTrailer) {
            "INSERT INTO commit_trailer (commit_id, position, key, value) VALUES (?, ?, ?, ?)"
        }
        for (position, trailer) in commit.trailers.enumerated() {
            try insertTrailer.execute([.integer(commitID), .int(position), .text(trailer.key), .text(trailer.value)])
        }
        for mark in commit.aiMarks {
            try insertMark(commitID: commitID, mark: mark)
        }
        return true
    }

    /// Replaces a stored commit's files and line counts with `commit`'s: a shallow clone's boundary
    /// commit, stored without files, whose parents a `git fetch --unshallow` (or `--deepen`) brought.
    /// Call inside a transaction.
    package func replaceFiles(_ commit: Commit, repositoryID: Int64) throws {
        guard let commitID = try database.prepare("SELECT id FROM git_commit WHERE repository_id = ? AND hash = ?")
            .first([.integer(repositoryID), .text(commit.hash)], { $0.int64(0) })
        else { return }
        try database.prepare("DELETE FROM file_change WHERE commit_id = ?").execute([.integer(commitID)])
        // Its parents too: stored as a boundary it had none, and a merge was not one.
        try database.prepare("UPDATE git_commit SET lines_added = ?, lines_deleted = ?, parents = ?, is_merge = ? WHERE id = ?")
            .execute([
                .int(commit.linesAdded), .int(commit.linesDeleted), .text(commit.parents.joined(separator: " ")),
                .bool(commit.isMerge), .integer(commitID),
            ])
        try insertFiles(commit.files, commitID: commitID)
    }

    /// A shallow clone's boundary commits as the last ingest found them (empty for a whole history).
    package func shallowBoundaries(repositoryID: Int64) throws -> Set<String> {
        let value = try database.prepare("SELECT value FROM setting WHERE key = ?")
            .first([.text("shallow-boundaries:\(repositoryID)")]) { $0.text(0) }
        return Set((value ?? "").split(separator: " ").map(String.init))
    }

    package func setShallowBoundaries(repositoryID: Int64, _ boundaries: Set<String>) throws {
        let key = "shallow-boundaries:\(repositoryID)"
        if boundaries.isEmpty {
            try database.prepare("DELETE FROM setting WHERE key = ?").execute([.text(key)])
        } else {
            try database.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)")
                .execute([.text(key), .text(boundaries.sorted().joined(separator: " "))])
        }
    }

    private func insertFiles(_ files: [FileChange], commitID: Int64) throws {
        let insertFile = try statement(\.insertFile) {
            "INSERT INTO file_change (commit_id, path, old_path, lines_added, lines_deleted) VALUES (?, ?, ?, ?, ?)"
        }
        for file in files {
            try insertFile.execute([
                .integer(commitID), .text(file.path), .optional(file.oldPath), .optional(file.linesAdded),
                .optional(file.linesDeleted),
            ])
        }
    }

    private func insertMark(commitID: Int64, mark: AIMark) throws {
        try statement(\.insertMark) {
            "INSERT OR IGNORE INTO ai_mark (commit_id, tool, source, evidence) VALUES (?, ?, ?, ?)"
        }.execute([.integer(commitID), .text(mark.tool), .text(Self.source(mark.basis)), .text(mark.evidence)])
    }

    /// `ai_mark.source` for a basis: `author`, `message`, `committer` or `git-ai` (migration 7).
    static func source(_ basis: AIMark.Basis) -> String { basis == .note ? "git-ai" : basis.rawValue }

    static func basis(source: String) -> AIMark.Basis {
        source == "git-ai" ? .note : AIMark.Basis(rawValue: source) ?? .message
    }

    /// Replaces the AI marks that came from git notes with `marks` (commit hash → marks).
    /// - Returns: how many stored commits carry a note mark now.
    @discardableResult
    package func replaceNoteMarks(repositoryID: Int64, marks: [String: [AIMark]]) throws -> Int {
        try database.prepare(
            """
            DELETE FROM ai_mark WHERE source = 'git-ai'
              AND commit_id IN (SELECT id FROM git_commit WHERE repository_id = ?)
            """
        ).execute([.integer(repositoryID)])
        let lookup = try database.prepare("SELECT id FROM git_commit WHERE repository_id = ? AND hash = ?")
        var marked = 0
        for (hash, commitMarks) in marks.sorted(by: { $0.key < $1.key }) {
            guard let commitID = try lookup.first([.integer(repositoryID), .text(hash)], { $0.int64(0) }) else {
                continue
            }
            marked += 1
            for mark in commitMarks { try insertMark(commitID: commitID, mark: AIMark(tool: mark.tool, evidence: mark.evidence, basis: .note)) }
        }
        return marked
    }

    /// What the repository's `.mailmap` was when its commits' identities were last read (nil: never
    /// recorded, before the mailmap was watched).
    package func mailmapState(repositoryID: Int64) throws -> String? {
        try database.prepare("SELECT value FROM setting WHERE key = ?").first([.text("mailmap:\(repositoryID)")]) { $0.text(0) }
    }

    package func setMailmapState(repositoryID: Int64, _ state: String) throws {
        try database.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)")
            .execute([.text("mailmap:\(repositoryID)"), .text(state)])
    }

    /// Sets a stored commit's author and committer as a changed `.mailmap` now maps them; returns
    /// whether they changed. Call inside a transaction.
    @discardableResult
    package func updateIdentity(
        repositoryID: Int64, hash: String, author: (name: String, email: String), committer: (name: String, email: String),
        isBot: Bool
    ) throws -> Bool {
        let update = try statement(\.updateIdentity) {
            """
            UPDATE git_commit SET author_name = ?1, author_email = ?2, committer_name = ?3, committer_email = ?4, is_bot = ?5
            WHERE repository_id = ?6 AND hash = ?7
                AND (author_name != ?1 OR author_email != ?2 OR committer_name != ?3 OR committer_email != ?4)
            """
        }
        try update.execute([
            .text(author.name), .text(author.email), .text(committer.name), .text(committer.email), .bool(isBot),
            .integer(repositoryID), .text(hash),
        ])
        return database.changes == 1
    }

    /// Marks the given commits as no longer reachable from the ingested refs.
    package func markUnreachable(repositoryID: Int64, hashes: [String]) throws {
        let update = try database.prepare("UPDATE git_commit SET reachable = 0 WHERE repository_id = ? AND hash = ?")
        for hash in hashes { try update.execute([.integer(repositoryID), .text(hash)]) }
    }

    /// The hashes of the repository's stored commits still counted as reachable.
    package func reachableHashes(repositoryID: Int64) throws -> [String] {
        try database.prepare("SELECT hash FROM git_commit WHERE repository_id = ? AND reachable = 1")
            .rows([.integer(repositoryID)]) { $0.text(0) }
    }

    /// How many reachable commits the repository has stored.
    package func commitCount(repositoryID: Int64) throws -> Int {
        try database.prepare("SELECT count(*) FROM git_commit WHERE repository_id = ? AND reachable = 1")
            .first([.integer(repositoryID)]) { $0.int(0) } ?? 0
    }

    /// How much of each commit's message `commits(repositoryID:messages:)` reads.
    package enum Messages: Sendable {
        /// Subject, body and trailers of every commit.
        case full
        /// Subjects of every commit, bodies of merge commits (where grouping reads a pull request's
        /// number and title) and of cherry-picks (`-x`) only, no trailers: what task building reads. On a large history
        /// the bodies and trailers of ordinary commits are most of the text and none of the tasks.
        case mergeBodies
    }

    /// Every reachable commit of a repository with its files, trailers and marks, oldest first.
    ///
    /// Names, emails, paths, tools and parent hashes are interned (`StringInterner`): equal
    /// strings share one buffer, so a long history holds each distinct one once.
    package func commits(repositoryID: Int64, messages: Messages = .full) throws -> [Commit] {
        // The repository's rows lie between its first and last commit's ids (each ingest appends):
        // every table is read by id over that range, in the order it is stored, with no sort in
        // SQLite (a sort of the whole history's rows took half of a large history's read-back).
        // (From the repository's index alone: its unreachable commits too, which the reads skip.)
        guard
            let (first, last, count) = try database.prepare(
                "SELECT min(id), max(id), count(*) FROM git_commit WHERE repository_id = ?"
            ).first([.integer(repositoryID)], { row in row.isNull(0) ? nil : (row.int64(0), row.int64(1), row.int(2)) }) ?? nil
        else { return [] }
        let ids: [SQLValue] = [.integer(first), .integer(last)]
        var strings = StringInterner()
        // A cherry-pick's body too: its `(cherry picked from commit …)` line says it copies another.
        let body = messages == .full
            ? "body" : "CASE WHEN is_merge OR instr(body, '(cherry picked from commit ') > 0 THEN body ELSE '' END"
        // As many as will be read (and the few unreachable): no doubling, no slack of up to half the history.
        var rows: [(id: Int64, commit: Commit)] = []
        rows.reserveCapacity(count)
        try database.prepare(
            """
            SELECT id, hash, parents, author_name, author_email, author_time, author_offset, committer_name,
                committer_email, committer_time, subject, \(body), is_bot
            FROM git_commit WHERE id BETWEEN ?1 AND ?2 AND +repository_id = ?3 AND reachable = 1 ORDER BY id
            """
        ).query(ids + [.integer(repositoryID)]) { row in
            rows.append(
                (
                    row.int64(0),
                    Commit(
                        hash: strings.intern(row.text(1)),
                        parents: row.text(2).split(separator: " ").map { strings.intern(String($0)) },
                        authorName: strings.intern(row.text(3)), authorEmail: strings.intern(row.text(4)),
                        authorTime: row.int64(5), authorOffsetMinutes: row.int(6),
                        committerName: strings.intern(row.text(7)), committerEmail: strings.intern(row.text(8)),
                        committerTime: row.int64(9), subject: row.text(10), body: row.text(11), isBot: row.bool(12))
                ))
        }
        // Oldest first by commit time, in the order stored where times tie.
        rows.sort { ($0.commit.committerTime, $0.id) < ($1.commit.committerTime, $1.id) }
        var position: [Int64: Int] = [:]
        position.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() { position[row.id] = index }
        var commits = rows.map(\.commit)
        rows = []
        // Each commit's files, trailers and marks go straight into it (no table by commit id
        // beside the commits); rows of other repositories' and unreachable commits have no
        // position and are skipped. A commit's files (one run of rows: they are inserted together,
        // and the index keeps them in that order) are gathered in a reused buffer and added at
        // once, so each list is allocated at its size, without growth's slack.
        var pending: [FileChange] = []
        var pendingIndex = -1
        func flushFiles() {
            guard pendingIndex >= 0, !pending.isEmpty else { return }
            commits[pendingIndex].files.append(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
        }
        try database.prepare(
            """
            SELECT commit_id, path, old_path, lines_added, lines_deleted FROM file_change
            WHERE commit_id BETWEEN ? AND ? ORDER BY commit_id
            """
        ).query(ids) { row in
            guard let index = position[row.int64(0)] else { return }
            if index != pendingIndex {
                flushFiles()
                pendingIndex = index
            }
            pending.append(
                FileChange(
                    path: strings.intern(row.text(1)), oldPath: strings.intern(row.optionalText(2)),
                    linesAdded: row.optionalInt(3), linesDeleted: row.optionalInt(4)))
        }
        flushFiles()
        if messages == .full {
            try database.prepare(
                """
                SELECT commit_id, key, value FROM commit_trailer
                WHERE commit_id BETWEEN ? AND ? ORDER BY commit_id, position
                """
            ).query(ids) { row in
                guard let index = position[row.int64(0)] else { return }
                commits[index].trailers.append(Trailer(key: strings.intern(row.text(1)), value: row.text(2)))
            }
        }
        try database.prepare(
            """
            SELECT commit_id, tool, evidence, source FROM ai_mark
            WHERE commit_id BETWEEN ? AND ? ORDER BY commit_id, tool, source
            """
        ).query(ids) { row in
            guard let index = position[row.int64(0)] else { return }
            commits[index].aiMarks.append(
                AIMark(tool: strings.intern(row.text(1)), evidence: row.text(2), basis: Self.basis(source: row.text(3))))
        }
        return commits
    }

    /// The reachable commits of a repository that touch a path matching one of `patterns` (SQL
    /// `LIKE`, bound), with only those files, oldest first: a narrow read for histories of a few
    /// files (the assistants' context files) that does not load the whole history.
    package func commits(repositoryID: Int64, touchingPathsLike patterns: [String]) throws -> [Commit] {
        guard !patterns.isEmpty else { return [] }
        let matches = patterns.indices.map { "f.path LIKE ?\($0 + 2) OR f.old_path LIKE ?\($0 + 2)" }.joined(separator: " OR ")
        var files: [Int64: [FileChange]] = [:]
        try database.prepare(
            """
            SELECT f.commit_id, f.path, f.old_path, f.lines_added, f.lines_deleted FROM file_change f
            JOIN git_commit c ON c.id = f.commit_id WHERE c.repository_id = ?1 AND c.reachable = 1 AND (\(matches))
            ORDER BY f.rowid
            """
        ).query([.integer(repositoryID)] + patterns.map { .text($0) }) { row in
            files[row.int64(0), default: []].append(
                FileChange(
                    path: row.text(1), oldPath: row.optionalText(2), linesAdded: row.optionalInt(3),
                    linesDeleted: row.optionalInt(4)))
        }
        guard !files.isEmpty else { return [] }
        let select = try database.prepare(
            """
            SELECT hash, parents, author_name, author_email, author_time, author_offset, committer_name,
                committer_email, committer_time, subject, body, is_bot FROM git_commit WHERE id = ?
            """)
        var commits: [Commit] = []
        for (id, changed) in files.sorted(by: { $0.key < $1.key }) {
            if let commit = try select.first([.integer(id)], { row in
                Commit(
                    hash: row.text(0), parents: row.text(1).split(separator: " ").map(String.init),
                    authorName: row.text(2), authorEmail: row.text(3), authorTime: row.int64(4),
                    authorOffsetMinutes: row.int(5), committerName: row.text(6), committerEmail: row.text(7),
                    committerTime: row.int64(8), subject: row.text(9), body: row.text(10), files: changed,
                    isBot: row.bool(11))
            }) { commits.append(commit) }
        }
        return commits.sorted { ($0.committerTime, $0.authorTime, $0.hash) < ($1.committerTime, $1.authorTime, $1.hash) }
    }

    // MARK: - Summary

    /// What `multiplier status` shows for each repository; `bots` are the configured bots' names
    /// and addresses (`.multiplier.json`), lower-cased, counted as bots beside the known ones.
    package func summaries(bots: [String] = []) throws -> [RepositorySummary] {
        let marksByRepository = try aiCommitCounts()
        let list = Array(repeating: "?", count: bots.count).joined(separator: ", ")
        let configured = bots.isEmpty ? "" : " OR lower(c.author_name) IN (\(list)) OR lower(c.author_email) IN (\(list))"
        return try database.prepare(
            """
            SELECT r.id, r.root, r.origin, r.name, r.last_ingest,
                count(c.id), coalesce(sum(c.is_merge), 0), coalesce(sum(c.lines_added), 0),
                coalesce(sum(c.lines_deleted), 0), coalesce(sum(c.is_bot\(configured)), 0)
            FROM repository r LEFT JOIN git_commit c ON c.repository_id = r.id AND c.reachable = 1
            GROUP BY r.id ORDER BY r.root
            """
        ).rows((bots + bots).map { .text($0) }) { row in
            RepositorySummary(
                path: row.text(1), origin: row.optionalText(2), name: row.text(3),
                lastIngest: row.optionalInt64(4), commits: row.int(5), mergeCommits: row.int(6),
                linesAdded: row.int(7), linesDeleted: row.int(8),
                aiCommits: marksByRepository[row.int64(0)] ?? [:], botCommits: row.int(9))
        }
    }

    private func aiCommitCounts() throws -> [Int64: [String: Int]] {
        var counts: [Int64: [String: Int]] = [:]
        try database.prepare(
            """
            SELECT c.repository_id, m.tool, count(DISTINCT c.id) FROM ai_mark m
            JOIN git_commit c ON c.id = m.commit_id WHERE c.reachable = 1 AND m.source <> 'committer'
            GROUP BY c.repository_id, m.tool
            """
        ).query { row in counts[row.int64(0), default: [:]][row.text(1)] = row.int(2) }
        return counts
    }

    // MARK: - Statement cache

    private func statement(
        _ keyPath: ReferenceWritableKeyPath<CommitStore, Statement?>, _ sql: () -> String
    ) throws -> Statement {
        if let cached = self[keyPath: keyPath] { return cached }
        let prepared = try database.prepare(sql())
        self[keyPath: keyPath] = prepared
        return prepared
    }
}

/// One repository's figures for `multiplier status`.
package struct RepositorySummary: Sendable, Equatable {
    package var path: String
    package var origin: String?
    package var name: String
    package var lastIngest: Int64?
    package var commits: Int
    package var mergeCommits: Int
    package var linesAdded: Int
    package var linesDeleted: Int
    /// Commits marked as AI-assisted, per tool (a commit with two tools counts for both).
    package var aiCommits: [String: Int]
    package var botCommits: Int
}
