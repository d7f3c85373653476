import Foundation
import Ingestion
import Model
import Support
import Testing

/// How the JSONL readers treat damaged, partial and growing files (shared line reading in `LogLineSource`).
@Suite("JSONL robustness")
struct JSONLRobustnessTests {
    static func line(_ second: Int, _ text: String = "hi") -> String {
        #"{"type":"user","sessionId":"S","timestamp":"2026-01-01T00:00:0\#(second)Z","message":{"role":"user","content":"\#(text)"}}"#
    }

    @Test("a garbage line between good lines is counted once and both good lines are kept")
    func garbageLine() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("s.jsonl", Self.line(1) + "\nthis is { not json\n" + Self.line(2) + "\n")
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.malformedLines == 1)
        #expect(result.malformedExamples.count == 1)
        #expect(result.malformedExamples.first?.hasPrefix(path + ":2: expected a JSON object") == true)
        #expect(try result.session("S").prompts == 2)
    }

    @Test("two records glued on one line, or NUL bytes before a record, are skipped with a message that says so")
    func gluedAndNULLines() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let glued = Self.line(2) + Self.line(3)
        let nul = String(repeating: "\u{0}", count: 4096) + Self.line(4)
        let path = try scratch.write(
            "s.jsonl", [Self.line(1), glued, nul, String(repeating: "\u{0}", count: 3), Self.line(5)].joined(separator: "\n") + "\n")
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.malformedLines == 3)
        #expect(
            result.malformedExamples == [
                path + ":2: a JSON object followed by more data after byte \(Self.line(2).utf8.count) "
                    + #"(found "{"type":"user","sessionId":"S","timestam…")"#,
                path + #":3: 4096 NUL bytes before the record (found "{"type":"user","sessionId":"S","timestam…")"#,
                path + ":4: 3 NUL bytes and no record",
            ])
        // Documented: a damaged line is skipped whole, its records too.
        #expect(try result.session("S").prompts == 2)
    }

    @Test("a lone UTF-16 surrogate escape (an emoji cut by Node's JSON.stringify) keeps its prompt, read as U+FFFD")
    func loneSurrogate() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("s.jsonl", Self.line(1, #"cut \ud83d"#) + "\n" + Self.line(2, #"\ude00 tail"#) + "\n")
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.malformedLines == 0)
        #expect(try result.session("S").prompts == 2)
    }

    @Test("a JSON array or scalar line is malformed; the lines around it are kept")
    func arrayAndScalar() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("s.jsonl", Self.line(1) + "\n[1,2,3]\n42\n\"text\"\n" + Self.line(2) + "\n")
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.malformedLines == 3)
        #expect(try result.session("S").eventTimes.count == 2)
    }

    @Test("invalid UTF-8 does not crash: the line is malformed, the others are read")
    func invalidUTF8() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        var bytes = Array((Self.line(1) + "\n").utf8)
        bytes += Array(#"{"type":"user","sessionId":"S","message":{"role":"user","content":""#.utf8) + [0xFF, 0xFE, 0xC3]
        bytes += Array("\"}}\n".utf8) + Array((Self.line(2) + "\n").utf8)
        let path = try scratch.write("s.jsonl", bytes)
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.malformedLines == 1)
        #expect(try result.session("S").prompts == 2)
        #expect(result.malformedExamples.allSatisfy { $0.count < path.count + 120 })
    }

    @Test("an empty file is no session, no error, nothing consumed", arguments: ["", "\n\n"])
    func emptyFile(_ content: String) throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("s.jsonl", content)
        for read in [ClaudeSessionReader.read, CodexSessionReader.read, CopilotSessionReader.read] {
            let result = try read(path, 0, nil, KnownRecords())
            #expect(result.sessions.isEmpty)
            #expect(result.malformedLines == 0)
            #expect(result.consumedBytes == Int64(content.utf8.count))
        }
    }

    @Test("an incomplete last line is neither malformed nor consumed, and is read once completed")
    func incompleteLastLine() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let first = Self.line(1) + "\n"
        let second = Self.line(2, "second")
        let cut = second.utf8.count / 2
        let path = try scratch.write("s.jsonl", first + String(second.prefix(cut)))
        let partial = try ClaudeSessionReader.read(path: path)
        #expect(partial.malformedLines == 0)
        #expect(partial.consumedBytes == Int64(first.utf8.count))
        #expect(try partial.session("S").prompts == 1)

        try scratch.append("s.jsonl", String(second.dropFirst(cut)) + "\n")
        let rest = try ClaudeSessionReader.read(path: path, fromOffset: partial.consumedBytes)
        #expect(rest.malformedLines == 0)
        #expect(try rest.session("S").promptTexts == ["second"])
        #expect(rest.consumedBytes == Int64((first + second + "\n").utf8.count))
    }

    @Test("a complete last line without a newline is read and consumed")
    func completeLastLineWithoutNewline() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let text = Self.line(1) + "\n" + Self.line(2)
        let path = try scratch.write("s.jsonl", text)
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.consumedBytes == Int64(text.utf8.count))
        #expect(try result.session("S").prompts == 2)
    }

    @Test("reading from an offset yields only the records after it")
    func fromOffset() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let head = Self.line(1, "one") + "\n" + Self.line(2, "two") + "\n"
        let path = try scratch.write("s.jsonl", head + Self.line(3, "three") + "\n")
        let result = try ClaudeSessionReader.read(path: path, fromOffset: Int64(head.utf8.count))
        let session = try result.session("S")
        #expect(session.promptTexts == ["three"])
        #expect(session.eventTimes == [LogTimestamp.milliseconds(iso: "2026-01-01T00:00:03Z")])
    }

    @Test("unknown record types are counted and ignored; their timestamps still count")
    func unknownTypes() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(
            "s.jsonl",
            Self.line(1) + "\n" + #"{"type":"hologram","sessionId":"S","timestamp":"2026-01-01T00:00:05Z","x":[1]}"# + "\n")
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.unknownRecords == 1)
        #expect(result.malformedLines == 0)
        #expect(try result.session("S").eventTimes.count == 2)
    }

    // Checked by hand once with a 50 MB line (a 50 MB tool result): read in 1.1 s, peak RSS ≈ 4× the line.
    @Test("a 5 MB single line is read without trouble")
    func largeLine() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let big = String(repeating: "x", count: 5 << 20)
        let line = #"{"type":"user","sessionId":"S","timestamp":"2026-01-01T00:00:01Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"\#(big)"}]}}"#
        let path = try scratch.write("s.jsonl", line + "\n" + Self.line(2) + "\n")
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.malformedLines == 0)
        #expect(try result.session("S").eventTimes.count == 2)
    }

    @Test("a gzipped log is read through gzip, offsets counting decompressed bytes")
    func gzip() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let text = Self.line(1, "one") + "\n" + Self.line(2, "two") + "\n"
        let plain = try scratch.write("s.jsonl", text)
        let status = try runProcess("gzip", ["-k", plain])
        #expect(status == 0)
        let result = try ClaudeSessionReader.read(path: plain + ".gz")
        #expect(try result.session("S").prompts == 2)
        #expect(result.consumedBytes == Int64(text.utf8.count))
        let later = try ClaudeSessionReader.read(path: plain + ".gz", fromOffset: Int64(Self.line(1, "one").utf8.count + 1))
        #expect(try later.session("S").promptTexts == ["two"])
    }

    @Test("a zstd log is read through zstd, or skipped with a one-line reason when zstd is missing")
    func zstd() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let plain = try scratch.write("rollout-x.jsonl", Self.line(1) + "\n")
        guard (try? runProcess("zstd", ["-q", plain])) == 0 else {
            let fake = try scratch.write("fake.jsonl.zst", [0x28, 0xB5, 0x2F, 0xFD, 0, 0])
            #expect(throws: SessionLogError.self) { try ClaudeSessionReader.read(path: fake) }
            return
        }
        let result = try ClaudeSessionReader.read(path: plain + ".zst")
        #expect(try result.session("S").prompts == 1)
    }

    private func runProcess(_ program: String, _ arguments: [String]) throws -> Int32 {
        try StreamingProcess.run(program, arguments, environment: ProcessInfo.processInfo.environment).status
    }
}
