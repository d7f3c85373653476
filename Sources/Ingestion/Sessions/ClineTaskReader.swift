import Foundation
import Model
import Support

/// Reads one Cline (or Roo/Kilo) task folder `…/tasks/<taskId>/` as a whole (FORMATS.md §5).
///
/// - `ui_messages.json`: every `ts` is an event; `say:"task"` and `say:"user_feedback"` are
///   prompts; `say:"api_req_started"` text JSON gives usage (`tokensIn/Out`, `cacheWrites/Reads`,
///   keyed `cline:<taskId>:<ts>`) and the working directory (`# Current Working Directory (…)`);
///   `say:"tool"` with `editedExistingFile`/`newFileCreated`/`fileDeleted` gives files;
///   `say:"command_output"` commits; `modelInfo.modelId` models.
/// - `api_conversation_history.json`: models (`modelInfo.modelId`).
/// - `task_metadata.json`: files with `record_source:"cline_edited"`, `model_usage[].model_id`,
///   the last `environment_history[].cline_version`.
/// The session id is the folder's name (the task id). There is no git branch. A task of Roo Code or
/// Kilo Code (forks with Cline's layout) is told by its extension's storage folder in its path, and
/// named after that fork (`tool(ofTaskFolder:)`).
/// A `ui_messages.json` message is known by its `ts` and kind (Cline updates a message in place
/// under the same `ts`): one written again counts its time and prompt once.
package enum ClineTaskReader {
    static let tool = "cline"
    /// The forks' VS Code extension storage folders (`globalStorage/<id>/tasks/<taskId>`) → their tool names.
    static let forks = ["kilocode.kilo-code": "kilo-code", "rooveterinaryinc.roo-cline": "roo-code"]
    /// Every tool name a task folder is stored under: Cline's and its forks' (`--tool cline` takes them all).
    package static let tools = [tool] + forks.values.sorted()

    /// The tool of the task folder at `path`: a fork's when a folder of the path is its extension's
    /// storage folder, else Cline (its extension, the Cline CLI, or a folder copied elsewhere).
    package static func tool(ofTaskFolder path: String) -> String {
        let folders = path.split(separator: "/").dropLast()
        return folders.reversed().lazy.compactMap { forks[$0.lowercased()] }.first ?? tool
    }
    /// The files of a task folder this reader looks at.
    package static let fileNames = ["ui_messages.json", "api_conversation_history.json", "task_metadata.json"]
    private static let editTools: Set<String> = ["editedExistingFile", "newFileCreated", "fileDeleted"]

    /// Reads the task folder at `path` (or the folder holding the file `path`); records in `known` are
    /// not counted again.
    /// - Throws: `SessionLogError` when no task file can be read.
    package static func read(
        path: String, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SessionLogError.unreadable(path: path, errno: ENOENT)
        }
        let folder = isFolder.boolValue ? path : (path as NSString).deletingLastPathComponent
        let taskID = (folder as NSString).lastPathComponent
        var builder = SessionBuilder(tool: tool(ofTaskFolder: folder), id: taskID, known: known)
        var malformed = 0
        var examples: [String] = []
        var found = false
        var consumed: Int64 = 0

        func load<T: Decodable>(_ name: String, as type: T.Type) -> T? {
            let file = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file) else { return nil }
            found = true
            var tally = ReadTally(path: file, startOffset: 0, diagnostics: diagnostics)
            guard let bytes = try? LogLineSource.contents(path: file) else {  // unreadable: reported as malformed
                tally.malformed(line: 1, expected: "a readable file")
                malformed += 1
                examples += tally.finish(sessions: [], consumedBytes: 0).malformedExamples
                return nil
            }
            if name == fileNames[0] { consumed = Int64(bytes.count) }
            let value = bytes.withUnsafeBufferPointer { tally.decode(T.self, $0) }
            if value == nil {
                tally.malformed(line: 1, expected: name == "task_metadata.json" ? "a JSON object" : "a JSON array")
            }
            let result = tally.finish(sessions: [], consumedBytes: 0)
            malformed += result.malformedLines
            examples += result.malformedExamples
            return value
        }

        if let messages = load(fileNames[0], as: Lenient<UIMessage>.self) {
            malformed += messages.skipped
            for message in messages.values { apply(message, to: &builder) }
        }
        if let history = load(fileNames[1], as: Lenient<HistoryEntry>.self) {
            for entry in history.values { builder.addModel(entry.modelID) }
        }
        if let metadata = load(fileNames[2], as: TaskMetadata.self) {
            // Files only the metadata names were edited at a time the log does not tell: corrections are unknown.
            if !Set(metadata.editedFiles).isSubset(of: builder.filesEdited) { builder.trace.ordered = false }
            builder.filesEdited.formUnion(metadata.editedFiles)
            for model in metadata.models { builder.addModel(model) }
            if let version = metadata.clineVersion { builder.toolVersion = version }
        }
        guard found else { throw SessionLogError.malformedFile(path: path, expected: "a Cline task folder") }
        let sessions = builder.isEmpty && builder.models.isEmpty ? [] : [builder.build()]
        return SessionReadResult(
            sessions: sessions, malformedLines: malformed, malformedExamples: Array(examples.prefix(ReadTally.exampleLimit)),
            consumedBytes: consumed)
    }

    private static func apply(_ message: UIMessage, to builder: inout SessionBuilder) {
        let kind = (message.type ?? "") + " " + (message.say ?? message.ask ?? "")
        builder.beginRecord(RecordIdentity.of(id: message.ts.map { "\($0) \(kind)" } ?? kind + " " + (message.text ?? "")))
        builder.addTime(message.ts)
        builder.addModel(message.modelID)
        if message.type == "ask", message.ask == "plan_mode_respond" {
            // Only Plan mode answers through plan_mode_respond.
            builder.notePlan("plan_mode_respond")
        }
        guard message.type == "say", let text = message.text else { return }
        switch message.say {
        case "task", "user_feedback":
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { builder.addPrompt(text) }
        case "api_req_started":
            guard let request = decodeText(RequestInfo.self, text) else { return }
            if request.tokensIn + request.tokensOut + request.cacheWrites + request.cacheReads > 0 {
                builder.add(
                    UsageRecord(
                        key: "cline:\(builder.id):\(message.ts ?? 0)", input: request.tokensIn,
                        output: request.tokensOut, cacheWrite: request.cacheWrites, cacheRead: request.cacheReads))
            }
            if builder.workingDirectory == nil, let request = request.request {
                builder.workingDirectory = workingDirectory(in: request)
            }
            // The environment details of each request name the mode ("# Current Mode\nACT MODE" or "PLAN MODE").
            if let request = request.request {
                if request.contains("# Current Mode\nPLAN MODE") {
                    builder.notePlan("Current Mode PLAN MODE")
                } else if request.contains("# Current Mode\nACT MODE") {
                    builder.noteModeShown("Current Mode ACT MODE")
                }
            }
        case "tool":
            if let call = decodeText(ToolMessage.self, text), let name = call.tool, editTools.contains(name),
                let file = call.path, !file.isEmpty
            {
                builder.noteEdit(file)
            }
        case "command_output":
            builder.commits.formUnion(ToolOutputScanner.commitHashes(in: text))
        default:
            break
        }
    }

    /// `# Current Working Directory (d:/Users/x/project) Files` → `d:/Users/x/project`.
    static func workingDirectory(in request: String) -> String? {
        guard let open = request.range(of: "# Current Working Directory (") else { return nil }
        let rest = request[open.upperBound...]
        let line = rest.prefix { $0 != "\n" }
        let end = line.range(of: ") Files")?.lowerBound ?? line.lastIndex(of: ")")
        guard let end else { return nil }
        let path = String(line[..<end])
        return path.isEmpty ? nil : path
    }

    private static func decodeText<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        guard let data = text.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(type, from: data)  // not JSON: the message carries nothing to count
    }

    /// An array decoded element by element: elements that do not decode are counted, not fatal.
    struct Lenient<Element: Decodable>: Decodable {
        var values: [Element] = []
        var skipped = 0
        init(from decoder: Decoder) throws {
            var list = try decoder.unkeyedContainer()
            while !list.isAtEnd {
                if let value = try? list.decode(Element.self) {
                    values.append(value)
                } else {
                    skipped += 1
                    guard (try? list.decode(AllStrings.self)) != nil else { break }
                }
            }
        }
    }
}
