import Foundation
import Model
import Support

/// Reads a GitHub Copilot CLI `~/.copilot/session-state/<id>/events.jsonl` (FORMATS.md §7).
///
/// - `session.start`: id, `copilotVersion`, `context.cwd`/`branch`; events: every `timestamp`.
/// - Prompts: `user.message` with non-empty `content` (autopilot's empty nudges are not prompts).
/// - Models: `session.model_change.newModel`, `tool.execution_complete.model`, `modelMetrics` keys.
/// - Usage: `session.shutdown.modelMetrics.<model>.usage`, one record per model and shutdown
///   event (`copilot:<session>:<event id>:<model>`); `input` = inputTokens − cacheReadTokens
///   (Copilot's input count includes the cached part, an inference from the sample).
///   A stretch of the session that ends without `modelMetrics` (a shutdown without them, as 1.0.7x
///   writes, or no shutdown yet: still running, or killed) counts instead the `outputTokens` of its
///   `assistant.message` events (`copilot:<session>:<event id>`, output only). Never both: the
///   messages of a stretch whose shutdown has `modelMetrics` are left out, and when an earlier read
///   already counted some of them (the session was still running), the shutdown's output is reduced by those.
/// - Files: `codeChanges.filesModified` and the `path` of `edit`/`create`/`write` tool requests;
///   commits: `git commit` output in tool results.
/// - An event is known by its `id` (else by its line): one read again counts once.
package enum CopilotSessionReader {
    static let tool = "copilot"
    private static let editTools: Set<String> = ["edit", "create", "write", "str_replace_editor", "apply_patch"]
    private static let knownPrefixes = ["session.", "user.", "assistant.", "tool.", "system.", "subagent.", "hook.", "skill.",
        "exit_plan_mode.",
    ]

    /// Reads `path` from `offset` (0 for the whole file); a read past the first line takes the session from it.
    /// Records in `known` are not counted again.
    /// - Throws: `SessionLogError` when the file cannot be read.
    package static func read(
        path: String, fromOffset offset: Int64 = 0, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        var tally = ReadTally(path: path, startOffset: offset, diagnostics: diagnostics)
        var builder = SessionBuilder(tool: tool, id: fallbackID(path: path), known: known)
        if offset > 0, let first = firstEvent(path: path), first.type == "session.start" {
            noteStart(first, into: &builder)
        }
        // The messages' output since the last shutdown: counted by an earlier read, and pending in this one.
        var counted = offset > 0 ? outputCountedBefore(offset: offset, path: path) : 0
        var pending: [UsageRecord] = []
        let consumed = try LogLineSource.forEachLine(path: path, fromOffset: offset) { line in
            guard let event = tally.object(line, CopilotEvent.init) else { return ReadTally.isBlank(line.bytes) }
            // The start names the session its own record belongs to.
            if event.type == "session.start" || event.type == "session.resume" { noteStart(event, into: &builder) }
            builder.beginRecord(event.id.map(RecordIdentity.of(id:)) ?? RecordIdentity.of(line: line.bytes))
            builder.addTime(event.timestamp.flatMap(LogTimestamp.milliseconds(iso:)))
            let type = event.type ?? ""
            if !knownPrefixes.contains(where: { type.hasPrefix($0) }) { tally.unknown += 1 }
            apply(event, to: &builder)
            switch event.type {
            case "assistant.message":
                if let output = event.data.outputTokens, output > 0 {
                    let key = "copilot:\(builder.id):\(event.id ?? event.timestamp ?? "")"
                    pending.append(UsageRecord(key: key, output: output))
                }
            case "session.shutdown":
                if event.data.modelMetrics.isEmpty {
                    for record in pending { builder.add(record) }
                } else {
                    addMetrics(event, lessOutput: counted, to: &builder)
                }
                pending = []
                counted = 0
            default:
                break
            }
            return true
        }
        for record in pending { builder.add(record) }  // no shutdown (yet): the messages' figures
        let sessions = builder.isEmpty ? [] : [builder.build()]
        return tally.finish(sessions: sessions, consumedBytes: consumed)
    }

    private static func apply(_ event: CopilotEvent, to builder: inout SessionBuilder) {
        let data = event.data
        switch event.type {
        case "session.start", "session.resume":
            noteStart(event, into: &builder)
        case "session.model_change":
            builder.addModel(data.newModel)
        case "user.message":
            if let text = data.content, !LogText.isBlank(text) {
                builder.addPrompt(text)
            }
        case "session.mode_changed":
            if let mode = data.newMode, !mode.isEmpty {
                if mode == "plan" {
                    builder.notePlan("mode plan")
                } else {
                    builder.noteModeShown("mode " + mode)
                }
            }
        case "exit_plan_mode.requested", "exit_plan_mode.completed":
            // Plan mode writes only the session's plan file (plan.md) before the exit is asked for.
            builder.notePlan("exit_plan_mode event", coversTurn: true)
        case "subagent.started":
            builder.noteSubagent()
        case "tool.execution_complete":
            builder.addModel(data.model)
            for text in data.resultStrings { builder.commits.formUnion(ToolOutputScanner.commitHashes(in: text)) }
        case "session.shutdown":
            builder.addModel(data.currentModel)
            // Files only the shutdown names were edited at a time the log does not tell: corrections are unknown.
            if !Set(data.filesModified).isSubset(of: builder.filesEdited) { builder.trace.ordered = false }
            builder.filesEdited.formUnion(data.filesModified)
            for metric in data.modelMetrics { builder.addModel(metric.model) }
        case "assistant.message":
            for request in data.toolRequests where editTools.contains(request.name ?? "") {
                if let file = request.path, !file.isEmpty { builder.noteEdit(file) }
            }
        default:
            break
        }
    }

    /// A shutdown's `modelMetrics`, one record per model; `lessOutput` (messages' output an earlier
    /// read counted for this stretch) is taken off the outputs, in the order of the models.
    private static func addMetrics(_ event: CopilotEvent, lessOutput: Int, to builder: inout SessionBuilder) {
        var less = lessOutput
        for metric in event.data.modelMetrics {
            let taken = min(less, metric.output)
            less -= taken
            builder.add(
                UsageRecord(
                    key: "copilot:\(builder.id):\(event.id ?? event.timestamp ?? ""):\(metric.model)",
                    input: max(0, metric.input - metric.cacheRead), output: metric.output - taken,
                    cacheWrite: metric.cacheWrite, cacheRead: metric.cacheRead))
        }
    }

    /// The `outputTokens` of the messages after the last shutdown among the file's first `offset`
    /// bytes: what a read that ended there counted for the stretch still open.
    private static func outputCountedBefore(offset: Int64, path: String) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }  // a failed close of a file only read loses nothing
        // Unreadable: the main read says so.
        guard let data = try? handle.read(upToCount: Int(offset)) else { return 0 }
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: nil)
        var output = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let event = Array(line).withUnsafeBufferPointer { tally.decode($0, CopilotEvent.init) }
            switch event?.type {
            case "assistant.message": output += max(0, event?.data.outputTokens ?? 0)
            case "session.shutdown": output = 0
            default: break
            }
        }
        return output
    }

    private static func noteStart(_ event: CopilotEvent, into builder: inout SessionBuilder) {
        let data = event.data
        if let id = data.sessionId, !id.isEmpty { builder.id = id }
        if let version = data.copilotVersion { builder.toolVersion = version }
        builder.noteDirectory(data.cwd)
        builder.noteBranch(data.branch)
        builder.noteRepository(data.repository)
    }

    private static func firstEvent(path: String) -> CopilotEvent? {
        struct Stop: Error {}
        var first: CopilotEvent?
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: nil)
        do {
            try LogLineSource.forEachLine(path: path, fromOffset: 0) { line in
                first = tally.decode(line.bytes, CopilotEvent.init)
                throw Stop()
            }
        } catch {
            // Stop is the expected way out; a read failure resurfaces in the main read.
        }
        return first
    }

    /// `session-state/<id>/events.jsonl` → `<id>`; any other name → the name without extension.
    static func fallbackID(path: String) -> String {
        let name = (path as NSString).lastPathComponent
        if name == "events.jsonl" {
            return ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        }
        return (name as NSString).deletingPathExtension
    }
}
