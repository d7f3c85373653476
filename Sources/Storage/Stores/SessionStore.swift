import Foundation
import Model
import Support

/// All SQL for session logs: the files read, the sessions, and what each file contributed.
///
/// Every contribution row carries the log file it came from, so a rewritten file
/// is replaced by deleting its `log_file` row (the rows cascade) and reading it again.
package final class SessionStore {
    private let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// What was recorded about a log file when it was last read.
    package struct FileState: Sendable, Equatable {
        package var id: Int64
        package var size: Int64
        package var modified: Int64
        package var consumed: Int64
        package var fingerprint: String
    }

    package func fileState(path: String) throws -> FileState? {
        try database.prepare("SELECT id, size, modified, consumed, fingerprint FROM log_file WHERE path = ?")
            .first([.text(path)]) { row in
                FileState(
                    id: row.int64(0), size: row.int64(1), modified: row.int64(2), consumed: row.int64(3),
                    fingerprint: row.text(4))
            }
    }

    /// Marks every log that holds a session tied to no repository to be read again, whole, by the
    /// next `ingest sessions` (as if rewritten): a repository ingested after its logs were read
    /// may be theirs. Returns how many logs were marked.
    @discardableResult
    package func rereadUnattached() throws -> Int {
        try database.prepare(
            """
            UPDATE log_file SET fingerprint = ?, modified = -1 WHERE id IN (
                SELECT p.log_file_id FROM session_part p JOIN session s ON s.id = p.session_id WHERE s.repository_id IS NULL)
            """
        ).execute([.text(Self.readAgainFingerprint)])
        return database.changes
    }

    /// `rereadUnattached` for the logs whose sessions tied to no repository have an event between
    /// `start` and `end` (seconds): new commits of an ingested repository may now hold the files
    /// such a session edited, which ties it (RepositoryResolver's last rule).
    package func rereadUnattached(between start: Int64, and end: Int64) throws -> Int {
        try database.prepare(
            """
            UPDATE log_file SET fingerprint = ?, modified = -1 WHERE fingerprint <> ? AND id IN (
                SELECT p.log_file_id FROM session_part p JOIN session s ON s.id = p.session_id
                WHERE s.repository_id IS NULL
                    AND EXISTS (SELECT 1 FROM session_event e WHERE e.session_id = s.id AND e.time_ms BETWEEN ? AND ?))
            """
        ).execute([.text(Self.readAgainFingerprint), .text(Self.readAgainFingerprint), .integer(start * 1000), .integer(end * 1000)])
        return database.changes
    }

    /// Keeps what a replaced log gave (an aider history moved aside and begun again, a log rewritten
    /// without its earlier records) under a name no file has, so that its sessions stay, as a
    /// deleted log's do; the file now at the path is then read as a new one, its records that
    /// repeat stored ones counted once (`storedRecords`).
    package func retireFile(id: Int64) throws {
        try database.prepare("UPDATE log_file SET path = path || ? WHERE id = ?")
            .execute([.text(" (replaced: log \(id))"), .integer(id)])
    }

    /// Forgets everything a file contributed (it was rewritten), and sessions left with nothing.
    ///
    /// - Returns: the other logs that contributed to the same sessions. A record counts for the file that
    ///   gave it first (`session_record`), so records the forgotten file gave that another file repeats are
    ///   gone with it until that file is read again, whole.
    @discardableResult
    package func forgetFile(id: Int64) throws -> [String] {
        let others = try database.prepare(
            """
            SELECT DISTINCT f.path FROM session_part mine
            JOIN session_part other ON other.session_id = mine.session_id AND other.log_file_id <> mine.log_file_id
            JOIN log_file f ON f.id = other.log_file_id
            WHERE mine.log_file_id = ? AND f.tool <> 'export'
            ORDER BY f.path
            """
        ).rows([.integer(id)]) { $0.text(0) }
        try database.prepare("DELETE FROM log_file WHERE id = ?").execute([.integer(id)])
        try database.execute("DELETE FROM session WHERE id NOT IN (SELECT session_id FROM session_part)")
        return others
    }

    /// Makes the next read of the log at `path` read it whole and replace what it gave (its size and
    /// fingerprint never match); nothing when it was never read.
    package func readAgain(path: String) throws {
        try database.prepare("UPDATE log_file SET size = -1, fingerprint = ? WHERE path = ?")
            .execute([.text(Self.readAgainFingerprint), .text(path)])
    }

    /// The fingerprint of a log marked to be read again (no prefix hash is this).
    package static let readAgainFingerprint = "read again"

    /// The records stored for the delta's session when it repeats any of them (a read from where an earlier
    /// one stopped, a copy of a log, a line written twice), else nil (a new session, or only new records).
    package func storedRecords(repeatedBy delta: SessionDelta) throws -> Set<UInt64>? {
        guard !delta.records.isEmpty,
            let session = try database.prepare("SELECT id FROM session WHERE tool = ? AND key = ?")
                .first([.text(delta.tool), .text(SecretRedactor.redact(delta.id))], { $0.int64(0) })
        else { return nil }
        var stored: Set<UInt64> = []
        try database.prepare("SELECT records FROM session_record WHERE session_id = ?").query([.integer(session)]) { row in
            stored.formUnion(Self.records(in: row.blob(0)))
        }
        return delta.records.contains(where: stored.contains) ? stored : nil
    }

    /// Record identities as stored: 8 bytes each, little-endian, in the order read.
    static func bytes(of records: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * 8)
        for record in records {
            withUnsafeBytes(of: record.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    static func records(in bytes: [UInt8]) -> [UInt64] {
        bytes.withUnsafeBytes { raw in
            (0..<raw.count / 8).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }

    /// The format each log was recognised as when last read, with its size and modification time then.
    package func recognisedFormats() throws -> [String: (size: Int64, modified: Int64, format: String)] {
        var formats: [String: (size: Int64, modified: Int64, format: String)] = [:]
        try database.prepare("SELECT path, size, modified, format FROM log_file WHERE format IS NOT NULL").query { row in
            formats[row.text(0)] = (row.int64(1), row.int64(2), row.text(3))
        }
        return formats
    }

    /// Records a read of `path` (recognised as `format`) up to `consumed` bytes; returns the file's id.
    package func recordFile(
        path: String, tool: String, format: String, size: Int64, modified: Int64, consumed: Int64, fingerprint: String,
        malformed: Int, time: Int64
    ) throws -> Int64 {
        try database.prepare(
            """
            INSERT INTO log_file (path, tool, format, size, modified, consumed, fingerprint, malformed, last_read)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET tool = excluded.tool, format = excluded.format, size = excluded.size,
                modified = excluded.modified, consumed = excluded.consumed, fingerprint = excluded.fingerprint,
                malformed = log_file.malformed + excluded.malformed, last_read = excluded.last_read
            """
        ).execute([
            .text(path), .text(tool), .text(format), .integer(size), .integer(modified), .integer(consumed),
            .text(fingerprint), .int(malformed), .integer(time),
        ])
        return try database.prepare("SELECT id FROM log_file WHERE path = ?").first([.text(path)]) { $0.int64(0) } ?? 0
    }

    /// Where a session's working directory led, and why.
    package struct RepositoryMatch: Sendable, Equatable {
        package var repositoryID: Int64
        package var evidence: String
        /// The prefix of the session's paths that stands for the repository root.
        package var root: String

        package init(repositoryID: Int64, evidence: String, root: String) {
            self.repositoryID = repositoryID
            self.evidence = evidence
            self.root = root
        }
    }

    /// Adds what one read of `logFileID` says about one session (call inside a transaction).
    ///
    /// Every text a log supplied (ids, directory, branch, version, models, paths, usage keys, the repository
    /// evidence that quotes a path or URL) goes through `SecretRedactor` first: a token pasted into a branch
    /// name or a version field is stored as `[REDACTED]`, like one in a prompt.
    ///
    /// - Parameters:
    ///   - prompts: prompt texts to keep (already redacted), or empty when prompts are not kept.
    ///   - promptWords: vocabulary words of the prompts with their counts.
    ///   - promptKeys: the issue keys (`ABC-12`, `#12`) the prompts name, for linking to tasks.
    ///   - continuing: this read went on from records counted before (where an earlier read of the same
    ///     file stopped, or records another file gave), so its first prompt need not be the session's first
    ///     (the workflow facts are merged accordingly).
    package func add(
        _ delta: SessionDelta, logFileID: Int64, source: String, repository: RepositoryMatch?, prompts: [String],
        promptWords: [String: Int], promptKeys: [String] = [], promptCharacters: Int, continuing: Bool = false
    ) throws {
        let key = SecretRedactor.redact(delta.id)
        try database.prepare(
            """
            INSERT INTO session (tool, key, parent_key, continued_from, source, working_directory, repository_id,
                repository_evidence, git_branch, tool_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(tool, key) DO UPDATE SET
                parent_key = coalesce(session.parent_key, excluded.parent_key),
                continued_from = coalesce(session.continued_from, excluded.continued_from),
                working_directory = coalesce(session.working_directory, excluded.working_directory),
                repository_id = coalesce(session.repository_id, excluded.repository_id),
                repository_evidence = coalesce(session.repository_evidence, excluded.repository_evidence),
                git_branch = coalesce(session.git_branch, excluded.git_branch),
                tool_version = coalesce(session.tool_version, excluded.tool_version)
            """
        ).execute([
            .text(delta.tool), .text(key), .optional(delta.parentID.map(SecretRedactor.redact)),
            .optional(delta.continuedFrom.map(SecretRedactor.redact)), .text(SecretRedactor.redact(source)),
            .optional(delta.workingDirectory.map(SecretRedactor.redact)),
            repository.map { .integer($0.repositoryID) } ?? .null, .optional(repository.map { SecretRedactor.redact($0.evidence) }),
            .optional(delta.gitBranch.map(SecretRedactor.redact)), .optional(delta.toolVersion.map(SecretRedactor.redact)),
        ])
        guard
            let sessionID = try database.prepare("SELECT id FROM session WHERE tool = ? AND key = ?")
                .first([.text(delta.tool), .text(key)], { $0.int64(0) })
        else { return }
        let session = SQLValue.integer(sessionID)
        let file = SQLValue.integer(logFileID)
        let prior = continuing ? try priorWorkflow(session) : nil

        if !delta.records.isEmpty {
            try database.prepare("INSERT INTO session_record (session_id, log_file_id, records) VALUES (?, ?, ?)")
                .execute([session, file, .blob(Self.bytes(of: delta.records))])
        }

        try database.prepare(
            """
            INSERT INTO session_part (session_id, log_file_id, prompts, prompt_characters) VALUES (?, ?, ?, ?)
            ON CONFLICT(session_id, log_file_id) DO UPDATE SET prompts = prompts + excluded.prompts,
                prompt_characters = prompt_characters + excluded.prompt_characters
            """
        ).execute([session, file, .int(delta.prompts), .int(promptCharacters)])

        let event = try database.prepare("INSERT INTO session_event (session_id, log_file_id, time_ms) VALUES (?, ?, ?)")
        for time in delta.eventTimes { try event.execute([session, file, .integer(time)]) }

        let detail = try database.prepare(
            """
            INSERT INTO session_detail (session_id, log_file_id, kind, value, count) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(session_id, log_file_id, kind, value) DO UPDATE SET count = count + excluded.count
            """)
        for model in delta.models {
            try detail.execute([session, file, .text("model"), .text(SecretRedactor.redact(model)), .int(1)])
        }
        for path in delta.filesEdited {
            // Tied to no repository: relative to the working directory, as the log's own relative
            // paths are (one file edited and snapshotted is one file, not an absolute and a relative one).
            let relative = repository.flatMap { Self.relative(path, to: $0.root) }
                ?? (repository == nil ? delta.workingDirectory.flatMap { Self.relative(path, to: $0) } : nil) ?? path
            try detail.execute([session, file, .text("file"), .text(SecretRedactor.redact(relative)), .int(1)])
        }
        for hash in delta.commits {
            try detail.execute([session, file, .text("commit"), .text(SecretRedactor.redact(hash)), .int(1)])
        }
        for (word, count) in promptWords.sorted(by: { $0.key < $1.key }) {
            try detail.execute([session, file, .text("word"), .text(word), .int(count)])
        }
        for issue in promptKeys { try detail.execute([session, file, .text("key"), .text(SecretRedactor.redact(issue)), .int(1)]) }

        if !prompts.isEmpty {
            let position =
                try database.prepare("SELECT count(*) FROM session_prompt WHERE session_id = ?")
                .first([session]) { $0.int(0) } ?? 0
            let insert = try database.prepare(
                "INSERT INTO session_prompt (session_id, log_file_id, position, text) VALUES (?, ?, ?, ?)")
            for (offset, text) in prompts.enumerated() {
                try insert.execute([session, file, .int(position + offset), .text(text)])
            }
        }

        if let workflow = delta.workflow {
            var share = prior.map { Self.share(of: delta, workflow: workflow, after: $0) } ?? workflow
            // A mode seen before any edit is kept, start unknown, for a later read of the log to decide by.
            if share.start == .unknown, share.startEvidence == nil { share.startEvidence = delta.workflowModeShown }
            try addWorkflow(share, edited: delta.workflowEditSeen, session: session, file: file)
        }

        let usage = try database.prepare(
            """
            INSERT INTO token_usage (key, session_id, input, output, cache_write, cache_read) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET session_id = excluded.session_id, input = excluded.input,
                output = excluded.output, cache_write = excluded.cache_write, cache_read = excluded.cache_read
            WHERE excluded.input + excluded.output + excluded.cache_write + excluded.cache_read
                > token_usage.input + token_usage.output + token_usage.cache_write + token_usage.cache_read
            """)
        for record in delta.usage {
            try usage.execute([
                .text(SecretRedactor.redact(record.key)), session, .int(UsageRecord.plausible(record.input)),
                .int(UsageRecord.plausible(record.output)), .int(UsageRecord.plausible(record.cacheWrite)),
                .int(UsageRecord.plausible(record.cacheRead)),
            ])
        }
    }

    /// What the session's stored parts say before a read that goes on from them.
    struct PriorWorkflow {
        /// Prompts counted so far.
        var prompts: Int
        /// Whether a part showed the first edit.
        var edited: Bool
        /// Whether a part tells how the session started.
        var startKnown: Bool
        /// The mode field a part saw before any edit, while the start is unknown (`workflowModeShown`).
        var modeShown: String? = nil
    }

    private func priorWorkflow(_ session: SQLValue) throws -> PriorWorkflow {
        let prompts = try database.prepare("SELECT coalesce(sum(prompts), 0) FROM session_part WHERE session_id = ?")
            .first([session]) { $0.int(0) } ?? 0
        let (edited, startKnown) =
            try database.prepare(
                "SELECT coalesce(max(edited), 0), count(start) FROM session_workflow WHERE session_id = ?"
            ).first([session]) { ($0.int(0) != 0, $0.int(1) > 0) } ?? (false, false)
        let modeShown = try database.prepare(
            "SELECT start_evidence FROM session_workflow WHERE session_id = ? AND start IS NULL AND start_evidence IS NOT NULL ORDER BY log_file_id"
        ).first([session]) { $0.text(0) }
        return PriorWorkflow(prompts: prompts, edited: edited, startKnown: startKnown, modeShown: modeShown)
    }

    /// What a read that goes on from `prior` adds to the session's workflow: after an edit was seen, its
    /// prompts are corrections after it; before, its prompts up to its own first edit are corrections before
    /// the edit (its first prompt is the session's first only when none was counted), and a start it tells
    /// counts unless one was told already. So a log read in pieces, or partly in a copy, gives what one read
    /// of all its records gives.
    static func share(of delta: SessionDelta, workflow: SessionWorkflow, after prior: PriorWorkflow) -> SessionWorkflow {
        var share = SessionWorkflow(subagents: workflow.subagents)
        let counted = workflow.correctionsBeforeEdit != nil || workflow.correctionsAfterEdit != nil
        if prior.edited {
            share.correctionsAfterEdit = counted ? delta.prompts : nil
            return share
        }
        if !prior.startKnown {
            share.start = workflow.start
            share.startEvidence = workflow.startEvidence
            // The mode showed in an earlier read, and this one's first edit came with no plan before it
            // (a plan would have made it plan-first): code-first, as one read of the whole log says.
            if workflow.start == .unknown, let mode = prior.modeShown, delta.workflowEditSeen, delta.workflowPromptsBeforeEdit != nil {
                share.start = .codeFirst
                share.startEvidence = mode + ", no plan before the first edit"
            }
        }
        if prior.prompts == 0 || !counted {
            share.correctionsBeforeEdit = workflow.correctionsBeforeEdit
            share.correctionsAfterEdit = workflow.correctionsAfterEdit
        } else {
            // A delta made without the count (a test's) has it from its own facts: a first prompt is not a correction.
            let before = delta.workflowPromptsBeforeEdit ?? ((workflow.correctionsBeforeEdit ?? 0) + min(delta.prompts, 1))
            share.correctionsBeforeEdit = before
            share.correctionsAfterEdit = delta.workflowEditSeen ? max(0, delta.prompts - before) : 0
        }
        return share
    }

    /// Adds what one read says about a session's workflow (`share`: the whole of a first read, or what a
    /// read that goes on adds) to what this log file said before: counts summed, the start kept once told.
    private func addWorkflow(_ share: SessionWorkflow, edited: Bool, session: SQLValue, file: SQLValue) throws {
        struct Stored {
            var workflow: SessionWorkflow
            var edited: Bool
        }
        var merged = share
        var mergedEdited = edited
        if let stored = try database.prepare(
            """
            SELECT start, start_evidence, corrections_before_edit, corrections_after_edit, subagents, edited
            FROM session_workflow WHERE session_id = ? AND log_file_id = ?
            """
        ).first([session, file], { row in Stored(workflow: Self.workflow(row, from: 0), edited: row.int(5) != 0) }) {
            merged = stored.workflow
            mergedEdited = stored.edited || edited
            if stored.workflow.start == .unknown {
                merged.start = share.start
                merged.startEvidence = share.startEvidence ?? stored.workflow.startEvidence
            }
            merged.correctionsBeforeEdit = Self.sum(stored.workflow.correctionsBeforeEdit, share.correctionsBeforeEdit)
            merged.correctionsAfterEdit = Self.sum(stored.workflow.correctionsAfterEdit, share.correctionsAfterEdit)
            merged.subagents = Self.sum(stored.workflow.subagents, share.subagents)
        }
        try setWorkflow(merged, edited: mergedEdited, session: session, file: file)
    }

    /// Writes (or replaces) what one log file, or a merged export, says about a session's workflow; the
    /// evidence quotes a mode field of the log ("permissionMode …"), so it is redacted like the log's other texts.
    func setWorkflow(_ workflow: SessionWorkflow, edited: Bool, session: SQLValue, file: SQLValue) throws {
        try database.prepare(
            """
            INSERT INTO session_workflow (session_id, log_file_id, start, start_evidence, corrections_before_edit,
                corrections_after_edit, subagents, edited)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(session_id, log_file_id) DO UPDATE SET start = excluded.start,
                start_evidence = excluded.start_evidence, corrections_before_edit = excluded.corrections_before_edit,
                corrections_after_edit = excluded.corrections_after_edit, subagents = excluded.subagents,
                edited = excluded.edited
            """
        ).execute([
            session, file, workflow.start == .unknown ? .null : .text(workflow.start.rawValue),
            .optional(workflow.startEvidence.map(SecretRedactor.redact)), .optional(workflow.correctionsBeforeEdit),
            .optional(workflow.correctionsAfterEdit), .optional(workflow.subagents), .int(edited ? 1 : 0),
        ])
    }

    /// nil when both are unknown, else their sum with an unknown one as 0.
    private static func sum(_ a: Int?, _ b: Int?) -> Int? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }

    /// Every stored session's workflow facts, keyed "\(tool)/\(id)" (the tool and id of
    /// `WorkTask.TaskSession`); a session whose logs tell nothing has `SessionWorkflow()` (unknown).
    ///
    /// A session read from several files combines them: plan-first when any file showed a plan before its
    /// first edit (else code-first when any showed the first edit without one), counts summed. Sub-agents
    /// are those the session's own log started (Claude's Task/Agent tool uses, Codex's spawn_agent): a
    /// sub-agent's own file is a session of its own, and not every such file is one (Claude's compaction
    /// helper writes `agent-acompact-*`).
    package func workflows() throws -> [String: SessionWorkflow] {
        var result: [String: SessionWorkflow] = [:]
        var keys: [Int64: String] = [:]
        try database.prepare("SELECT id, tool, key FROM session").query { row in
            let key = row.text(1) + "/" + row.text(2)
            keys[row.int64(0)] = key
            result[key] = SessionWorkflow()
        }
        try database.prepare(
            """
            SELECT session_id, start, start_evidence, corrections_before_edit, corrections_after_edit, subagents
            FROM session_workflow ORDER BY session_id, log_file_id
            """
        ).query { row in
            guard let key = keys[row.int64(0)], let stored = result[key] else { return }
            let part = Self.workflow(row, from: 1)
            var combined = stored
            let rank: [SessionWorkflow.Start: Int] = [.unknown: 0, .codeFirst: 1, .planFirst: 2]
            if (rank[part.start] ?? 0) > (rank[stored.start] ?? 0) {
                combined.start = part.start
                combined.startEvidence = part.startEvidence
            }
            combined.correctionsBeforeEdit = Self.sum(stored.correctionsBeforeEdit, part.correctionsBeforeEdit)
            combined.correctionsAfterEdit = Self.sum(stored.correctionsAfterEdit, part.correctionsAfterEdit)
            combined.subagents = Self.sum(stored.subagents, part.subagents)
            result[key] = combined
        }
        return result
    }

    /// A workflow from five columns starting at `first`: start, evidence, corrections before and after, sub-agents.
    private static func workflow(_ row: Row, from first: Int32) -> SessionWorkflow {
        SessionWorkflow(
            start: row.optionalText(first).flatMap(SessionWorkflow.Start.init(rawValue:)) ?? .unknown,
            startEvidence: row.optionalText(first + 1), correctionsBeforeEdit: row.optionalInt(first + 2),
            correctionsAfterEdit: row.optionalInt(first + 3), subagents: row.optionalInt(first + 4))
    }

    /// `strings` as a JSON array, for `json_each`.
    static func jsonArray(_ strings: [String]) -> String {
        // An array of strings always encodes; were it not to, "[]" matches nothing rather than everything.
        let data = (try? JSONEncoder().encode(strings)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `path` relative to `root` when it lies inside it.
    static func relative(_ path: String, to root: String) -> String? {
        guard !root.isEmpty else { return nil }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    // MARK: - Reading

    /// Filters for `sessions`.
    package struct Filter: Sendable {
        package var sinceMs: Int64?
        package var untilMs: Int64?
        /// The tools whose sessions are wanted (Cline's and its forks' for `--tool cline`); nil: all.
        package var tools: [String]?
        /// A repository root path or name.
        package var repository: String?

        package init(sinceMs: Int64? = nil, untilMs: Int64? = nil, tools: [String]? = nil, repository: String? = nil) {
            self.sinceMs = sinceMs
            self.untilMs = untilMs
            self.tools = tools
            self.repository = repository
        }
    }

    /// Every session with its figures, oldest first (ties by tool and id).
    package func sessions(_ filter: Filter = Filter(), idleCapMs: Int64 = 600_000) throws -> [SessionSummary] {
        struct Row {
            var id: Int64
            var summary: SessionSummary
        }
        var rows = try database.prepare(
            """
            SELECT s.id, s.tool, s.key, s.parent_key, s.source, r.root, s.working_directory, s.git_branch,
                (SELECT min(time_ms) FROM session_event e WHERE e.session_id = s.id),
                (SELECT max(time_ms) FROM session_event e WHERE e.session_id = s.id),
                (SELECT coalesce(sum(prompts), 0) FROM session_part p WHERE p.session_id = s.id),
                (SELECT coalesce(sum(input), 0) FROM token_usage t WHERE t.session_id = s.id),
                (SELECT coalesce(sum(output), 0) FROM token_usage t WHERE t.session_id = s.id),
                (SELECT coalesce(sum(cache_write), 0) FROM token_usage t WHERE t.session_id = s.id),
                (SELECT coalesce(sum(cache_read), 0) FROM token_usage t WHERE t.session_id = s.id),
                s.repository_evidence
            FROM session s LEFT JOIN repository r ON r.id = s.repository_id
            WHERE (?1 IS NULL OR s.tool IN (SELECT value FROM json_each(?1))) AND (?2 IS NULL OR r.root = ?2 OR r.name = ?2)
            """
        ).rows([.optional(filter.tools.map(Self.jsonArray)), .optional(filter.repository)]) { row in
            var summary = SessionSummary(
                tool: row.text(1), id: row.text(2), parent: row.optionalText(3), source: row.text(4),
                repository: row.optionalText(5), workingDirectory: row.optionalText(6),
                branch: row.optionalText(7), startMs: row.optionalInt64(8), endMs: row.optionalInt64(9),
                activeSeconds: 0, prompts: row.int(10), models: [],
                tokens: TokenTotals(input: row.int(11), output: row.int(12), cacheWrite: row.int(13), cacheRead: row.int(14)),
                filesEdited: [], commits: [])
            summary.repositoryEvidence = row.isNull(5) ? nil : row.optionalText(15)
            return Row(id: row.int64(0), summary: summary)
        }
        rows.removeAll { row in
            if let since = filter.sinceMs, (row.summary.endMs ?? Int64.min) < since { return true }
            if let until = filter.untilMs, (row.summary.startMs ?? Int64.max) >= until { return true }
            return false
        }
        var details: [Int64: [String: Set<String>]] = [:]
        try database.prepare("SELECT session_id, kind, value FROM session_detail WHERE kind <> 'word'").query { row in
            details[row.int64(0), default: [:]][row.text(1), default: []].insert(row.text(2))
        }
        var events: [Int64: [Int64]] = [:]
        try database.prepare("SELECT session_id, time_ms FROM session_event").query { row in
            events[row.int64(0), default: []].append(row.int64(1))
        }
        // A parent's active time counts its sub-agents' events too, merged so parallel work is not counted twice.
        var childrenByParent: [String: [Int64]] = [:]
        for row in rows {
            if let parent = row.summary.parent { childrenByParent[row.summary.tool + "\u{0}" + parent, default: []].append(row.id) }
        }
        for index in rows.indices {
            let id = rows[index].id
            var times = events[id] ?? []
            for child in childrenByParent[rows[index].summary.tool + "\u{0}" + rows[index].summary.id] ?? [] {
                times += events[child] ?? []
            }
            rows[index].summary.activeSeconds = ActiveTime.seconds(times, idleCapMs: idleCapMs)
            rows[index].summary.models = (details[id]?["model"] ?? []).sorted()
            rows[index].summary.filesEdited = (details[id]?["file"] ?? []).sorted()
            rows[index].summary.commits = (details[id]?["commit"] ?? []).sorted()
        }
        return rows.map(\.summary).sorted {
            ($0.startMs ?? 0, $0.tool, $0.id) < ($1.startMs ?? 0, $1.tool, $1.id)
        }
    }

    /// Every session as task building needs it, sub-agents rolled into their parents, by tool and id.
    package func activities() throws -> [SessionActivity] {
        struct Entry {
            var activity: SessionActivity
            var parent: String?
        }
        var entries: [Int64: Entry] = [:]
        try database.prepare(
            """
            SELECT s.id, s.tool, s.key, s.parent_key, r.root, s.git_branch, s.working_directory, s.owner, s.machine, s.source
            FROM session s LEFT JOIN repository r ON r.id = s.repository_id
            """
        ).query { row in
            var activity = SessionActivity(
                tool: row.text(1), id: row.text(2), repository: row.optionalText(4), branch: row.optionalText(5),
                workingDirectory: row.optionalText(6), eventTimes: [], filesEdited: [], commits: [], promptWords: [:])
            activity.owner = row.optionalText(7)
            activity.machine = row.optionalText(8)
            activity.source = row.optionalText(9)
            entries[row.int64(0)] = Entry(activity: activity, parent: row.optionalText(3))
        }
        try database.prepare("SELECT session_id, time_ms FROM session_event").query { row in
            entries[row.int64(0)]?.activity.eventTimes.append(row.int64(1))
        }
        try database.prepare("SELECT session_id, kind, value, count FROM session_detail WHERE kind <> 'model'").query { row in
            let id = row.int64(0)
            switch row.text(1) {
            case "file": entries[id]?.activity.filesEdited.insert(row.text(2))
            case "commit": entries[id]?.activity.commits.append(row.text(2))
            case "word": entries[id]?.activity.promptWords[row.text(2), default: 0] += row.int(3)
            case "key": entries[id]?.activity.promptKeys.append(row.text(2))
            default: break
            }
        }
        // Sub-agents roll up into their parent session (same tool), when the parent is stored.
        var byKey: [String: Int64] = [:]
        for (id, entry) in entries { byKey[entry.activity.tool + "\u{0}" + entry.activity.id] = id }
        for id in entries.keys.sorted() {
            guard let entry = entries[id], let parent = entry.parent,
                let parentID = byKey[entry.activity.tool + "\u{0}" + parent], parentID != id, entries[parentID] != nil
            else { continue }
            entries[parentID]?.activity.eventTimes += entry.activity.eventTimes
            entries[parentID]?.activity.filesEdited.formUnion(entry.activity.filesEdited)
            entries[parentID]?.activity.commits += entry.activity.commits
            for (word, count) in entry.activity.promptWords { entries[parentID]?.activity.promptWords[word, default: 0] += count }
            entries[parentID]?.activity.promptKeys += entry.activity.promptKeys
            if entries[parentID]?.activity.repository == nil { entries[parentID]?.activity.repository = entry.activity.repository }
            entries[id] = nil
        }
        return entries.values.map { entry in
            var activity = entry.activity
            activity.eventTimes.sort()
            activity.commits = Array(Set(activity.commits)).sorted()
            activity.promptKeys = Array(Set(activity.promptKeys)).sorted()
            return activity
        }.sorted { ($0.tool, $0.id) < ($1.tool, $1.id) }
    }

    /// Whether a session of `tool` with the tool's own `id` is stored.
    package func sessionExists(tool: String, id: String) throws -> Bool {
        try database.prepare("SELECT 1 FROM session WHERE tool = ? AND key = ?")
            .first([.text(tool), .text(SecretRedactor.redact(id))]) { _ in true } ?? false
    }

    /// How many sessions are stored.
    package func sessionCount() throws -> Int {
        try database.prepare("SELECT count(*) FROM session").first { $0.int(0) } ?? 0
    }

    /// Sessions per tool, for `status`.
    package func countsByTool() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try database.prepare("SELECT tool, count(*) FROM session GROUP BY tool").query { counts[$0.text(0)] = $0.int(1) }
        return counts
    }

    /// Malformed lines skipped over all log files, for `status`.
    package func skippedLines() throws -> Int {
        try database.prepare("SELECT coalesce(sum(malformed), 0) FROM log_file").first { $0.int(0) } ?? 0
    }
}
