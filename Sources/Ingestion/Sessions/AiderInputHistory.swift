import Foundation
import Model
import Support

/// Reads aider's `.aider.input.history` (prompt_toolkit `FileHistory`, FORMATS.md §3.3):
/// entries `# 2025-05-04 17:06:57.158813` followed by the input's lines, each prefixed `+`.
///
/// The timestamps are the user's local time without a zone; they are read as if they were
/// UTC (like the chat history's headers), so the caller can shift both by the same offset.
package enum AiderInputHistory {
    /// One submitted input.
    package struct Entry: Equatable, Sendable {
        /// ms since 1970, local naive time read as UTC.
        package var time: Int64
        package var text: String
    }

    /// Inputs more than this far apart start a new session when no chat history exists (an inference).
    static let sessionGapMs: Int64 = 3_600_000

    /// All entries of the file, in file order.
    /// - Throws: `SessionLogError` when the file cannot be read.
    package static func entries(path: String, tally: inout ReadTally) throws -> [Entry] {
        var entries: [Entry] = []
        var time: Int64?
        var lines: [String] = []
        func flush() {
            if let time { entries.append(Entry(time: time, text: lines.joined(separator: "\n"))) }
            lines = []
        }
        try LogLineSource.forEachLine(path: path, fromOffset: 0) { line in
            let text = String(decoding: line.bytes, as: UTF8.self)
            if text.hasPrefix("# ") {
                flush()
                time = LogTimestamp.milliseconds(naive: String(text.dropFirst(2)))
                if time == nil { tally.malformed(line: line.number, expected: "'# <date> <time>'", content: line.bytes) }
            } else if text.hasPrefix("+") {
                lines.append(String(text.dropFirst()))
            } else if !ReadTally.isBlank(line.bytes) {
                tally.malformed(line: line.number, expected: "'+<input>' or '# <timestamp>'", content: line.bytes)
            }
            return true
        }
        flush()
        return entries
    }

    /// Reads an input history on its own. When `.aider.chat.history.md` sits beside it, it
    /// yields no session (read the chat history with this file as `inputHistoryPath` instead);
    /// otherwise inputs are grouped into sessions at gaps of more than an hour. An input is a record
    /// known by its time; records in `known` are not counted again.
    /// - Throws: `SessionLogError` when the file cannot be read.
    package static func read(
        path: String, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: diagnostics)
        let list = try entries(path: path, tally: &tally)
        let size = fileSize(path)
        let folder = AiderChatReader.folder(of: path)
        let chat = (folder as NSString).appendingPathComponent(".aider.chat.history.md")
        if FileManager.default.fileExists(atPath: chat) { return tally.finish(sessions: [], consumedBytes: size) }
        var sessions: [SessionDelta] = []
        var builder: SessionBuilder?
        var last: Int64 = .min
        for entry in list.sorted(by: { $0.time < $1.time }) {
            if builder == nil || entry.time - last > sessionGapMs {
                if let finished = builder { sessions.append(finished.build()) }
                var next = SessionBuilder(
                    tool: AiderChatReader.tool, id: folder + "#" + AiderChatReader.isoText(entry.time), known: known)
                next.workingDirectory = folder
                builder = next
            }
            builder?.beginRecord(RecordIdentity.of(id: "input \(entry.time)"))
            builder?.addTime(entry.time)
            if let prompt = AiderChatReader.promptText(entry.text) { builder?.addPrompt(prompt) }
            last = entry.time
        }
        if let finished = builder { sessions.append(finished.build()) }
        return tally.finish(sessions: sessions, consumedBytes: size)
    }

    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
