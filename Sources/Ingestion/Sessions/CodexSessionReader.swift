import Foundation
import Model
import Support

/// Reads a Codex rollout (`rollout-<local time>-<uuid>.jsonl`, also `.jsonl.zst` and
/// `.jsonl.gz`), in the current `{timestamp,type,payload}` envelope or the legacy
/// bare-header one (FORMATS.md §2).
///
/// - Session id, cwd, branch and CLI version come from `session_meta` (legacy: the header);
///   a read from an offset takes them from the file's first line.
/// - Prompts: `event_msg/user_message` in the current envelope (the `response_item` user
///   messages repeat them and add injected context, so they are not counted); in the legacy
///   envelope, which has no events, user messages that are not `<environment_context>`,
///   `<user_instructions>` or AGENTS.md blocks.
/// - Usage: one record per `token_count` keyed `codex:<session>:<cumulative total_tokens>`,
///   so the many events that repeat the previous total collapse into one. Values are
///   `last_token_usage` (or the difference of successive totals): `input` without the cached
///   part, `cacheRead` = cached, `output` including reasoning.
/// - Files: paths of `apply_patch` bodies in function_call arguments (also `applypatch` run
///   through the shell) and custom_tool_call input. Commits: `git commit` output in tool output.
/// - Lines carry no id: a line read again (a copy of the rollout, a duplicated line) is known by its
///   bytes and counts once.
/// - A sub-agent's rollout (`session_meta.source.subagent.thread_spawn`) belongs to the session that
///   spawned it, and begins by replaying that session's events within one second (FORMATS.md §2.4,
///   quirk d): when its first two token counts share their second, the events of that second are
///   the parent's, already counted in the parent's rollout, and are skipped (their totals still
///   start the sub-agent's own differences).
/// - A newer sub-agent's or fork's rollout (its `session_meta` names a parent: `thread_spawn` or
///   `forked_from_id`) copies the parent's history after its own header: the parent's `session_meta`,
///   then the parent's records (prompts, patches, token counts), then the child's own first
///   `turn_context`. That inherited prefix is skipped whole (FORMATS.md §2.4 quirk d); a copied
///   `turn_context` of the parent's (its `turn_id` a UUID v7 minted before the child's id) does not end it.
///   Its last total starts the child's own differences, and a token count repeating it is a replay.
package enum CodexSessionReader {
    static let tool = "codex"
    private static let knownTypes: Set<String> = [
        "session_meta", "response_item", "event_msg", "turn_context", "compacted", "inter_agent_communication",
        "world_state",
    ]
    private static let injectedPrefixes = [
        "<environment_context>", "<user_instructions>", "# AGENTS.md instructions", "<INSTRUCTIONS>",
        "<user_shell_command>", "<turn_aborted>",
    ]

    /// Reads `path` from `offset` (0 for the whole file; for compressed files, decompressed bytes);
    /// records in `known` are not counted again.
    /// - Throws: `SessionLogError` when the file cannot be read or decompressed.
    package static func read(
        path: String, fromOffset offset: Int64 = 0, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        var tally = ReadTally(path: path, startOffset: offset, diagnostics: diagnostics)
        var builder = SessionBuilder(tool: tool, id: fallbackID(path: path), known: known)
        var sawSession = false
        var legacy = false
        var previousTotal: CodexRecord.Usage?
        // The header: the first record that is one (a damaged first line before it is counted as
        // malformed, the header still names the session).
        var headerRead = false
        // The header names a parent (sub-agent or fork); then a later session_meta of another id begins
        // the copy of the parent's history, until the child's own turn.
        var namesParent = false
        var inheriting = false
        var inheritedTotal: CodexRecord.Usage?
        if offset > 0, let first = firstRecord(path: path) {
            legacy = noteHeader(first, into: &builder)
            namesParent = Self.namesParent(first)
            sawSession = true
            headerRead = true
        }
        var firstParsed = true
        // A sub-agent's replay of its parent: the second it happened in, once the header says so.
        var replay: Substring?
        var replayLooked = false
        let consumed = try LogLineSource.forEachLine(path: path, fromOffset: offset) { line in
            guard let record = tally.object(line, CodexRecord.init) else { return ReadTally.isBlank(line.bytes) }
            // A legacy header is the first record; a `session_meta` names the session wherever it is.
            let header = !headerRead && (firstParsed || record.type == "session_meta")
            firstParsed = false
            if header {
                legacy = noteHeader(record, into: &builder)
                headerRead = record.type == "session_meta" || legacy
                sawSession = sawSession || headerRead
                namesParent = Self.namesParent(record)
            } else if namesParent, record.type == "session_meta", let id = record.payload?.id, !id.isEmpty,
                id != builder.id
            {
                // The parent's header: its history follows (and the older one-second replay rule is moot).
                inheriting = true
                replay = nil
                replayLooked = true
                return true
            }
            if inheriting {
                if record.type == "turn_context", !mintedBefore(record.payload?.turnID, id: builder.id) {
                    inheriting = false  // the child's own turn begins
                } else {
                    if record.type == "event_msg", record.payload?.type == "token_count",
                        let total = record.payload?.info?.total
                    {
                        previousTotal = total
                        inheritedTotal = total
                    }
                    return true
                }
            }
            if let inherited = inheritedTotal, record.type == "event_msg", record.payload?.type == "token_count",
                record.payload?.info?.total == inherited
            {
                return true  // the parent's last total, repeated after the child's turn began
            }
            if !replayLooked, builder.parentID != nil {
                replayLooked = true
                replay = replaySecond(path: path)
            }
            if let second = replay, record.type == "event_msg" {
                if let time = record.timestamp, time.prefix(19) == second {
                    if record.payload?.type == "token_count", let total = record.payload?.info?.total { previousTotal = total }
                    return true
                }
                replay = nil  // the sub-agent's own events begin
            }
            // Lines have no id: a line is known by its bytes (after the header named the session).
            builder.beginRecord(RecordIdentity.of(line: line.bytes))
            if header && legacy {
                builder.addTime(record.bare.timestamp.flatMap(LogTimestamp.milliseconds(iso:)))
                return true
            }
            builder.addTime(record.timestamp.flatMap(LogTimestamp.milliseconds(iso:)))
            if let payload = record.payload, let type = record.type {
                guard knownTypes.contains(type) else {
                    tally.unknown += 1
                    return true
                }
                sawSession = true
                apply(type: type, payload, to: &builder, previousTotal: &previousTotal)
            } else if record.recordType != nil {
                return true
            } else if legacy || record.type == "message" || record.type == "function_call" {
                applyItem(record.bare, legacy: true, to: &builder)
            } else {
                tally.unknown += 1
            }
            return true
        }
        let sessions = sawSession && !builder.isEmpty ? [builder.build()] : []
        return tally.finish(sessions: sessions, consumedBytes: consumed)
    }

    /// Takes id, cwd, branch and version from a session_meta line or a legacy header.
    /// - Returns: whether the line is a legacy header.
    private static func noteHeader(_ record: CodexRecord, into builder: inout SessionBuilder) -> Bool {
        let meta: CodexRecord.Item
        let legacy: Bool
        if record.type == "session_meta", let payload = record.payload {
            meta = payload
            legacy = false
        } else if record.payload == nil, record.type == nil, record.bare.id != nil,
            record.bare.hasInstructions || record.bare.timestamp != nil
        {
            meta = record.bare
            legacy = true
        } else {
            return false
        }
        if let id = meta.id, !id.isEmpty { builder.id = id }
        if let parent = meta.spawnedBy, !parent.isEmpty { builder.parentID = parent }
        builder.noteDirectory(meta.cwd)
        builder.noteBranch(meta.branch)
        builder.noteRepository(meta.repositoryURL)
        if let version = meta.cliVersion { builder.toolVersion = version }
        // The current envelope records every tool call, spawn_agent included: none seen means no sub-agent.
        if !legacy { builder.showsSubagents() }
        return legacy
    }

    private static func apply(
        type: String, _ payload: CodexRecord.Item, to builder: inout SessionBuilder,
        previousTotal: inout CodexRecord.Usage?
    ) {
        switch type {
        case "turn_context":
            builder.addModel(payload.model)
            builder.noteDirectory(payload.cwd)
            if let mode = payload.collaborationMode, !mode.isEmpty {
                if mode == "plan" {
                    builder.notePlan("collaboration_mode plan")
                } else {
                    builder.noteModeShown("collaboration_mode " + mode)
                }
            }
        case "event_msg":
            switch payload.type {
            case "user_message":
                if let text = payload.message, !LogText.isBlank(text) {
                    builder.addPrompt(text)
                }
            case "token_count":
                guard let info = payload.info, let total = info.total else { return }
                let delta = info.last ?? previousTotal.map { total.minus($0) } ?? total
                previousTotal = total
                builder.add(
                    UsageRecord(
                        key: "codex:\(builder.id):\(total.total)", input: max(0, delta.input - delta.cached),
                        output: delta.output, cacheRead: min(delta.cached, delta.input)))
            default:
                break
            }
        case "response_item":
            applyItem(payload, legacy: false, to: &builder)
        default:
            break
        }
    }

    /// A response item: legacy prompts, patched files, commits in tool output.
    private static func applyItem(_ item: CodexRecord.Item, legacy: Bool, to builder: inout SessionBuilder) {
        switch item.type {
        case "message":
            guard legacy, item.role == "user", let text = item.text else { return }
            let trimmed = LogText.trimmed(text)
            guard !trimmed.isEmpty, !injectedPrefixes.contains(where: { trimmed.hasPrefix($0) }) else { return }
            builder.addPrompt(text)
        case "function_call":
            noteToolCall(item.name, legacy: legacy, to: &builder)
            guard let arguments = item.arguments, LogText.contains(arguments, "*** ") else { return }
            // The arguments are JSON; when they are not, scan them as they are.
            let texts = allStrings(ofJSON: arguments) ?? [arguments]
            for text in texts { builder.noteEdits(ToolOutputScanner.patchedPaths(in: text)) }
        case "custom_tool_call":
            noteToolCall(item.name, legacy: legacy, to: &builder)
            if let input = item.input { builder.noteEdits(ToolOutputScanner.patchedPaths(in: input)) }
        case "local_shell_call":
            noteToolCall(nil, legacy: legacy, to: &builder)
        case "function_call_output", "custom_tool_call_output":
            for text in item.output {
                var found = ToolOutputScanner.commitHashes(in: text)
                if found.isEmpty, text.hasPrefix("{"), LogText.contains(text, "] "), let inner = allStrings(ofJSON: text) {
                    // 0.39 wraps the output as a JSON string {"output": …, "metadata": …}; not JSON: nothing more
                    found = inner.flatMap(ToolOutputScanner.commitHashes(in:))
                }
                builder.commits.formUnion(found)
            }
        default:
            break
        }
    }

    /// A tool call, before any edit it makes: `update_plan` is a plan; `spawn_agent` a sub-agent (multi-agent
    /// tools, 2026). A rollout of the current envelope records every tool call, so one without
    /// `update_plan` before its first edit is code-first (WORKFLOW.md); the legacy envelope tells nothing.
    private static func noteToolCall(_ name: String?, legacy: Bool, to builder: inout SessionBuilder) {
        guard !legacy else { return }
        builder.showsSubagents()
        switch name {
        case "update_plan": builder.notePlan("update_plan tool")
        case "spawn_agent": builder.noteSubagent()
        default: builder.noteModeShown("tool calls recorded")
        }
    }

    /// Every string in `text` read as JSON; nil when it is not JSON.
    private static func allStrings(ofJSON text: String) -> [String]? {
        var text = text
        var scanner = JSONScanner()
        return text.withUTF8 { try? scanner.scan($0) { $0.allStrings } }
    }

    /// The file's header (for reads that start past it): its first record that decodes, unless
    /// that is no header, then the first `session_meta` among its first few lines.
    private static func firstRecord(path: String) -> CodexRecord? {
        struct Stop: Error {}
        var first: CodexRecord?
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: nil)
        var decoded = 0
        do {
            try LogLineSource.forEachLine(path: path, fromOffset: 0) { line in
                if let record = tally.decode(line.bytes, CodexRecord.init) {
                    if decoded == 0 { first = record }
                    decoded += 1
                    if record.type == "session_meta" {
                        first = record
                        throw Stop()
                    }
                }
                guard line.number < 16 else { throw Stop() }
                return true
            }
        } catch {
            // Stop is the expected way out; a read failure here resurfaces in the main read.
        }
        return first
    }

    /// The second (`2025-09-19T09:10:00`) a sub-agent's rollout replayed its parent's events in: that
    /// of its first token count with usage, when the second one has the same; else nil (nothing replayed).
    static func replaySecond(path: String) -> Substring? {
        struct Stop: Error {}
        var seconds: [Substring] = []
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: nil)
        do {
            try LogLineSource.forEachLine(path: path, fromOffset: 0) { line in
                guard let record = tally.decode(line.bytes, CodexRecord.init),
                    record.type == "event_msg", record.payload?.type == "token_count", record.payload?.info?.total != nil,
                    let time = record.timestamp, time.count >= 19
                else { return true }
                seconds.append(time.prefix(19))
                if seconds.count == 2 { throw Stop() }
                return true
            }
        } catch {
            // Stop is the expected way out; a read failure resurfaces in the main read.
        }
        return seconds.count == 2 && seconds[0] == seconds[1] ? seconds[0] : nil
    }

    /// Whether a header names a parent it copied history from: a spawned sub-agent or a fork.
    private static func namesParent(_ record: CodexRecord) -> Bool {
        guard record.type == "session_meta", let meta = record.payload else { return false }
        return meta.spawnedBy != nil || !(meta.forkedFrom ?? "").isEmpty
    }

    /// Whether `turnID` and `id` are both UUID v7 and the turn was minted in an earlier millisecond
    /// than the session: a turn of the parent's, copied into the child.
    static func mintedBefore(_ turnID: String?, id: String) -> Bool {
        guard let turnID, let turn = uuid7Milliseconds(turnID), let session = uuid7Milliseconds(id) else {
            return false
        }
        return turn < session
    }

    /// The millisecond a UUID v7 was minted in (its first 48 bits); nil for any other id.
    static func uuid7Milliseconds(_ id: String) -> Int64? {
        let hex = Array(id.utf8.filter { $0 != UInt8(ascii: "-") })
        guard hex.count == 32, hex[12] == UInt8(ascii: "7"),
            let text = String(bytes: hex[0..<12], encoding: .ascii)
        else { return nil }
        return Int64(text, radix: 16)
    }

    /// The uuid at the end of `rollout-2025-09-19T12-02-12-<uuid>.jsonl`, else the file's name.
    static func fallbackID(path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".zst", ".gz", ".jsonl"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        let tail = name.suffix(36)
        if tail.count == 36, tail.filter({ $0 == "-" }).count == 4, tail.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
            return String(tail)
        }
        return name
    }
}
