import Foundation
import Model
import Storage
import Support

/// One session-log file (or Cline task folder) to read, and how.
package struct SessionLogEntry: Sendable, Equatable {
    package var path: String
    package var format: SessionLogFormat
    /// For an aider chat history: the `.aider.input.history` beside it.
    package var inputHistory: String?

    package init(path: String, format: SessionLogFormat, inputHistory: String? = nil) {
        self.path = path
        self.format = format
        self.inputHistory = inputHistory
    }

    /// The tool its sessions are stored under: the format's, or a Cline fork's (Roo Code, Kilo Code)
    /// told by its folder (`ClineTaskReader.tool(ofTaskFolder:)`).
    package var tool: String {
        format.tool == ClineTaskReader.tool ? ClineTaskReader.tool(ofTaskFolder: path) : format.tool
    }
}

/// What one `ingest sessions` run did.
package struct SessionIngestReport: Sendable {
    /// Log files found, per tool.
    package var found: [String: Int] = [:]
    package var read = 0
    package var unchanged = 0
    package var rewritten = 0
    /// Logs read again whole, unchanged, because they were marked so (a repository ingested after them).
    package var readAgain = 0
    /// Sessions this run created, and sessions stored before that got new records.
    package var newSessions = 0
    package var updatedSessions = 0
    /// Malformed lines skipped, per file, with the first one's `file:line: expected …`.
    /// By file: how many malformed lines, and the first few as `path:line: what was expected`.
    package var malformed: [(path: String, count: Int, examples: [String])] = []
    /// Files that could not be read, with the reason.
    package var skipped: [(path: String, reason: String)] = []
    /// Logs whose sessions got nothing from them (no prompt, token, model, file or commit) while they held
    /// records of types the reader does not know: a newer format, most likely (`unreadRecords(_:)`).
    package var unread: [(path: String, tool: String)] = []

    package var malformedTotal: Int { malformed.reduce(0) { $0 + $1.count } }
}

/// Reads session logs into the store, incrementally: an unchanged file (same size and
/// modification time) is skipped, a grown append-only log is read from where the last
/// run stopped, and a rewritten one is read again and replaces what it gave before.
/// Each file is stored together with how far it was read, in its batch's transaction, so an
/// interrupted run loses nothing and duplicates nothing (the next run reads that batch again).
///
/// Records count once however often they are read (`SessionDelta.records`): a read that repeats
/// records its session already has (lines appended again, a copy of a log) is read again with
/// them known, so that it adds only what is new. A record counts for the log that gave it first;
/// when that log is rewritten, the session's other logs are read again, whole, at the end of the run.
package struct SessionIngestor {
    private let database: Database
    private let store: SessionStore
    private let environment: [String: String]
    private let keepPrompts: Bool
    private let diagnostics: Diagnostics?

    package init(database: Database, environment: [String: String], keepPrompts: Bool, diagnostics: Diagnostics? = nil) {
        self.database = database
        self.store = SessionStore(database: database)
        self.environment = environment
        self.keepPrompts = keepPrompts
        self.diagnostics = diagnostics
    }

    /// The logs under `paths` (files or folders, walked recursively), recognised by content.
    /// An `.aider.input.history` next to a chat history is read with it, not on its own.
    /// - Parameter known: formats recognised in earlier runs (an unchanged log is not read to recognise it).
    package static func entries(under paths: [String], known: KnownFormats = KnownFormats()) -> [SessionLogEntry] {
        var unreadable: [String] = []
        return entries(under: paths, known: known, unreadable: &unreadable)
    }

    /// `entries(under:known:)`, and in `unreadable` the files and folders under the given folders
    /// that this process may not read (a log among them would be lost without a word).
    package static func entries(
        under paths: [String], known: KnownFormats = KnownFormats(), unreadable: inout [String]
    ) -> [SessionLogEntry] {
        var found: [String] = []
        var folders: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                found.append(path)
            } else if access(path, R_OK | X_OK) != 0 {
                unreadable.append(path)
            } else if SessionLogFormat.detect(path: path) == .clineTask {
                folders.append(path)
            } else {
                // A folder reached through a symbolic link is walked where the link points (the
                // walker does not follow one), its files named under the path given.
                let enumerator = FileManager.default.enumerator(atPath: FileKind.resolvingLinks(path))
                while let relative = enumerator?.nextObject() as? String {
                    let full = path + "/" + relative
                    var isFolder: ObjCBool = false
                    let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
                    if exists && isFolder.boolValue {
                        if access(full, R_OK | X_OK) != 0 {
                            unreadable.append(full)
                        } else if SessionLogFormat.detect(path: full) == .clineTask {
                            folders.append(full)
                            enumerator?.skipDescendants()
                        }
                    } else if exists && FileKind(path: full) == .regular && access(full, R_OK) != 0 {
                        unreadable.append(full)
                    } else {
                        found.append(full)
                    }
                }
            }
        }
        var entries = folders.map { SessionLogEntry(path: $0, format: .clineTask) }
        let all = Set(found)
        for path in found.sorted() {
            guard let format = known.format(of: path) else { continue }
            let folder = (path as NSString).deletingLastPathComponent
            if format == .aiderInputHistory && all.contains(folder + "/.aider.chat.history.md") { continue }
            let history = folder + "/.aider.input.history"
            entries.append(
                SessionLogEntry(
                    path: path, format: format,
                    inputHistory: format == .aiderChatHistory && all.contains(history) ? history : nil))
        }
        return entries.sorted { $0.path < $1.path }
    }

    /// Size and modification time of a file, or of a folder's files (a Cline task).
    static func stamp(_ path: String) -> (size: Int64, modified: Int64)? {
        func attributes(_ file: String) -> (Int64, Int64)? {
            // A file that vanished or cannot be stat'ed is reported by the caller as "cannot be read".
            guard let values = try? FileManager.default.attributesOfItem(atPath: file) else { return nil }
            let size = (values[.size] as? NSNumber)?.int64Value ?? 0
            let modified = Int64(((values[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) * 1e9)
            return (size, modified)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return attributes(path) }
        // An unlistable folder stamps as empty; reading it then fails and is reported per file.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        var size: Int64 = 0
        var modified: Int64 = 0
        for name in names {
            guard let (fileSize, fileModified) = attributes(path + "/" + name) else { continue }
            size += fileSize
            modified = max(modified, fileModified)
        }
        return (size, modified)
    }

    /// What to do with one entry, decided before the reads of its batch.
    private enum Plan {
        case skip(path: String, reason: String)
        case unchanged
        case read(Read)
    }

    private struct Read {
        var entry: SessionLogEntry
        var size: Int64
        var modified: Int64
        var offset: Int64
        var appendOnly: Bool
        var rewritten: SessionStore.FileState?
        /// The log no longer holds what was read of it (replaced, begun again, rewritten without
        /// records): what it gave is kept (`SessionStore.retireFile`), not forgotten.
        var replaced = false
    }

    /// How many entries are read at once (in parallel) before they are stored, in order.
    package static let batchSize = 64

    /// Reads every entry that changed since the last run: a batch of entries is read in
    /// parallel, then stored one file per transaction in the order of `entries`. While a batch
    /// is stored, the next is already being read (unless it holds a path of this one).
    package func ingest(_ entries: [SessionLogEntry], repositories: [Repository]) throws -> SessionIngestReport {
        var run = Run(resolver: RepositoryResolver(repositories: repositories, environment: environment))
        try ingest(entries, run: &run)
        // A repository ingested while this run read (`ingest git` in another process): the sessions
        // stored meanwhile were resolved without it, and that ingest may have marked their logs to be
        // read again before they were stored. Its sessions' logs that tied to no repository are read
        // again now, with it known.
        let current = try CommitStore(database: database).repositories()
        if Set(current.map(\.root)) != Set(repositories.map(\.root)) {
            try database.transaction { _ = try store.rereadUnattached() }
            let marked = try entries.filter { try store.fileState(path: $0.path)?.fingerprint == SessionStore.readAgainFingerprint }
            run.resolver = RepositoryResolver(repositories: current, environment: environment)
            run.again = true
            try ingest(marked, run: &run)
            run.again = false
        }
        // Logs whose records went with a rewritten log they repeated: read whole, once (these reads make
        // no more of them: every log of those sessions is then read since the forgetting).
        let again = run.readAgain.sorted()
        if !again.isEmpty {
            run.readAgain = []
            run.again = true
            let known = try KnownFormats(store: store)
            var entries: [SessionLogEntry] = []
            for path in again {
                guard let format = known.format(of: path) else { continue }
                try store.readAgain(path: path)
                let history = (path as NSString).deletingLastPathComponent + "/.aider.input.history"
                entries.append(
                    SessionLogEntry(
                        path: path, format: format,
                        inputHistory: format == .aiderChatHistory && FileManager.default.fileExists(atPath: history)
                            ? history : nil))
            }
            try ingest(entries, run: &run)
        }
        run.report.newSessions = run.created.count
        run.report.updatedSessions = run.updated.subtracting(run.created).count
        return run.report
    }

    /// What one `ingest` call keeps across its files.
    private struct Run {
        var resolver: RepositoryResolver
        var report = SessionIngestReport()
        /// Sessions ("tool NUL id") this run created, and stored ones it added records to.
        var created: Set<String> = []
        var updated: Set<String> = []
        /// Logs to read again, whole, at the end (`SessionStore.forgetFile`).
        var readAgain: Set<String> = []
        /// Whether these are the reads of `readAgain`: they are not counted in the report (their logs were),
        /// and forgetting them puts no more logs in `readAgain`.
        var again = false
        /// The repositories' authors as identities (`SessionOwners`) and each identity's emails, read once
        /// when a log with local times first asks whose it is.
        var owners: (identities: [String: Set<String>], emails: [String: Set<String>])?

        /// The emails of the author a session belongs to (`SessionOwners`: its user folder, else a folder
        /// of its log's path); empty when that is not one author.
        mutating func ownerEmails(workingDirectory: String?, source: String, database: Database) throws -> Set<String> {
            if owners == nil {
                let team = TeamStore(database: database)
                let authors = try team.authors()
                let aliases = try team.aliases()
                var emails: [String: Set<String>] = [:]
                for author in authors { emails[aliases[author.email] ?? author.email, default: []].insert(author.email) }
                owners = (SessionOwners.identities(authors, aliases: aliases), emails)
            }
            guard let owners,
                let owner = SessionOwners.owner(workingDirectory: workingDirectory, source: source, identities: owners.identities)
            else { return [] }
            return owners.emails[owner] ?? []
        }
    }

    /// Reads and stores `entries`, batch by batch.
    private func ingest(_ entries: [SessionLogEntry], run: inout Run) throws {
        let batches = Self.batches(of: entries)
        var ahead: (plans: [Plan], reading: PendingRead)?
        for (number, batch) in batches.enumerated() {
            let (plans, reading) = try ahead ?? startReading(batch, report: &run.report, counting: !run.again)
            ahead = nil
            do {
                if number + 1 < batches.count, Set(batch.map(\.path)).isDisjoint(with: batches[number + 1].map(\.path)) {
                    ahead = try startReading(batches[number + 1], report: &run.report, counting: !run.again)
                }
                let results = reading.results()
                var next = 0
                // The batch's files in one transaction, each with how far it was read: an interrupted
                // run loses at most this batch, which the next run reads again. (A transaction a file
                // wrote the same index pages to the log once per file: 17 times the database's size.)
                try database.transaction {
                    for plan in plans {
                        switch plan {
                        case .skip(let path, let reason):
                            run.report.skipped.append((path, reason))
                        case .unchanged:
                            if !run.again { run.report.unchanged += 1 }
                        case .read(let read):
                            let result = results[next]
                            next += 1
                            try store(read, result, into: &run)
                        }
                    }
                }
            } catch {
                // Nothing is left reading (and reporting) after an error.
                _ = reading.results()
                _ = ahead?.reading.results()
                throw error
            }
        }
    }

    /// Plans a batch (counting what it found) and starts reading what needs reading.
    private func startReading(_ batch: [SessionLogEntry], report: inout SessionIngestReport, counting: Bool) throws -> (
        plans: [Plan], reading: PendingRead
    ) {
        var plans: [Plan] = []
        for entry in batch {
            if counting { report.found[entry.tool, default: 0] += 1 }
            plans.append(try plan(entry))
        }
        let requests = plans.compactMap { plan -> SessionLogReader.Request? in
            guard case .read(let read) = plan else { return nil }
            return SessionLogReader.Request(
                path: read.entry.path, format: read.entry.format, offset: read.offset,
                inputHistoryPath: read.entry.inputHistory)
        }
        return (plans, PendingRead(requests, diagnostics: diagnostics))
    }

    /// A batch being read on other threads.
    private final class PendingRead: @unchecked Sendable {
        // `read` is written once on the reading thread, and read only after `done` is waited for.
        private let done = DispatchGroup()
        private var read: [Result<SessionReadResult, any Error>] = []

        init(_ requests: [SessionLogReader.Request], diagnostics: Diagnostics?) {
            done.enter()
            DispatchQueue.global().async { [self] in
                read = SessionLogReader.read(requests, diagnostics: diagnostics)
                done.leave()
            }
        }

        /// The results, in the order of the requests, once all are read.
        func results() -> [Result<SessionReadResult, any Error>] {
            done.wait()
            return read
        }
    }

    /// Batches of `batchSize` entries, none holding a path twice (a later duplicate must see
    /// what the earlier one stored). A batch that is full goes on, up to `batchSize * 4`, while
    /// the entries are in the same folder: the continuation search then finds a Claude summary's
    /// neighbours among the logs its batch reads anyway.
    package static func batches(of entries: [SessionLogEntry]) -> [[SessionLogEntry]] {
        var batches: [[SessionLogEntry]] = []
        var current: [SessionLogEntry] = []
        var paths: Set<String> = []
        for entry in entries {
            let sameFolder = current.last.map { folder(of: $0.path) == folder(of: entry.path) } ?? false
            let full = current.count >= batchSize * 4 || (current.count >= batchSize && !sameFolder)
            if full || paths.contains(entry.path) {
                batches.append(current)
                current = []
                paths = []
            }
            current.append(entry)
            paths.insert(entry.path)
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// The folder of a log, a Claude sub-agent's (`<session>/subagents/`) counting as its session's.
    private static func folder(of path: String) -> Substring {
        var folder = path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
        if folder.hasSuffix("/subagents"), let session = folder.dropLast("/subagents".count).lastIndex(of: "/") {
            folder = folder[..<session]
        }
        return folder
    }

    /// Whether and from where an entry is to be read.
    private func plan(_ entry: SessionLogEntry) throws -> Plan {
        guard let (size, modified) = Self.stamp(entry.path) else { return .skip(path: entry.path, reason: "cannot be read") }
        // A compressed log's offsets count decompressed bytes: it is always read whole.
        let appendOnly = entry.format.isIncremental && LogLineSource.compression(of: entry.path) == .none
        let state = try store.fileState(path: entry.path)
        if let state, state.size == size, state.modified == modified { return .unchanged }
        // Touched, not changed (a backup restored, `touch`, a sync tool): a log whose records never
        // change once written, read to its end, of that size still and holding what was read of it
        // (its first bytes and those before its end), is the same log. Logs marked to be read again
        // carry another fingerprint.
        if let state, entry.format.keepsRecords, state.size == size, state.consumed == size,
            !state.fingerprint.isEmpty, state.fingerprint != SessionStore.readAgainFingerprint,
            FileFingerprint.matches(path: entry.path, consumed: state.consumed, stored: state.fingerprint)
        {
            return .unchanged
        }
        var offset: Int64 = 0
        var rewritten: SessionStore.FileState?
        var replaced = false
        if let state {
            let holds = size >= state.consumed
                && FileFingerprint.matches(path: entry.path, consumed: state.consumed, stored: state.fingerprint)
            if appendOnly && holds {
                offset = state.consumed
            } else {
                rewritten = state
                // A log whose records, once written, stay as they were (not Cline's or Gemini's JSON,
                // rewritten whole with updated records) and no longer holds what was read of it.
                replaced = entry.format.keepsRecords && !holds
                    && !state.fingerprint.hasPrefix(SessionStore.readAgainFingerprint)
            }
        }
        var plan = Read(entry: entry, size: size, modified: modified, offset: offset, appendOnly: appendOnly, rewritten: rewritten)
        plan.replaced = replaced
        return .read(plan)
    }

    /// Stores one file's read with how far it was read, inside its batch's transaction. A read that repeats
    /// records its sessions already have is read again with those known (`SessionStore.storedRecords`).
    private func store(_ read: Read, _ outcome: Result<SessionReadResult, any Error>, into run: inout Run) throws {
        let entry = read.entry
        var result: SessionReadResult
        switch outcome {
        case .success(let value): result = value
        case .failure(let error):
            run.report.skipped.append((entry.path, "\(error)"))
            return
        }
        let resolver = run.resolver
        var created: [String] = []
        var updated: [String] = []
        var others: [String] = []
        var known: [String: Set<UInt64>] = [:]
        // Judged on the read as the reader gave it (a read again with known records counts less);
        // a Bool, not a copy of the read, which the changes below would make a second one in memory.
        let onlyUnknown = Self.onlyUnknownRecords(result)
        var anyExisted = false
        do {
            // Before a rewritten file's sessions are forgotten and stored again: they are not new.
            let existed = try Set(
                result.sessions.filter { try store.sessionExists(tool: $0.tool, id: $0.id) }.map { $0.tool + "\u{0}" + $0.id })
            anyExisted = !existed.isEmpty
            if let state = read.rewritten {
                // An append-only log that no longer begins as it did, or lost what was read of it,
                // was replaced: what it gave stays (records are kept, not re-derived, FORMATS.md
                // §1.7). A log its tool rewrites whole (Cline, Gemini's JSON) replaces what it gave,
                // and so does one marked to be read again.
                if read.replaced {
                    try store.retireFile(id: state.id)
                } else {
                    others = try store.forgetFile(id: state.id)
                }
            }
            for session in result.sessions {
                if let stored = try store.storedRecords(repeatedBy: session) { known[session.id] = stored }
            }
            if !known.isEmpty {
                // Its warnings were given by the first read.
                let first = result
                result = try SessionLogReader.read(
                    path: entry.path, format: entry.format, fromOffset: read.offset, inputHistoryPath: entry.inputHistory,
                    known: KnownRecords(known))
                result.malformedLines = first.malformedLines
                result.malformedExamples = first.malformedExamples
            }
            let consumed = read.appendOnly ? result.consumedBytes : read.size
            let fingerprint = entry.format.keepsRecords
                ? FileFingerprint.resume(path: entry.path, consumed: consumed) ?? "" : ""
            let fileID = try store.recordFile(
                path: entry.path, tool: entry.format.tool, format: entry.format.rawValue, size: read.size,
                modified: read.modified, consumed: consumed, fingerprint: fingerprint, malformed: result.malformedLines,
                time: Int64(Date().timeIntervalSince1970))
            for var session in result.sessions {
                let name = session.tool + "\u{0}" + session.id
                if try !existed.contains(name) && !store.sessionExists(tool: session.tool, id: session.id) {
                    created.append(name)
                } else if !session.records.isEmpty {
                    updated.append(name)
                }
                let repository = resolver.resolve(
                    session.workingDirectory, repositoryURL: session.repositoryURL, filesEdited: session.filesEdited,
                    projectHash: session.projectHash)
                // A Gemini log keeps only the hash of the folder it ran in; where an edited path's folder
                // has that hash, that folder is its working directory (and names its owner's user folder).
                if session.workingDirectory?.isEmpty ?? true,
                    let root = RepositoryResolver.hashedRoot(session.filesEdited, projectHash: session.projectHash)
                {
                    session.workingDirectory = root
                }
                if session.localTimes, let repository, let first = session.eventTimes.first,
                    let offset = try CommitStore(database: database).authorOffset(
                        repositoryID: repository.repositoryID, commitPrefixes: session.commits, near: first / 1000,
                        window: 14 * 86_400,
                        ownerEmails: try run.ownerEmails(workingDirectory: session.workingDirectory, source: entry.path, database: database))
                {
                    // Local wall-clock time = UTC + offset.
                    session.eventTimes = session.eventTimes.map { $0 - Int64(offset) * 60_000 }
                }
                var words: [String: Int] = [:]
                var keys: [String] = []
                for text in session.promptTexts {
                    for (word, count) in PromptVocabulary.words(in: text) { words[word, default: 0] += count }
                    for key in IssueKeys.inText(text) where !keys.contains(key) && keys.count < 20 { keys.append(key) }
                }
                try store.add(
                    session, logFileID: fileID, source: entry.path,
                    repository: repository,
                    prompts: keepPrompts ? session.promptTexts.map(SecretRedactor.redact) : [], promptWords: words,
                    promptKeys: keys, promptCharacters: session.promptTexts.reduce(0) { $0 + $1.count },
                    continuing: read.offset > 0 || known[session.id] != nil)
            }
        }
        run.created.formUnion(created)
        run.updated.formUnion(updated)
        if !run.again { run.readAgain.formUnion(others) }
        // Read whole since any forgetting: what it gave is all there.
        if read.offset == 0 { run.readAgain.remove(entry.path) }
        if !run.again {
            run.report.read += 1
            if read.rewritten?.fingerprint == SessionStore.readAgainFingerprint {
                run.report.readAgain += 1
            } else if read.rewritten != nil {
                run.report.rewritten += 1
            }
        }
        if result.malformedLines > 0 {
            run.report.malformed.append((entry.path, result.malformedLines, result.malformedExamples))
        }
        // A grown log's new part says nothing of a session it began before (its appended records may all be
        // of new types): only a read that gave only new sessions counts.
        if !run.again, onlyUnknown, read.offset == 0 || !anyExisted {
            run.report.unread.append((entry.path, entry.tool))
        }
    }

    /// Whether a read gave sessions with nothing in them but times (no prompt, token, model, file or
    /// commit) while the log held records of types its reader does not know: what a log whose tool renamed
    /// its record types gives. A log of known records with some unknown ones among them gives more.
    static func onlyUnknownRecords(_ result: SessionReadResult) -> Bool {
        result.unknownRecords > 0 && !result.sessions.isEmpty
            && result.sessions.allSatisfy {
                $0.prompts == 0 && $0.usage.isEmpty && $0.models.isEmpty && $0.filesEdited.isEmpty && $0.commits.isEmpty
            }
    }
}
