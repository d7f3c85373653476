import Foundation
import Support

/// The on-disk formats of assistant session logs, recognised from their content
/// (a Claude log renamed to `.txt` is still a Claude log).
package enum SessionLogFormat: String, Sendable, CaseIterable, Codable {
    case claudeJSONL
    /// Both the `{timestamp,type,payload}` envelope and the legacy bare header one.
    case codexJSONL
    case aiderChatHistory
    case aiderInputHistory
    /// ≤ v0.38: one JSON object, rewritten on every update.
    case geminiJSON
    /// ≥ v0.39: metadata line, message lines, `$set` updates.
    case geminiJSONL
    /// A task folder (`ui_messages.json`, `api_conversation_history.json`, `task_metadata.json`).
    case clineTask
    case copilotEvents

    /// The `SessionDelta.tool` of sessions in this format.
    package var tool: String {
        switch self {
        case .claudeJSONL: return ClaudeSessionReader.tool
        case .codexJSONL: return CodexSessionReader.tool
        case .aiderChatHistory, .aiderInputHistory: return AiderChatReader.tool
        case .geminiJSON, .geminiJSONL: return GeminiSessionReader.tool
        case .clineTask: return ClineTaskReader.tool
        case .copilotEvents: return CopilotSessionReader.tool
        }
    }

    /// Whether reads honour an offset (append-only JSONL); the others are always read whole.
    /// Whether the tool only ever adds records to the log (it may compact or begin it again, but
    /// never rewrites a record with new figures): a log of such a format that no longer holds what was
    /// read of it keeps what it gave. Cline's and Gemini's JSON files are rewritten whole, records updated.
    package var keepsRecords: Bool {
        switch self {
        case .claudeJSONL, .codexJSONL, .geminiJSONL, .copilotEvents, .aiderChatHistory, .aiderInputHistory: return true
        case .geminiJSON, .clineTask: return false
        }
    }

    package var isIncremental: Bool {
        switch self {
        case .claudeJSONL, .codexJSONL, .geminiJSONL, .copilotEvents: return true
        case .aiderChatHistory, .aiderInputHistory, .geminiJSON, .clineTask: return false
        }
    }

    private static let claudeTypes: Set<String> = [
        "user", "assistant", "system", "summary", "progress", "file-history-snapshot", "queue-operation", "mode",
        "permission-mode", "last-prompt", "custom-title",
    ]

    /// The format of the file or Cline task folder at `path`, from its content; nil when unknown.
    package static func detect(path: String) -> SessionLogFormat? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        let name = (path as NSString).lastPathComponent
        if isFolder.boolValue {
            let hasTaskFile = ClineTaskReader.fileNames.contains {
                FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent($0))
            }
            return hasTaskFile ? .clineTask : nil
        }
        // A pipe, socket or device is no log (and opening a pipe would wait for a writer).
        guard FileKind(path: path) == .regular else { return nil }
        if ClineTaskReader.fileNames.dropFirst().contains(name) { return .clineTask }
        return detect(head: head(of: path), fileName: name)
    }

    /// The format of content starting with `head` (the first line should be complete when it is JSON).
    package static func detect(head bytes: [UInt8], fileName: String = "") -> SessionLogFormat? {
        var start = 0
        // A byte-order mark, or two (a file passed through two tools that each add one).
        while bytes[start...].starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        let body = Array(bytes[start...])
        // Made only when the JSON probes below do not decide.
        func text() -> String { String(decoding: body.prefix(1 << 16), as: UTF8.self) }
        switch body[0] {
        case UInt8(ascii: "{"):
            // The first few lines that are JSON objects decide (a 2.1.x Claude log starts with a
            // snapshot line that says little); a first line that is not complete JSON falls through
            // to the text checks below.
            let probed = body.withUnsafeBufferPointer { all -> SessionLogFormat? in
                guard let base = all.baseAddress else { return nil }
                var scanner = JSONScanner()
                var start = 0
                var lines = 0
                while start < all.count && lines < 8 {
                    let end = ByteSplitter.index(of: 0x0A, in: base, from: start, to: all.count) ?? all.count
                    defer { start = end + 1 }
                    guard end > start else { continue }
                    lines += 1
                    let line = UnsafeBufferPointer(start: base + start, count: end - start)
                    var probe = try? scanner.scan(line) { $0.isObject ? Probe($0) : nil }
                    // The head's last line may be cut at 8 MiB (a pasted image in a first prompt): its
                    // keys up to the cut still tell the format.
                    if probe == nil && end == all.count { probe = Probe(cut: line) }
                    if let probe = probe ?? nil, let format = probe.format(claudeTypes: claudeTypes) { return format }
                }
                return nil
            }
            if let probed { return probed }
            let text = text()
            if text.contains("\"projectHash\"") && text.contains("\"sessionId\"") { return .geminiJSON }
            if text.contains("\"parentUuid\"") || text.hasPrefix("{\"type\":\"summary\"") { return .claudeJSONL }
            if text.hasPrefix("{\"timestamp\"") && text.contains("\"session_meta\"") { return .codexJSONL }
            return nil
        case UInt8(ascii: "["):
            let text = text()
            if text.contains("\"ts\"") && (text.contains("\"say\"") || text.contains("\"ask\"")) { return .clineTask }
            return nil
        default:
            if let format = detectText(text()) { return format }
            // A first line that is neither a record nor text of a log (binary garbage, a write cut
            // short) does not hide the log behind it: the first of the next few lines that starts
            // a JSON object decides, and the reader counts and reports the bad line.
            var offset = 0
            for _ in 0..<8 {
                guard let newline = body[offset...].firstIndex(of: 0x0A) else { return nil }
                offset = newline + 1
                if offset < body.count, body[offset] == UInt8(ascii: "{") {
                    return detect(head: Array(body[offset...]), fileName: fileName)
                }
            }
            return nil
        }
    }

    private static func detectText(_ text: String) -> SessionLogFormat? {
        let lines = text.split(separator: "\n", maxSplits: 2000, omittingEmptySubsequences: true)
        if lines.contains(where: { $0.hasPrefix("# aider chat started at ") }) { return .aiderChatHistory }
        if let first = lines.first, first.hasPrefix("# "),
            LogTimestamp.milliseconds(naive: String(first.dropFirst(2)).trimmingCharacters(in: .whitespaces)) != nil,
            lines.dropFirst().first?.hasPrefix("+") == true
        {
            return .aiderInputHistory
        }
        // A chat history whose first header is further in than the head read (or cut off).
        if lines.contains(where: { $0.hasPrefix("#### ") }) && lines.contains(where: { $0.hasPrefix("> ") }) {
            return .aiderChatHistory
        }
        return nil
    }

    /// The first 64 KiB of a file (decompressed), extended to the end of the line they end in
    /// (at most 8 MiB): every line that starts in them is whole.
    static func head(of path: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let minimum = 1 << 16
        let maximum = 8 << 20
        // An unreadable file has no recognisable head; the caller reports it as unknown.
        try? LogLineSource.forEachChunk(path: path, fromOffset: 0) { chunk in
            guard let base = chunk.baseAddress else { return true }
            var end = min(chunk.count, maximum - bytes.count)
            let wanted = max(0, minimum - bytes.count)
            var done = false
            if wanted < end, let newline = ByteSplitter.index(of: 0x0A, in: base, from: wanted, to: end) {
                end = newline + 1
                done = true
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: end))
            return !done && bytes.count < maximum
        }
        return bytes
    }

    /// The top-level keys that tell the JSON formats apart.
    private struct Probe {
        var keys: Set<String>
        var type: String?

        /// Of an object, as `JSONDecoder` would give them (a name it cannot decode fails the object).
        init?(_ object: JSONView) {
            var keys: Set<String> = []
            for (name, value) in object.members {
                guard let key = name.string else { return nil }
                keys.insert(key)
                if key == "type" && type == nil { type = value.string }
            }
            self.keys = keys
        }

        /// Of an object's first bytes, cut off anywhere: the top-level names whose values start
        /// before the cut, and `type` if its string value is whole. Nil when the bytes do not start
        /// an object or a name is not a plain string.
        init?(cut bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            func skipSpace() { while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 } }
            /// A string's contents from the opening quote at `index`, nil if cut; `index` ends past it.
            func string() -> [UInt8]? {
                index += 1
                let start = index
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\\"): index += 2
                    case UInt8(ascii: "\""):
                        defer { index += 1 }
                        return Array(bytes[start..<index])
                    default: index += 1
                    }
                }
                return nil
            }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            index += 1
            keys = []
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { break }
                guard let name = string(), !name.contains(UInt8(ascii: "\\")) else { return nil }
                let key = String(decoding: name, as: UTF8.self)
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { break }
                index += 1
                skipSpace()
                guard index < bytes.count else { break }
                keys.insert(key)
                if bytes[index] == UInt8(ascii: "\"") {
                    guard let value = string() else { break }
                    if key == "type" && type == nil && !value.contains(UInt8(ascii: "\\")) {
                        type = String(decoding: value, as: UTF8.self)
                    }
                } else {
                    // A number, literal, object or array: skip to the comma or brace that ends it.
                    var depth = 0
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "\"") {
                            guard string() != nil else { break }
                            continue
                        }
                        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                        if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                            if depth == 0 { break }
                            depth -= 1
                        }
                        if byte == UInt8(ascii: ",") && depth == 0 { break }
                        index += 1
                    }
                }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
                index += 1
            }
            guard !keys.isEmpty else { return nil }
        }

        func format(claudeTypes: Set<String>) -> SessionLogFormat? {
            if keys.contains("payload") && type != nil { return .codexJSONL }
            if keys.contains("record_type") { return .codexJSONL }
            if keys.contains("sessionId") && keys.contains("projectHash") {
                return keys.contains("messages") ? .geminiJSON : .geminiJSONL
            }
            if keys.contains("$set") || keys.contains("$rewindTo") { return .geminiJSONL }
            if let type, type.contains("."), keys.contains("data") { return .copilotEvents }
            if keys.contains("parentUuid") || keys.contains("leafUuid") { return .claudeJSONL }
            if type == "file-history-snapshot" && keys.contains("snapshot") { return .claudeJSONL }
            if let type, claudeTypes.contains(type), keys.contains("sessionId") || keys.contains("uuid") || type == "summary" {
                return .claudeJSONL
            }
            if type == nil, keys.contains("id"), keys.contains("timestamp"),
                keys.contains("instructions") || keys.contains("git") || keys.contains("cwd")
            {
                return .codexJSONL
            }
            return nil
        }
    }
}
