import Ingestion
import Model
import Testing

@Suite("Parsing the git log -z --numstat stream")
struct GitLogParserTests {
    /// Feeds `stream` split at NUL, the way `ByteSplitter` hands it over.
    func parse(_ stream: [UInt8]) throws -> [Commit] {
        var parser = GitLogParser()
        var commits: [Commit] = []
        var piece: [UInt8] = []
        for byte in stream + [0] {
            if byte == 0 {
                if let commit = try piece.withUnsafeBufferPointer({ try parser.consume($0) }) { commits.append(commit) }
                piece.removeAll()
            } else {
                piece.append(byte)
            }
        }
        if let last = parser.finish() { commits.append(last) }
        return commits
    }

    func header(_ hash: Character, parents: String = "", message: String) -> [UInt8] {
        let fields = [
            String(repeating: hash, count: 40), parents, "Ann", "ann@example.com", "1767607200", "+0530", "Ann",
            "ann@example.com", "1767607300", message,
        ]
        return [0x1E] + Array(fields.joined(separator: "\u{1F}").utf8)
    }

    @Test("headers, numstat lines, renames and binaries become commits")
    func basic() throws {
        var stream = header("a", message: "Second\n\nBody\n\nSigned-off-by: Ann <ann@example.com>\n") + [0]
        stream += Array("\n3\t1\tsrc/a.swift".utf8) + [0]
        stream += Array("-\t-\timage.png".utf8) + [0]
        stream += Array("0\t0\t".utf8) + [0] + Array("old name".utf8) + [0] + Array("\u{1E}new\u{1F}name".utf8) + [0]
        stream += header("b", message: "First\n")
        let commits = try parse(stream)
        #expect(commits.count == 2)
        let second = commits[0]
        #expect(second.subject == "Second")
        #expect(second.body == "Body\n\nSigned-off-by: Ann <ann@example.com>")
        #expect(second.trailers == [Trailer(key: "Signed-off-by", value: "Ann <ann@example.com>")])
        #expect(second.authorOffsetMinutes == 330)
        #expect(second.files.count == 3)
        #expect(second.files[0] == FileChange(path: "src/a.swift", linesAdded: 3, linesDeleted: 1))
        #expect(second.files[1].isBinary)
        #expect(second.files[2] == FileChange(path: "\u{1E}new\u{1F}name", oldPath: "old name", linesAdded: 0, linesDeleted: 0))
        #expect(commits[1].files.isEmpty)
    }

    @Test("a message may contain the record and field separators")
    func separatorsInMessage() throws {
        let commits = try parse(header("c", parents: "d e", message: "Odd \u{1E} subject\u{1F}x\n\nbody\u{1F}\u{1E}\n"))
        #expect(commits.count == 1)
        #expect(commits[0].subject == "Odd \u{1E} subject\u{1F}x")
        #expect(commits[0].parents == ["d", "e"])
        #expect(commits[0].isMerge)
    }

    @Test("garbage where a header belongs is an error, not a crash")
    func garbage() {
        #expect(throws: GitLogParser.Failure.self) { try parse(Array("not a header".utf8)) }
        #expect(throws: GitLogParser.Failure.self) { try parse([0x1E] + Array("short\u{1F}header".utf8)) }
        #expect(throws: GitLogParser.Failure.self) {
            try parse(header("a", message: "x") + [0] + Array("\nx\ty\tz".utf8))
        }
    }
}
