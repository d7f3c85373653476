import Foundation
import Model
import Support

/// Counts what a reader skipped: malformed lines (with the first few quoted) and
/// records of unknown types. Also reads JSON lines without copying them: with a
/// `JSONScanner` (the JSONL readers) or `JSONDecoder` (whole-file formats).
package struct ReadTally {
    /// How many malformed lines are quoted in the result.
    static let exampleLimit = 5
    /// At most this much of a log's own content is echoed in a message.
    static let quoteLimit = 40

    let path: String
    let startOffset: Int64
    let diagnostics: Diagnostics?
    private(set) var malformed = 0
    private(set) var examples: [String] = []
    var unknown = 0
    private let decoder = JSONDecoder()
    private var scanner = JSONScanner()

    init(path: String, startOffset: Int64, diagnostics: Diagnostics?) {
        self.path = path
        self.startOffset = startOffset
        self.diagnostics = diagnostics
    }

    /// Records a malformed line: `path:line: expected …` (the line is counted from the
    /// read's start, so a read from an offset says so).
    mutating func malformed(line: Int, expected: String, content: UnsafeBufferPointer<UInt8>? = nil) {
        malformed(line: line, problem: "expected \(expected)", content: content)
    }

    /// Records a malformed line: `path:line: <problem>`, and what was found when `content` is given.
    mutating func malformed(line: Int, problem: String, content: UnsafeBufferPointer<UInt8>?) {
        malformed += 1
        let place = startOffset > 0 ? "\(path): line \(line) after byte \(startOffset)" : "\(path):\(line)"
        var message = "\(place): \(problem)"
        if let content { message += " (found \(Self.quote(content)))" }
        if examples.count < Self.exampleLimit { examples.append(message) }
        diagnostics?.warn(message)
    }

    /// Decodes one line (or a whole-file format) as `T` with JSONDecoder; nil (and nothing
    /// counted) when it does not decode.
    func decode<T: Decodable>(_ type: T.Type, _ bytes: UnsafeBufferPointer<UInt8>) -> T? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        // The buffer outlives this synchronous call, so no copy is needed.
        let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
        return try? decoder.decode(T.self, from: data)  // the caller counts the failure as a malformed line
    }

    /// Reads a line that is a JSON object with `read`; nil (and nothing counted) when it is not one.
    /// Like `decode`, it does not check the line's UTF-8 beyond the strings `read` decodes.
    mutating func decode<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ read: (JSONView) -> T) -> T? {
        let value = try? scanner.scan(bytes) { root in root.isObject ? read(root) : nil }
        return value ?? nil
    }

    /// Reads a line that must be a JSON object with `read`; counts it as malformed when it is not.
    /// Blank lines are skipped silently. An unterminated last line that is not a JSON object
    /// is left for the next read (it may still be being written): nil, not counted.
    mutating func object<T>(_ line: LogLineSource.Line, _ read: (JSONView) -> T) -> T? {
        if Self.isBlank(line.bytes) { return nil }
        // A log line must be UTF-8 to be trusted (JSONDecoder would have repaired it silently);
        // the scan checks the strings, the only place a JSON text may hold other than ASCII.
        let utf8: Bool
        var stop: Int?
        do {
            if let value = try scanner.scan(line.bytes, validatingUTF8: true, { $0.isObject ? read($0) : nil }) {
                return value
            }
            utf8 = true
        } catch .invalidUTF8 {
            utf8 = false
        } catch .syntax(let offset) {
            utf8 = Self.isValidUTF8(line.bytes)
            stop = offset
        } catch {
            utf8 = Self.isValidUTF8(line.bytes)
        }
        if line.terminated {
            if !utf8 {
                malformed(line: line.number, expected: "UTF-8 text")
            } else if let (problem, rest) = damage(line.bytes, stoppedAt: stop) {
                malformed(line: line.number, problem: problem, content: rest)
            } else {
                malformed(line: line.number, expected: "a JSON object", content: line.bytes)
            }
        }
        return nil
    }

    /// What is wrong with a line that is no JSON object, when it is damage seen in real logs, and the
    /// bytes to quote (those after the damage); nil for any other line. The records are not recovered
    /// (a damaged line is skipped whole): the message only says where to look.
    /// - NUL bytes before the record: a crash or power loss left preallocated space unwritten.
    /// - A JSON object followed by more data (`stoppedAt`: where the scan stopped): two writers
    ///   appended at once, gluing two records together.
    private mutating func damage(
        _ bytes: UnsafeBufferPointer<UInt8>, stoppedAt stop: Int?
    ) -> (problem: String, rest: UnsafeBufferPointer<UInt8>?)? {
        let nuls = bytes.prefix { $0 == 0 }.count
        if nuls > 0 {
            let rest = UnsafeBufferPointer(rebasing: bytes[nuls...])
            let count = "\(nuls) NUL byte\(nuls == 1 ? "" : "s")"
            return Self.isBlank(rest) ? ("\(count) and no record", nil) : ("\(count) before the record", rest)
        }
        // The part before the stop either is one JSON object or is not: a failed scan is a "not".
        guard let stop, stop > 0, stop < bytes.count,
            (try? scanner.scan(UnsafeBufferPointer(rebasing: bytes[..<stop]), { $0.isObject })) == true
        else { return nil }
        return ("a JSON object followed by more data after byte \(stop)", UnsafeBufferPointer(rebasing: bytes[stop...]))
    }

    /// The result fields this tally owns.
    func finish(sessions: [SessionDelta], consumedBytes: Int64) -> SessionReadResult {
        SessionReadResult(
            sessions: sessions.sorted { $0.id < $1.id }, malformedLines: malformed, malformedExamples: examples,
            consumedBytes: consumedBytes, unknownRecords: unknown)
    }

    /// Whether the bytes are valid UTF-8 (for a line that is not JSON: which message it gets).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Validation.isValid(bytes)
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// At most `quoteLimit` characters of log content, control characters replaced.
    static func quote(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Secrets are redacted before the cut (in a stretch long enough for a long token), so
        // that no prefix of one is shown either.
        let prefix = UnsafeBufferPointer(rebasing: bytes.prefix(4096))
        let text = SecretRedactor.redact(String(decoding: prefix, as: UTF8.self))
        let cleaned = String(text.prefix(quoteLimit).map { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 ? " " : $0 })
        return "\"" + cleaned + (text.count > quoteLimit ? "…" : "") + "\""
    }
}
