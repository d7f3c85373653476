import Foundation
import Model
import Support

/// All SQL for sharing between machines: this database's machine id, what an export
/// takes from it, merging exports in, and people's aliases.
package final class TeamStore {
    private let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// This database's machine id, created on first use. A database open read-only that has none yet
    /// (a copy the user may only read) gets one derived from its path and this host's name, the same
    /// on every export from it, and stores nothing.
    package func machineID() throws -> String {
        if let id = try database.prepare("SELECT value FROM setting WHERE key = 'machine-id'").first([], { $0.text(0) }) {
            return id
        }
        if database.isReadOnly {
            let digest = SHA256.hex(SHA256.hash(Array("machine-id\u{0}\(ProcessInfo.processInfo.hostName)\u{0}\(database.path)".utf8)))
            return String(digest.prefix(32))
        }
        let id = UUID().uuidString.lowercased()
        try database.prepare("INSERT INTO setting (key, value) VALUES ('machine-id', ?)").execute([.text(id)])
        return id
    }

    /// Each stored repository's identity shared by every clone: its smallest root commit.
    package func rootCommits() throws -> [Int64: String] {
        var result: [Int64: String] = [:]
        try database.prepare(
            "SELECT repository_id, min(hash) FROM git_commit WHERE parents = '' AND reachable = 1 GROUP BY repository_id"
        ).query { result[$0.int64(0)] = $0.text(1) }
        return result
    }

    /// This machine's own sessions (not merged ones), metadata only, oldest first; `owner` is left empty.
    package func exportableSessions(sinceMs: Int64?, repositoryRoots: Set<String>?) throws -> [ExportedSession] {
        let roots = try rootCommits()
        var sessions: [Int64: ExportedSession] = [:]
        var repositoryOf: [Int64: String?] = [:]
        try database.prepare(
            """
            SELECT s.id, s.tool, s.key, s.parent_key, r.id, r.origin, r.name, r.root, s.working_directory, s.git_branch,
                (SELECT coalesce(sum(prompts), 0) FROM session_part p WHERE p.session_id = s.id),
                (SELECT coalesce(sum(input), 0) FROM token_usage t WHERE t.session_id = s.id),
                (SELECT coalesce(sum(output), 0) FROM token_usage t WHERE t.session_id = s.id),
                (SELECT coalesce(sum(cache_write), 0) FROM token_usage t WHERE t.session_id = s.id),
                (SELECT coalesce(sum(cache_read), 0) FROM token_usage t WHERE t.session_id = s.id), s.source
            FROM session s LEFT JOIN repository r ON r.id = s.repository_id
            WHERE s.machine IS NULL
            """
        ).query { row in
            let id = row.int64(0)
            repositoryOf[id] = row.optionalText(7)
            sessions[id] = ExportedSession(
                tool: row.text(1), key: row.text(2), parentKey: row.optionalText(3),
                repositoryRootCommit: row.isNull(4) ? nil : roots[row.int64(4)], repositoryOrigin: row.optionalText(5),
                repositoryName: row.optionalText(6), workingDirectory: row.optionalText(8), owner: nil,
                branch: row.optionalText(9), prompts: row.int(10), eventTimes: [], models: [], filesEdited: [], commits: [],
                tokens: TokenTotals(input: row.int(11), output: row.int(12), cacheWrite: row.int(13), cacheRead: row.int(14)))
            sessions[id]?.source = row.optionalText(15)
        }
        try database.prepare("SELECT session_id, time_ms FROM session_event ORDER BY session_id, time_ms").query { row in
            sessions[row.int64(0)]?.eventTimes.append(row.int64(1))
        }
        try database.prepare(
            "SELECT session_id, kind, value, count FROM session_detail ORDER BY session_id, kind, value"
        ).query { row in
            let id = row.int64(0)
            switch row.text(1) {
            case "word": sessions[id]?.promptWords[row.text(2), default: 0] += row.int(3)
            case "key": if sessions[id]?.promptKeys.contains(row.text(2)) == false { sessions[id]?.promptKeys.append(row.text(2)) }
            case "model": if sessions[id]?.models.contains(row.text(2)) == false { sessions[id]?.models.append(row.text(2)) }
            case "file":
                // Only repository-relative paths travel; an absolute path could name a person's folders.
                if !row.text(2).hasPrefix("/"), sessions[id]?.filesEdited.contains(row.text(2)) == false {
                    sessions[id]?.filesEdited.append(row.text(2))
                }
            case "commit": if sessions[id]?.commits.contains(row.text(2)) == false { sessions[id]?.commits.append(row.text(2)) }
            default: break
            }
        }
        let workflows = try SessionStore(database: database).workflows()
        return sessions.keys.sorted().compactMap { id -> ExportedSession? in
            guard var session = sessions[id] else { return nil }
            session.workflow = workflows[session.tool + "/" + session.key]
            if let roots = repositoryRoots, !(repositoryOf[id].flatMap { $0 }.map(roots.contains) ?? false) { return nil }
            if let sinceMs, (session.eventTimes.last ?? .min) < sinceMs { return nil }
            return session
        }
    }

    /// What merging one export did.
    package struct MergeResult: Sendable, Equatable {
        package var added = 0
        package var updated = 0
        /// Sessions this machine read from its own logs: kept as they are.
        package var alreadyLocal = 0
        /// Sessions merged before as they are in this export, or from a later one (more events, or a
        /// later last one): kept as they are, so that the order exports are merged in does not matter.
        package var unchanged = 0
        /// Sessions whose repository is not ingested here.
        package var withoutRepository = 0
        /// Sessions merged before their repository was ingested here, as they are in this export:
        /// tied to it by this merge.
        package var tied = 0
    }

    /// Brings an export's sessions in (one transaction). A session already read here from its
    /// own logs is kept; one merged before is replaced by the export's view. Texts are redacted
    /// (`redactingSecrets`): an export written by an older version may hold secrets.
    package func merge(_ sessions: [ExportedSession], info: ExportInfo, time: Int64) throws -> MergeResult {
        let sessions = sessions.map { $0.redactingSecrets() }
        let repositories = try database.prepare("SELECT id, root, origin, name FROM repository ORDER BY id").rows {
            (id: $0.int64(0), root: $0.text(1), origin: $0.optionalText(2), name: $0.text(3))
        }
        let roots = try rootCommits()
        func repository(_ session: ExportedSession) -> (id: Int64, evidence: String)? {
            if let commit = session.repositoryRootCommit, let match = repositories.first(where: { roots[$0.id] == commit }) {
                return (match.id, "export: same root commit")
            }
            if let origin = session.repositoryOrigin, let match = repositories.first(where: { $0.origin == origin }) {
                return (match.id, "export: same origin")
            }
            if let name = session.repositoryName, let match = repositories.first(where: { $0.name == name }) {
                return (match.id, "export: same repository name")
            }
            return nil
        }
        var result = MergeResult()
        try database.transaction {
            let logFile = try logFileID(machine: info.machine, time: time)
            let find = try database.prepare("SELECT id, machine, repository_id FROM session WHERE tool = ? AND key = ?")
            let tie = try database.prepare("UPDATE session SET repository_id = ?, repository_evidence = ? WHERE id = ?")
            let insert = try database.prepare(
                """
                INSERT INTO session (tool, key, parent_key, source, working_directory, repository_id, repository_evidence,
                    git_branch, machine, owner)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let update = try database.prepare(
                """
                UPDATE session SET parent_key = ?, working_directory = ?, repository_id = ?, repository_evidence = ?,
                    git_branch = ?, machine = ?, owner = ?, source = ? WHERE id = ?
                """)
            // `+log_file_id`: every merged row shares the machine's pseudo log file, so an index on it
            // would scan them all; the session's own index finds its few rows.
            // The newer view replaces what every export gave before (another machine's older view
            // of the same session too: its prompts and tokens would otherwise be counted twice).
            let exports = "(SELECT id FROM log_file WHERE tool = 'export')"
            let clearEvents = try database.prepare(
                "DELETE FROM session_event WHERE session_id = ? AND +log_file_id IN \(exports)")
            let clearDetails = try database.prepare(
                "DELETE FROM session_detail WHERE session_id = ? AND log_file_id IN \(exports)")
            let clearParts = try database.prepare("DELETE FROM session_part WHERE session_id = ? AND log_file_id IN \(exports)")
            let clearWorkflow = try database.prepare(
                "DELETE FROM session_workflow WHERE session_id = ? AND log_file_id IN \(exports)")
            let clearUsage = try database.prepare("DELETE FROM token_usage WHERE session_id = ? AND key LIKE 'export:%'")
            let sessionStore = SessionStore(database: database)
            let storedView = try database.prepare("SELECT count(*), max(time_ms) FROM session_event WHERE session_id = ?")
            let event = try database.prepare("INSERT INTO session_event (session_id, log_file_id, time_ms) VALUES (?, ?, ?)")
            let detail = try database.prepare(
                "INSERT OR IGNORE INTO session_detail (session_id, log_file_id, kind, value, count) VALUES (?, ?, ?, ?, ?)")
            let part = try database.prepare(
                "INSERT INTO session_part (session_id, log_file_id, prompts, prompt_characters) VALUES (?, ?, ?, 0)")
            let usage = try database.prepare(
                """
                INSERT OR REPLACE INTO token_usage (key, session_id, input, output, cache_write, cache_read)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            let source = "export:" + info.machine
            for session in sessions {
                let match = repository(session)
                if match == nil { result.withoutRepository += 1 }
                let existing = try find.first([.text(session.tool), .text(session.key)]) {
                    ($0.int64(0), $0.optionalText(1), $0.optionalInt64(2))
                }
                let id: Int64
                if let existing {
                    guard existing.1 != nil else {
                        result.alreadyLocal += 1
                        continue
                    }
                    id = existing.0
                    // A session only grows: the view with more events (then the later last one) is the newer.
                    let stored = try storedView.first([.integer(id)]) { (count: $0.int(0), last: $0.optionalInt64(1) ?? .min) }
                    if let stored, (stored.count, stored.last) >= (session.eventTimes.count, session.eventTimes.max() ?? .min) {
                        // Merged before its repository was ingested here: tied to it now.
                        if existing.2 == nil, let match {
                            try tie.execute([.integer(match.id), .text(match.evidence), .integer(id)])
                            result.tied += 1
                        } else {
                            result.unchanged += 1
                        }
                        continue
                    }
                    try update.execute([
                        .optional(session.parentKey), .optional(session.workingDirectory), match.map { .integer($0.id) } ?? .null,
                        .optional(match?.evidence), .optional(session.branch), .text(info.machine), .optional(session.owner),
                        .text(source), .integer(id),
                    ])
                    result.updated += 1
                } else {
                    try insert.execute([
                        .text(session.tool), .text(session.key), .optional(session.parentKey), .text(source),
                        .optional(session.workingDirectory), match.map { .integer($0.id) } ?? .null, .optional(match?.evidence),
                        .optional(session.branch), .text(info.machine), .optional(session.owner),
                    ])
                    id = database.lastInsertRowID
                    result.added += 1
                }
                let row = SQLValue.integer(id)
                let file = SQLValue.integer(logFile)
                if existing != nil {
                    try clearEvents.execute([row])
                    try clearDetails.execute([row])
                    try clearParts.execute([row])
                    try clearWorkflow.execute([row])
                    try clearUsage.execute([row])
                }
                if let workflow = session.workflow {
                    try sessionStore.setWorkflow(workflow, edited: false, session: row, file: file)
                }
                for time in session.eventTimes { try event.execute([row, file, .integer(time)]) }
                for model in session.models { try detail.execute([row, file, .text("model"), .text(model), .int(1)]) }
                for path in session.filesEdited { try detail.execute([row, file, .text("file"), .text(path), .int(1)]) }
                for commit in session.commits { try detail.execute([row, file, .text("commit"), .text(commit), .int(1)]) }
                for (word, count) in session.promptWords.sorted(by: { $0.key < $1.key }) {
                    try detail.execute([row, file, .text("word"), .text(word), .int(count)])
                }
                for key in session.promptKeys { try detail.execute([row, file, .text("key"), .text(key), .int(1)]) }
                try part.execute([row, file, .int(session.prompts)])
                try usage.execute([
                    .text(source + "\u{0}" + session.tool + "\u{0}" + session.key), row, .int(UsageRecord.plausible(session.tokens.input)),
                    .int(UsageRecord.plausible(session.tokens.output)), .int(UsageRecord.plausible(session.tokens.cacheWrite)),
                    .int(UsageRecord.plausible(session.tokens.cacheRead)),
                ])
            }
            try database.prepare(
                """
                INSERT INTO merged_export (machine, exporter, exported, merged, sessions) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(machine) DO UPDATE SET exporter = excluded.exporter, exported = excluded.exported,
                    merged = excluded.merged, sessions = excluded.sessions
                """
            ).execute([.text(info.machine), .text(info.exporter), .integer(info.created), .integer(time), .int(sessions.count)])
        }
        return result
    }

    /// The pseudo log file a machine's merged rows hang from.
    private func logFileID(machine: String, time: Int64) throws -> Int64 {
        let path = "export:" + machine
        try database.prepare(
            """
            INSERT INTO log_file (path, tool, size, modified, consumed, fingerprint, malformed, last_read)
            VALUES (?, 'export', 0, 0, 0, '', 0, ?) ON CONFLICT(path) DO UPDATE SET last_read = excluded.last_read
            """
        ).execute([.text(path), .integer(time)])
        return try database.prepare("SELECT id FROM log_file WHERE path = ?").first([.text(path)]) { $0.int64(0) } ?? 0
    }

    /// The machines merged here, by id.
    package func mergedMachines() throws -> [(machine: String, exporter: String, exported: Int64, sessions: Int)] {
        try database.prepare("SELECT machine, exporter, exported, sessions FROM merged_export ORDER BY machine").rows {
            ($0.text(0), $0.text(1), $0.int64(2), $0.int(3))
        }
    }

    // MARK: - People

    /// `alias` (a name or email, lower case) is `person`. A person named is no one's alias any
    /// more (`people merge B A` after `people merge A B`: A is now B, and B no longer A).
    package func setAlias(_ alias: String, person: String) throws {
        try database.prepare("DELETE FROM person_alias WHERE alias = ?").execute([.text(person.lowercased())])
        try database.prepare(
            "INSERT INTO person_alias (alias, person) VALUES (?, ?) ON CONFLICT(alias) DO UPDATE SET person = excluded.person"
        ).execute([.text(alias.lowercased()), .text(person.lowercased())])
    }

    package func aliases() throws -> [String: String] {
        PersonAliases.resolved(
            Dictionary(
                try database.prepare("SELECT alias, person FROM person_alias").rows { ($0.text(0), $0.text(1)) },
                uniquingKeysWith: { first, _ in first }))
    }

    /// Every author: email, the names used, commits (merge and bot commits included).
    package func authors() throws -> [(email: String, names: [String], commits: Int)] {
        var names: [String: Set<String>] = [:]
        var counts: [String: Int] = [:]
        try database.prepare(
            "SELECT lower(author_email), author_name, count(*) FROM git_commit WHERE reachable = 1 GROUP BY 1, 2"
        ).query { row in
            names[row.text(0), default: []].insert(row.text(1))
            counts[row.text(0), default: 0] += row.int(2)
        }
        return names.keys.sorted().map { ($0, (names[$0] ?? []).sorted(), counts[$0] ?? 0) }
    }
}
