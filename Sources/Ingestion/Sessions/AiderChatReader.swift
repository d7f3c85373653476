import Foundation
import Model
import Support

/// Reads aider's `.aider.chat.history.md` (FORMATS.md §3.2), always as a whole.
///
/// - Each `# aider chat started at <time>` header starts a session. Its time is the user's
///   **local time without a zone, read as if it were UTC** (`SessionDelta.localTimes`): ingestion shifts it by the
///   user's offset. Text before the first header belongs to no session and is skipped.
/// - Aider has no session id: the id is `<folder of the file>#<start as YYYY-MM-DDTHH:MM:SS>`
///   (`#2`, `#3`… appended when one file has two starts in the same second).
/// - A prompt is one run of consecutive `#### ` lines (aider prefixes every line of one input).
///   Slash commands are not prompts, except `/ask`, `/code` and `/architect` with a message.
/// - `> Main model:` (older `> Model:` / `> Models:`) gives the model, `> Tokens: … sent, …
///   received.` one usage record (`k`/`M` suffixes and thousands separators understood; input
///   = sent less the cache write, output = received, plus `cache write`/`cache hit` parts when
///   present: aider adds the cache write into "sent", its cache hit is apart, base_coder.py),
///   `> Applied edit to <path>` a file, `> Commit <hash> <msg>` a commit, `> Aider v…` the version.
/// - Aider writes no per-message times: the events are the start and, when the matching
///   `.aider.input.history` is given, the times of the inputs up to the next session's start.
/// - Records have no id: a session's start, its n-th prompt and an input's time are known as such,
///   so another history of the same folder that repeats a session counts it once.
package enum AiderChatReader {
    static let tool = "aider"
    private static let header = "# aider chat started at "
    private static let promptCommands: Set<String> = ["/ask", "/code", "/architect"]

    /// Reads the chat history at `path`, with per-prompt times from `inputHistoryPath` when given;
    /// records in `known` are not counted again.
    /// - Throws: `SessionLogError` when a file cannot be read.
    package static func read(
        path: String, inputHistoryPath: String? = nil, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: diagnostics)
        let folder = folder(of: path)
        var sessions: [SessionBuilder] = []
        var starts: [Int64] = []
        var seenIDs: [String: Int] = [:]
        var run: [String]?
        var promptsInSession = 0

        func flushRun() {
            guard let lines = run else { return }
            run = nil
            if let text = promptText(lines.joined(separator: "\n")), !sessions.isEmpty {
                promptsInSession += 1
                sessions[sessions.count - 1].beginRecord(RecordIdentity.of(id: "prompt \(promptsInSession)"))
                sessions[sessions.count - 1].addPrompt(text)
            }
        }

        try LogLineSource.forEachLine(path: path, fromOffset: 0) { line in
            let text = String(decoding: line.bytes, as: UTF8.self)
            if text.hasPrefix("####") && (text.count == 4 || text.hasPrefix("#### ")) {
                run = (run ?? []) + [trimTrailing(String(text.dropFirst(min(5, text.count))))]
                return true
            }
            flushRun()
            if text.hasPrefix(header) {
                let stamp = trimTrailing(String(text.dropFirst(header.count)))
                guard let start = LogTimestamp.milliseconds(naive: stamp) else {
                    tally.malformed(line: line.number, expected: "'# aider chat started at <date> <time>'")
                    return true
                }
                var id = folder + "#" + isoText(start)
                let count = (seenIDs[id] ?? 0) + 1
                seenIDs[id] = count
                if count > 1 { id += "#\(count)" }
                var builder = SessionBuilder(tool: tool, id: id, known: known)
                builder.localTimes = true
                builder.workingDirectory = folder
                builder.beginRecord(RecordIdentity.of(id: "start"))
                builder.addTime(start)
                promptsInSession = 0
                sessions.append(builder)
                starts.append(start)
            } else if text.hasPrefix("> "), !sessions.isEmpty {
                note(trimTrailing(String(text.dropFirst(2))), in: &sessions[sessions.count - 1])
            }
            return true
        }
        flushRun()

        if let inputHistoryPath {
            var historyTally = ReadTally(path: inputHistoryPath, startOffset: 0, diagnostics: diagnostics)
            let entries = try AiderInputHistory.entries(path: inputHistoryPath, tally: &historyTally)
            for entry in entries {
                // The session whose start is the last one at or before the input.
                guard let index = starts.lastIndex(where: { $0 <= entry.time }) else { continue }
                sessions[index].beginRecord(RecordIdentity.of(id: "input \(entry.time)"))
                sessions[index].addTime(entry.time)
            }
        }
        return tally.finish(sessions: sessions.map { $0.build() }, consumedBytes: AiderInputHistory.fileSize(path))
    }

    /// One `> ` line of tool output.
    private static func note(_ line: String, in builder: inout SessionBuilder) {
        if line.hasPrefix("Applied edit to ") {
            let file = String(line.dropFirst("Applied edit to ".count))
            builder.noteEdit(file)
        } else if line.hasPrefix("Commit ") {
            let hash = line.dropFirst("Commit ".count).prefix { $0 != " " }
            if (7...40).contains(hash.count), hash.allSatisfy(\.isHexDigit) { builder.commits.insert(String(hash)) }
        } else if line.hasPrefix("Tokens: ") {
            let index = builder.usage.count + 1
            if var record = tokens(line) {
                record.key = "aider:\(builder.id):\(index)"
                builder.add(record)
            }
        } else if let model = model(line) {
            builder.addModel(model)
        } else if line.hasPrefix("Aider v") {
            builder.toolVersion = String(line.dropFirst("Aider v".count).prefix { $0 != " " })
        }
    }

    /// `Main model: X with …`, `Model: X with …`, `Models: X with …, weak model Y` → X.
    static func model(_ line: String) -> String? {
        for prefix in ["Main model: ", "Model: ", "Models: "] where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            let name = rest.range(of: " with ").map { rest[..<$0.lowerBound] } ?? rest.prefix { $0 != "," }
            return name.isEmpty ? nil : String(name)
        }
        return nil
    }

    /// `Tokens: 3.0k sent, 2.4k received. Cost: …` (also `5,244 sent`, `1.2k cache write, 3k cache hit`);
    /// input is sent less the cache write, which aider counts in both.
    /// Parts are separated by ", "; a comma inside a number is a thousands separator.
    static func tokens(_ line: String) -> UsageRecord? {
        var body = line.dropFirst("Tokens: ".count)
        if let end = body.range(of: ". ") { body = body[..<end.lowerBound] }
        if body.hasSuffix(".") { body = body.dropLast() }
        var record = UsageRecord(key: "")
        var found = false
        for part in body.components(separatedBy: ", ") {
            let words = part.split(separator: " ")
            guard let first = words.first, let value = count(Substring(first.replacingOccurrences(of: ",", with: "")))
            else { continue }
            switch words.dropFirst().joined(separator: " ") {
            case "sent": record.input = value
            case "received": record.output = value
            case "cache write": record.cacheWrite = value
            case "cache hit": record.cacheRead = value
            default: continue
            }
            found = true
        }
        // "sent" already holds the cache write (aider's base_coder adds cache_creation_input_tokens to it).
        record.input = max(0, record.input - record.cacheWrite)
        return found ? record : nil
    }

    /// `604`, `3.0k`, `1.2M` → a count.
    static func count(_ text: Substring) -> Int? {
        var digits = text
        var scale = 1.0
        if digits.hasSuffix("k") || digits.hasSuffix("K") {
            scale = 1_000
            digits = digits.dropLast()
        } else if digits.hasSuffix("M") || digits.hasSuffix("m") {
            scale = 1_000_000
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(digits) else {
            return nil
        }
        return Int((value * scale).rounded())
    }

    /// The prompt an input stands for, or nil for commands other than /ask, /code, /architect.
    static func promptText(_ input: String) -> String? {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        guard text.hasPrefix("/") else { return text }
        let command = text.prefix { $0 != " " && $0 != "\n" }
        guard promptCommands.contains(String(command)),
            !text.dropFirst(command.count).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return nil }
        return text
    }

    /// The absolute folder holding `path`.
    static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }

    /// `YYYY-MM-DDTHH:MM:SS` of a naive time (ms read as UTC).
    static func isoText(_ ms: Int64) -> String {
        String(Timestamp.iso8601(ms / 1000).dropLast())
    }

    private static func trimTrailing(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard text[before] == " " || text[before] == "\t" else { break }
            end = before
        }
        return String(text[..<end])
    }
}
