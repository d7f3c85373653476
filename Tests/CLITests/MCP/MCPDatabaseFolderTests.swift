import Foundation
import Storage
import Support
import TestSupport
import Testing

/// `multiplier mcp` reads the database read-only, and leaves the folder it lives in as it found it.
@Suite("multiplier mcp leaves the database's folder as it found it", .serialized)
struct MCPDatabaseFolderTests {
    /// Runs an MCP session of `calls` (`tools/call` params) after the handshake, to the end of input;
    /// the tools' answers' texts.
    static func session(database: String, calls: [String]) throws -> [String] {
        let input = try TemporaryDirectory("mcp-folder-input")
        defer { input.remove() }
        var lines = [
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":"r","method":"resources/read","params":{"uri":"multiplier://reports/retro"}}"#,
        ]
        for (index, call) in calls.enumerated() {
            lines.append(#"{"jsonrpc":"2.0","id":\#(index + 1),"method":"tools/call","params":\#(call)}"#)
        }
        try input.write("input.jsonl", lines.joined(separator: "\n") + "\n")
        let process = try StreamingProcess(
            executable: CLIRunner.binary, arguments: ["mcp", "--db", database], environment: ScriptedRepository.environment(),
            standardInput: input.path + "/input.jsonl")
        let output = String(decoding: try process.readAllOutput(), as: UTF8.self)
        try #require(try process.waitForStatus() == 0, "\(process.standardError.suffix(2_000))")
        var texts: [String] = []
        for line in output.split(separator: "\n") {
            let answer = try JSONValue.parse(Array(line.utf8))
            #expect(answer["error"] == nil, "\(line.prefix(300))")
            if let text = answer["result"]?["content"]?.array?.first?["text"]?.string { texts.append(text) }
        }
        return texts
    }

    @Test("a session on a database without -wal and -shm ends with none, the database's bytes unchanged")
    func leavesNoWALFiles() throws {
        let repository = try ScriptedRepository("mcp-folder")
        let folder = try TemporaryDirectory("mcp-folder-db")
        defer {
            repository.remove()
            folder.remove()
        }
        try repository.write("app/main.py", "print('hello')\n")
        try repository.commit("ABC-1: start", date: "2026-03-02T10:00:00+0000")
        try repository.write("app/more.py", "print('more')\n")
        try repository.commit("ABC-2: more", date: "2026-03-03T10:00:00+0000")
        let database = folder.path + "/db.sqlite"
        let ingest = try CLIRunner.run(["ingest", "git", repository.path, "--db", database, "--quiet"])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["db.sqlite"])
        let before = try Data(contentsOf: URL(fileURLWithPath: database))

        let texts = try Self.session(
            database: database,
            calls: [
                #"{"name":"tasks","arguments":{"limit":5}}"#, #"{"name":"speedup","arguments":{}}"#,
                #"{"name":"advise","arguments":{"description":"add a page"}}"#,
            ])
        #expect(texts.count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["db.sqlite"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test("the -wal and -shm of another program's open connection are read through and left in place")
    func keepsALiveWAL() throws {
        let folder = try TemporaryDirectory("mcp-folder-live")
        defer { folder.remove() }
        let database = folder.path + "/db.sqlite"
        // An ingest still running: its commit is in the WAL only.
        let writer = try Database(path: database)
        try writer.execute("PRAGMA wal_autocheckpoint = 0")
        try writer.execute("INSERT INTO repository (root, name) VALUES ('/w/live-only', 'live-only')")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        try #require(files == ["db.sqlite", "db.sqlite-shm", "db.sqlite-wal"])

        let texts = try Self.session(database: database, calls: [#"{"name":"speedup","arguments":{"repo":"nope"}}"#])
        #expect(texts.last?.contains("ingested: live-only") == true, "\(texts)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == files)
        #expect(try writer.prepare("SELECT count(*) FROM repository").first { $0.int(0) } == 1)
    }
}
