import Foundation
import Model
import Support

/// Reads a Claude Code transcript (`<project>/<sessionId>.jsonl`, a sub-agent's
/// `<sessionId>/subagents/agent-<id>.jsonl` or a 2.0.x sibling `agent-<id>.jsonl`),
/// following FORMATS.md §1.
///
/// - One delta per `sessionId` in the file (old `--resume` copies put two in one file).
///   Lines with `isSidechain:true` and an `agentId` form a sub-agent delta
///   `<sessionId>/<agentId>` whose `parentID` is the session; inline sidechains of
///   1.0.x (no `agentId`) stay in the main session: their times, usage, models and
///   edits count, their prompts do not.
/// - Usage is keyed `message.id:requestId`; a sidechain line that replays a message id
///   the main conversation already has (in this file, or in the parent transcript of a
///   sub-agent file) is dropped (FORMATS.md §1.4, ccusage #913).
/// - A file of only `summary` lines yields no session. A `summary.leafUuid` that points
///   at a message of another session sets `continuedFrom` (looked up in this file, then
///   in the other transcripts of the same folder).
/// - Lines without a `sessionId` (snapshots, summaries) belong to the session of the
///   lines around them; unknown record types are counted and their timestamps kept. A
///   transcript whose conversation names no session at all is the session its file names.
/// - Prompts: user lines that ClaudePrompt takes, and the `queued_command` attachments of prompts a
///   person typed while Claude was busy (`commandMode` "prompt", `origin.kind` "human"); not their
///   `queue-operation` lines, nor task notifications.
/// - A line is a record known by its `uuid` (else by its bytes): one read again (a duplicated line,
///   a copied or resumed transcript) counts once (`SessionBuilder.beginRecord`).
package enum ClaudeSessionReader {
    static let tool = "claude-code"
    private static let knownTypes: Set<String> = [
        "user", "assistant", "system", "summary", "progress", "file-history-snapshot", "queue-operation", "mode",
        "permission-mode", "last-prompt", "custom-title", "tag", "agent-name", "attachment",
    ]
    private static let editTools: Set<String> = ["Edit", "MultiEdit", "Write", "NotebookEdit"]
    /// The record types of the conversation itself.
    private static let conversationTypes: Set<String> = ["user", "assistant", "system"]
    /// The tool that starts a sub-agent: `Task`, renamed `Agent` in 2.1.63 (anthropics/claude-code#29677).
    private static let subagentTools: Set<String> = ["Task", "Agent"]

    /// A usage record that came from a sidechain line, remembered to drop replays at the end.
    private struct SidechainUsage {
        var session: String
        var messageID: String
        var key: String
    }

    /// Reads `path` from `offset` (0 for the whole file); records in `known` are not counted again.
    /// - Throws: `SessionLogError` when the file cannot be read.
    package static func read(
        path: String, fromOffset offset: Int64 = 0, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        finish(
            try readDeferringSearch(path: path, fromOffset: offset, diagnostics: diagnostics, indexing: false, known: known),
            path: path)
    }

    /// A read whose search of the neighbouring transcripts is left to `finish`, so that a
    /// batch of reads can first index the transcripts it reads anyway.
    struct DeferredRead {
        var result: SessionReadResult
        /// Of a read from offset 0 that was asked to index: the lines' `uuid`s and sessions (what
        /// the continuation search looks for).
        var index: ClaudeContinuationSearch.TranscriptIndex?
        /// The main session, and the leaves its summaries point at that this file does not hold
        /// (a read from offset 0 only).
        var unresolved: (session: String, leafs: [String])?

        init(result: SessionReadResult) {
            self.result = result
        }
    }

    /// Sets `continuedFrom` from the neighbouring transcripts; `batch` holds what the batch of
    /// reads this one belongs to knows (the transcripts it read are not read again).
    static func finish(_ read: DeferredRead, path: String, batch: ClaudeContinuationSearch.Batch = .init()) -> SessionReadResult {
        var result = read.result
        guard let (session, leafs) = read.unresolved, let index = result.sessions.firstIndex(where: { $0.id == session })
        else { return result }
        result.sessions[index].continuedFrom = ClaudeContinuationSearch.session(
            owningOneOf: leafs, other: session, near: path, batch: batch)
        return result
    }

    /// `read` without the search of the neighbours; with `indexing`, a read from offset 0 also
    /// gives `index`.
    static func readDeferringSearch(
        path: String, fromOffset offset: Int64, diagnostics: Diagnostics?, indexing: Bool,
        known: KnownRecords = KnownRecords()
    ) throws -> DeferredRead {
        let indexing = indexing && offset == 0
        var index = ClaudeContinuationSearch.TranscriptIndex()
        var tally = ReadTally(path: path, startOffset: offset, diagnostics: diagnostics)
        let fileName = (path as NSString).lastPathComponent
        let fileAgent = agentID(fromFileName: fileName)
        var builders: [String: SessionBuilder] = [:]
        // The last line's builder is kept out of `builders` while the lines keep to its session,
        // so that neither its arrays are copied nor the dictionary touched on every line.
        var active: SessionBuilder?
        var current: String?
        var firstMain: String?
        var pendingFiles: [String] = []
        var leafs: [String] = []
        var leafOwners: [String: String] = [:]
        var mainMessageIDs: Set<String> = []
        var sidechainUsage: [SidechainUsage] = []
        var strings = RepeatedStrings(slots: ClaudeRecord.Repeated.allCases.count)

        let consumed = try LogLineSource.forEachLine(path: path, fromOffset: offset) { line in
            guard
                let record = tally.object(line, { ClaudeRecord($0, keepUUID: !leafs.isEmpty, keyUUID: indexing, strings: &strings) })
            else {
                return ReadTally.isBlank(line.bytes)
            }
            if let key = record.uuidKey, let session = record.sessionId { index.add(key, session: session) }
            let type = record.type ?? ""
            if !knownTypes.contains(type) { tally.unknown += 1 }
            if type == "summary" {
                if let leaf = record.leafUuid { leafs.append(leaf) }
                return true
            }
            var key = current
            var parent: String?
            // A conversation line of a transcript that names no session (a version that renamed the
            // field): the transcript's file is named by its session id (FORMATS.md §1.1).
            let session = record.sessionId.flatMap { $0.isEmpty ? nil : $0 }
                ?? (current == nil && fileAgent == nil && conversationTypes.contains(type) ? (fileName as NSString).deletingPathExtension : nil)
            if let session {
                if record.isSidechain, let agent = record.agentId ?? fileAgent {
                    key = session + "/" + agent
                    parent = session
                } else {
                    key = session
                }
            }
            guard let key else {
                pendingFiles += record.trackedFiles
                return true
            }
            current = key
            if parent == nil && firstMain == nil { firstMain = key }
            if let uuid = record.uuid, !leafs.isEmpty, leafs.contains(uuid) { leafOwners[uuid] = key }
            if active?.id != key {
                if let last = active { builders[last.id] = last }
                active = builders.removeValue(forKey: key) ?? SessionBuilder(tool: tool, id: key, parentID: parent, known: known)
            }
            // Changed in place: a copy would retain every array and set of the builder.
            if !pendingFiles.isEmpty {
                active!.filesEdited.formUnion(pendingFiles)
                pendingFiles = []
            }
            // Lines without a uuid (snapshots, queue operations, mode lines) are known by their bytes.
            active!.beginRecord(record.identity ?? RecordIdentity.of(line: line.bytes))
            apply(record, to: &active!, mainMessageIDs: &mainMessageIDs, sidechainUsage: &sidechainUsage)
            return true
        }
        if let last = active { builders[last.id] = last }

        if !pendingFiles.isEmpty {
            let key = current ?? (fileName as NSString).deletingPathExtension
            var builder = builders.removeValue(forKey: key) ?? SessionBuilder(tool: tool, id: key, known: known)
            builder.filesEdited.formUnion(pendingFiles)
            builders[key] = builder
        }
        dropReplays(sidechainUsage, of: &builders, path: path, fileAgent: fileAgent, known: mainMessageIDs)
        var unresolved: (session: String, leafs: [String])?
        if let main = firstMain, !leafs.isEmpty {
            // A leaf this file holds answers at once; the others are looked for in the neighbours.
            if let owner = leafs.lazy.compactMap({ leafOwners[$0] }).first(where: { $0 != main }) {
                builders[main]?.continuedFrom = owner
            } else if offset == 0 {
                unresolved = (main, leafs.filter { leafOwners[$0] == nil })
            }
        }
        let sessions = builders.values.filter { !$0.isEmpty }.map { $0.build() }
        var read = DeferredRead(result: tally.finish(sessions: sessions, consumedBytes: consumed))
        read.index = indexing ? index : nil
        read.unresolved = unresolved
        return read
    }

    private static func apply(
        _ record: ClaudeRecord, to builder: inout SessionBuilder, mainMessageIDs: inout Set<String>,
        sidechainUsage: inout [SidechainUsage]
    ) {
        builder.addTime(record.time)
        builder.noteDirectory(record.cwd)
        builder.noteBranch(record.gitBranch)
        if let version = record.version, !version.isEmpty { builder.toolVersion = version }
        // Snapshots repeat every file tracked so far (relative paths): the tool uses before them time the first edit.
        builder.filesEdited.formUnion(record.trackedFiles)
        builder.commits.formUnion(record.toolCommits)
        if let mode = record.permissionMode, !mode.isEmpty, !record.isSidechain {
            if mode == "plan" { builder.notePlan("permissionMode plan") } else { builder.noteModeShown("permissionMode " + mode) }
        }
        // A prompt typed while Claude was busy: its queued_command attachment (the queue-operation that
        // enqueued it holds the same text, and is not counted).
        if let queued = record.queuedPrompt, !record.isSidechain, !record.isMeta,
            let text = ClaudePrompt.classify(queued)
        {
            builder.addPrompt(text)
        }
        guard let message = record.message else { return }
        switch record.type {
        case "user":
            if case .blocks(let blocks) = message.content {
                for block in blocks { builder.commits.formUnion(block.resultCommits) }
            }
            guard !record.isSidechain, !record.isMeta, !record.isCompactSummary, let content = message.content,
                let text = ClaudePrompt.text(of: content)
            else { return }
            builder.addPrompt(text)
        case "assistant":
            if case .blocks(let blocks) = message.content {
                // Tool uses are recorded in every version: a log that shows none of Task/Agent ran no sub-agent.
                builder.showsSubagents()
                for block in blocks where block.type == "tool_use" {
                    guard let name = block.name else { continue }
                    if editTools.contains(name), let file = block.filePath, !file.isEmpty {
                        builder.noteEdit(file)
                    } else if name == "ExitPlanMode" {
                        // Plan mode lets Claude write only its plan file, just before it asks to exit.
                        builder.notePlan("ExitPlanMode tool", coversTurn: true)
                    } else if name == "EnterPlanMode" {
                        builder.notePlan("EnterPlanMode tool")
                    } else if subagentTools.contains(name), !record.isSidechain {
                        builder.noteSubagent()
                    }
                }
            }
            guard !record.isApiErrorMessage else { return }
            builder.addModel(message.model)
            guard let usage = message.usage, let id = message.id else { return }
            let key = record.requestId.map { id + ":" + $0 } ?? id
            builder.add(
                UsageRecord(
                    key: key, input: usage.input, output: usage.output, cacheWrite: usage.cacheWrite,
                    cacheRead: usage.cacheRead))
            if record.isSidechain {
                sidechainUsage.append(SidechainUsage(session: builder.id, messageID: id, key: key))
            } else {
                mainMessageIDs.insert(id)
            }
        default:
            break
        }
    }

    /// Drops sidechain usage whose message id the main conversation has under another key.
    private static func dropReplays(
        _ sidechain: [SidechainUsage], of builders: inout [String: SessionBuilder], path: String, fileAgent: String?,
        known: Set<String>
    ) {
        guard !sidechain.isEmpty else { return }
        var mainIDs = known
        if fileAgent != nil, let parentSession = sidechain.first?.session.split(separator: "/").first {
            mainIDs.formUnion(parentMessageIDs(subagentPath: path, session: String(parentSession)))
        }
        for entry in sidechain where mainIDs.contains(entry.messageID) {
            builders[entry.session]?.usage[entry.key] = nil
        }
    }

    /// Message ids of the main-conversation assistant lines of a sub-agent's parent transcript.
    private static func parentMessageIDs(subagentPath: String, session: String) -> Set<String> {
        let folder = (subagentPath as NSString).deletingLastPathComponent
        var projects = [folder]
        if (folder as NSString).lastPathComponent == "subagents" {
            let sessionFolder = (folder as NSString).deletingLastPathComponent
            projects.insert((sessionFolder as NSString).deletingLastPathComponent, at: 0)
        }
        let candidates = projects.flatMap { project in
            ["", ".gz", ".zst"].map { (project as NSString).appendingPathComponent(session + ".jsonl" + $0) }
        }
        guard let parent = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return [] }
        var ids: Set<String> = []
        var tally = ReadTally(path: parent, startOffset: 0, diagnostics: nil)
        // An unreadable parent only means replays cannot be recognised: the sub-agent is still read.
        _ = try? LogLineSource.forEachLine(path: parent, fromOffset: 0) { line in
            if let record = tally.decode(line.bytes, { ClaudeRecord($0) }), record.type == "assistant",
                !record.isSidechain, let id = record.message?.id
            {
                ids.insert(id)
            }
            return true
        }
        return ids
    }

    /// `agent-a2898e3.jsonl` → `a2898e3`.
    static func agentID(fromFileName name: String) -> String? {
        guard name.hasPrefix("agent-"), name.hasSuffix(".jsonl") else { return nil }
        let id = name.dropFirst("agent-".count).dropLast(".jsonl".count)
        return id.isEmpty ? nil : String(id)
    }
}
