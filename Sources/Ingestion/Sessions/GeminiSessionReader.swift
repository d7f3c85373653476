import Foundation
import Model
import Support

/// Reads Gemini CLI chat recordings (FORMATS.md §4): the single-object
/// `session-*.json` of ≤ v0.38 (always whole) and the `.jsonl` of ≥ v0.39
/// (metadata line, message lines, `{"$set":…}` updates, `{"$rewindTo":…}`), read from an offset.
///
/// - Events: `startTime`, `lastUpdated` and every message's `timestamp`.
/// - Prompts: `user` messages (their `displayContent` when present: the typed `/command`).
///   Rewinds are ignored: rewound prompts were still typed and their tokens still spent.
/// - A message is a record known by its `id` (else by its time and type), other lines by their
///   bytes: a message written again (when its tool calls finish, or in a copy of the chat) counts its
///   time and prompt once, and adds what the later copy holds (tool calls, tokens).
/// - Usage: one record per `gemini` message, keyed `gemini:<session>:<message id>`:
///   `input` = input − cached + tool-use prompt, `cacheRead` = cached, `output` = output + thoughts.
/// - Files: `args.file_path` of `write_file`, `replace`, `edit`, `smart_edit` calls; commits from
///   `run_shell_command` results. No branch is recorded; the working directory comes from the
///   project folder's `.project_root` marker (≥ v0.29 slug folders) and `projectHash` is passed on.
package enum GeminiSessionReader {
    static let tool = "gemini"
    private static let editTools: Set<String> = ["write_file", "replace", "edit", "smart_edit", "create_file"]

    /// Reads a single-object `session-*.json`; records in `known` are not counted again.
    /// - Throws: `SessionLogError` when it cannot be read or is not a conversation object.
    package static func readJSON(
        path: String, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: diagnostics)
        let bytes = try LogLineSource.contents(path: path)
        guard let record = bytes.withUnsafeBufferPointer({ tally.decode($0, GeminiRecord.init) }),
            let messages = record.messages
        else { throw SessionLogError.malformedFile(path: path, expected: "a Gemini CLI conversation object") }
        for _ in 0..<record.skippedMessages { tally.malformed(line: 1, expected: "a message object in 'messages'") }
        var builder = SessionBuilder(tool: tool, id: record.sessionId ?? fallbackID(path: path), known: known)
        // The conversation object's own times are a record (a later version of the file has another); the
        // messages each another.
        let times = RecordIdentity.of(id: "metadata \(record.startTime ?? "") \(record.lastUpdated ?? "")")
        note(metadata: record, path: path, into: &builder, identity: times)
        for message in messages { apply(message, to: &builder) }
        return tally.finish(sessions: [builder.build()], consumedBytes: Int64(bytes.count))
    }

    /// Reads a `.jsonl` recording from `offset`; a read past the first line takes the
    /// session id from it. Records in `known` are not counted again.
    /// - Throws: `SessionLogError` when the file cannot be read.
    package static func readJSONL(
        path: String, fromOffset offset: Int64 = 0, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        var tally = ReadTally(path: path, startOffset: offset, diagnostics: diagnostics)
        var builder = SessionBuilder(tool: tool, id: fallbackID(path: path), known: known)
        if offset > 0, let first = firstRecord(path: path), first.sessionId != nil {
            note(metadata: first, path: path, into: &builder, identity: nil)
            builder.eventTimes = []  // the first line's times were reported by the read that covered it
        }
        let consumed = try LogLineSource.forEachLine(path: path, fromOffset: offset) { line in
            guard let record = tally.object(line, GeminiRecord.init) else { return ReadTally.isBlank(line.bytes) }
            if let message = record.message {
                apply(message, to: &builder)
            } else if let update = record.update {
                if let id = update.sessionId, !id.isEmpty { builder.id = id }
                builder.beginRecord(RecordIdentity.of(line: line.bytes))
                builder.addTime(update.lastUpdated.flatMap(LogTimestamp.milliseconds(iso:)))
            } else if record.sessionId != nil {
                note(metadata: record, path: path, into: &builder, identity: RecordIdentity.of(line: line.bytes))
                if let messages = record.messages {
                    for message in messages { apply(message, to: &builder) }
                }
            } else if !record.isRewind {
                tally.unknown += 1
            }
            return true
        }
        let sessions = builder.isEmpty ? [] : [builder.build()]
        return tally.finish(sessions: sessions, consumedBytes: consumed)
    }

    /// Takes the session from a metadata record; `identity` is the record's (nil: it was counted by an
    /// earlier read, and only names the session).
    private static func note(
        metadata record: GeminiRecord, path: String, into builder: inout SessionBuilder, identity: UInt64?
    ) {
        if let id = record.sessionId, !id.isEmpty { builder.id = id }
        if let identity { builder.beginRecord(identity) }
        builder.projectHash = record.projectHash ?? builder.projectHash
        builder.addTime(record.startTime.flatMap(LogTimestamp.milliseconds(iso:)))
        builder.addTime(record.lastUpdated.flatMap(LogTimestamp.milliseconds(iso:)))
        let folder = (path as NSString).deletingLastPathComponent
        if record.kind == "subagent", (folder as NSString).lastPathComponent != "chats" {
            builder.parentID = (folder as NSString).lastPathComponent
        }
        if builder.workingDirectory == nil { builder.workingDirectory = projectRoot(chatFile: path) }
    }

    private static func apply(_ message: GeminiRecord.Message, to builder: inout SessionBuilder) {
        builder.beginRecord(RecordIdentity.of(id: message.id ?? "\(message.timestamp ?? "") \(message.type ?? "")"))
        builder.addTime(message.timestamp.flatMap(LogTimestamp.milliseconds(iso:)))
        switch message.type {
        case "user":
            guard let text = message.text, !LogText.isBlank(text) else { return }
            builder.addPrompt(text)
        case "gemini":
            builder.addModel(message.model)
            if let tokens = message.tokens {
                let key = "gemini:\(builder.id):\(message.id ?? message.timestamp ?? "")"
                builder.add(
                    UsageRecord(
                        key: key, input: max(0, tokens.input - tokens.cached) + tokens.tool,
                        output: tokens.output + tokens.thoughts, cacheRead: min(tokens.cached, tokens.input)))
            }
            for call in message.toolCalls {
                if let name = call.name, editTools.contains(name), let file = call.filePath, !file.isEmpty {
                    builder.noteEdit(file)
                } else if call.name == "enter_plan_mode" {
                    builder.notePlan("enter_plan_mode tool")
                } else if call.name == "exit_plan_mode" {
                    // Plan mode lets the agent write only its plan (in the plans folder) before it exits.
                    builder.notePlan("exit_plan_mode tool", coversTurn: true)
                }
                for text in call.resultStrings { builder.commits.formUnion(ToolOutputScanner.commitHashes(in: text)) }
            }
        default:
            break
        }
    }

    /// The project root named by `<tmp>/<slug>/.project_root`, for `<tmp>/<slug>/chats[/<parent>]/<file>`.
    static func projectRoot(chatFile path: String) -> String? {
        var folder = (path as NSString).deletingLastPathComponent
        for _ in 0..<2 {
            if (folder as NSString).lastPathComponent == "chats" {
                let marker = ((folder as NSString).deletingLastPathComponent as NSString)
                    .appendingPathComponent(".project_root")
                guard let data = FileManager.default.contents(atPath: marker) else { return nil }
                let root = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                return root.isEmpty ? nil : root
            }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }

    private static func firstRecord(path: String) -> GeminiRecord? {
        struct Stop: Error {}
        var first: GeminiRecord?
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: nil)
        do {
            try LogLineSource.forEachLine(path: path, fromOffset: 0) { line in
                first = tally.decode(line.bytes, GeminiRecord.init)
                throw Stop()
            }
        } catch {
            // Stop is the expected way out; a read failure resurfaces in the main read.
        }
        return first
    }

    /// `session-2025-10-05T07-11-eefc44a3.json` → the file name without its extension.
    static func fallbackID(path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}
