import Foundation
import Storage
import Support
import TestSupport
import Testing

@testable import Commands

@Suite("The MCP server's lifecycle, version negotiation and errors")
struct MCPServerTests {
    /// A server over an empty database in `directory`.
    func server(_ directory: TemporaryDirectory) throws -> MCPServer {
        let path = directory.path + "/db.sqlite"
        _ = try Database(path: path)
        let commands = EmbeddedCommand(
            database: try Database(readOnlyPath: path), environment: [:], currentDirectory: directory.path, log: { _ in })
        return MCPServer(tools: MCPTools(commands: commands), resources: MCPResources(commands: commands), log: { _ in })
    }

    /// The answer to one line, parsed.
    func answer(_ server: inout MCPServer, _ text: String) throws -> JSONValue? {
        try server.handle(.complete(Array(text.utf8))).map { try JSONValue.parse(Array($0.utf8)) }
    }

    func initialize(_ version: String) -> String {
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
    }

    func errorCode(_ answer: JSONValue?) -> Double? { answer?["error"]?["code"]?.number }

    @Test("a database file put in the served one's place (demo builds a new one) is read from the next call on")
    func replacedFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        _ = try Database(path: path)
        let commands = EmbeddedCommand(
            database: try Database(readOnlyPath: path), environment: [:], currentDirectory: directory.path, log: { _ in })
        #expect(try !commands.run(StatusCommand.definition, []).contains("replaced-repo"))
        do {
            let newer = try Database(path: directory.path + "/new.sqlite")
            try newer.execute("INSERT INTO repository (id, root, name) VALUES (1, '/w/replaced-repo', 'replaced-repo')")
            try newer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        #expect(rename(directory.path + "/new.sqlite", path) == 0)
        #expect(try commands.run(StatusCommand.definition, []).contains("replaced-repo"))
    }

    @Test("initialize agrees on the version the client asks for when it is supported, else offers the newest", arguments: [
        ("2025-11-25", "2025-11-25"), ("2025-06-18", "2025-06-18"), ("2025-03-26", "2025-03-26"), ("2024-11-05", "2025-11-25"),
        ("2099-01-01", "2025-11-25"),
    ])
    func negotiation(asked: String, agreed: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var server = try server(directory)
        let result = try answer(&server, initialize(asked))?["result"]
        #expect(result?["protocolVersion"] == .string(agreed))
        #expect(result?["capabilities"]?["tools"] != nil && result?["capabilities"]?["resources"] != nil)
        #expect(result?["serverInfo"]?["name"] == .string("multiplier"))
        #expect(server.protocolVersion == agreed)
    }

    @Test("before initialize only ping is answered; initialize comes once and needs a version")
    func lifecycle() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var server = try server(directory)
        #expect(try answer(&server, #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)?["result"] == .object([:]))
        #expect(errorCode(try answer(&server, #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#)) == -32600)
        #expect(errorCode(try answer(&server, #"{"jsonrpc":"2.0","id":3,"method":"initialize","params":{}}"#)) == -32602)
        #expect(try answer(&server, initialize("2025-06-18"))?["result"] != nil)
        #expect(errorCode(try answer(&server, initialize("2025-06-18"))) == -32600)
        #expect(try answer(&server, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#) == nil)
        let tools = try answer(&server, #"{"jsonrpc":"2.0","id":4,"method":"tools/list"}"#)?["result"]?["tools"]?.array ?? []
        #expect(tools.compactMap { $0["name"]?.string }.sorted() == ["advise", "explain_task", "forecast", "review", "speedup", "tasks"])
        for tool in tools {
            #expect(tool["inputSchema"]?["type"] == .string("object"))
            #expect(tool["outputSchema"]?["type"] == .string("object"))
            // Prose, not the source's indentation.
            let description = tool["description"]?.string ?? ""
            #expect(!description.isEmpty && !description.contains("  "), "\(tool["name"]?.string ?? "")")
        }
        let resources = try answer(&server, #"{"jsonrpc":"2.0","id":5,"method":"resources/list"}"#)?["result"]?["resources"]?.array
        #expect(resources?.count == 4)
        #expect(resources?.contains { $0["uri"] == .string("multiplier://reports/practices") } == true)
        let templates = try answer(&server, #"{"jsonrpc":"2.0","id":6,"method":"resources/templates/list"}"#)
        #expect(templates?["result"]?["resourceTemplates"] == .array([]))
    }

    @Test("errors carry the standard codes and the request's id; notifications, responses and blank lines get no answer")
    func errors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var server = try server(directory)
        _ = try answer(&server, initialize("2025-11-25"))
        let unknown = try answer(&server, #"{"jsonrpc":"2.0","id":"u","method":"shutdown"}"#)
        #expect(errorCode(unknown) == -32601)
        #expect(unknown?["id"] == .string("u"))
        #expect(errorCode(try answer(&server, #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nope"}}"#)) == -32602)
        #expect(errorCode(try answer(&server, #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{}}"#)) == -32602)
        #expect(
            errorCode(try answer(&server, #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"tasks","arguments":[]}}"#))
                == -32602)
        #expect(errorCode(try answer(&server, #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":"x"}}"#)) == -32602)
        #expect(errorCode(try answer(&server, #"{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"file:///etc/passwd"}}"#)) == -32002)
        #expect(errorCode(try answer(&server, "not json")) == -32700)
        #expect(try answer(&server, #"{"jsonrpc":"2.0","method":"no/such/notification"}"#) == nil)
        #expect(try answer(&server, #"{"jsonrpc":"2.0","id":9,"result":{}}"#) == nil)
        #expect(try answer(&server, "   ") == nil)
        let long = try server.handle(.tooLong(length: 5 << 20)).map { try JSONValue.parse(Array($0.utf8)) }
        #expect(errorCode(long) == -32600)
        #expect(try answer(&server, #"{"jsonrpc":"2.0","id":10,"method":"ping"}"#)?["result"] == .object([:]))
    }

    @Test("an integer id beyond 2^53 is answered as written, alone and in a batch; smaller ones as before")
    func largeIDs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var server = try server(directory)
        _ = server.handle(.complete(Array(initialize("2025-03-26").utf8)))
        for id in ["9007199254740993", "12345678901234567", "18446744073709551615", "-9007199254740995"] {
            let ping = server.handle(.complete(Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#.utf8)))
            #expect(ping == #"{"id":\#(id),"jsonrpc":"2.0","result":{}}"#)
            let unknown = server.handle(.complete(Array(#"{"id":\#(id),"jsonrpc":"2.0","method":"nope"}"#.utf8))) ?? ""
            #expect(unknown.hasPrefix(#"{"error":{"code":-32601,"#) && unknown.hasSuffix(#""id":\#(id),"jsonrpc":"2.0"}"#), "\(unknown)")
        }
        #expect(server.handle(.complete(Array(#"{"jsonrpc":"2.0","id":9007199254740991,"method":"ping"}"#.utf8)))
            == #"{"id":9007199254740991,"jsonrpc":"2.0","result":{}}"#)
        #expect(server.handle(.complete(Array(#"{"jsonrpc":"2.0","id":1E2,"method":"ping"}"#.utf8))) == #"{"id":100,"jsonrpc":"2.0","result":{}}"#)
        let batch = server.handle(
            .complete(Array(#"[{"jsonrpc":"2.0","id":7,"method":"ping"},5,{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}]"#.utf8)))
        #expect(batch?.hasSuffix(#",{"id":9007199254740993,"jsonrpc":"2.0","result":{}}]"#) == true, "\(batch ?? "")")
        #expect(batch?.hasPrefix(#"[{"id":7,"jsonrpc":"2.0","result":{}},"#) == true, "\(batch ?? "")")
    }

    @Test("batches are answered as one array under 2025-03-26 only; initialize may not be in one")
    func batches() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let batch = #"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"x"},5,"#
            + #"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"2025-03-26"}},"#
            + #"{"jsonrpc":"2.0","id":3,"method":"nope"}]"#
        var current = try server(directory)
        _ = try answer(&current, initialize("2025-06-18"))
        #expect(errorCode(try answer(&current, batch)) == -32600)
        var old = try server(directory)
        _ = try answer(&old, initialize("2025-03-26"))
        let answers = try answer(&old, batch)?.array ?? []
        #expect(answers.count == 4)
        #expect(answers.first?["result"] == .object([:]))
        #expect(answers.dropFirst().map { $0["error"]?["code"]?.number } == [-32600, -32600, -32601])
        #expect(try answer(&old, "[]")?["error"]?["code"]?.number == -32600)
        #expect(try answer(&old, #"[{"jsonrpc":"2.0","method":"notifications/cancelled"}]"#) == nil)
    }

    @Test("a tool's wrong arguments are a tool result with isError and a message naming the argument")
    func toolErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var server = try server(directory)
        _ = try answer(&server, initialize("2025-11-25"))
        let calls = [
            (#"{"name":"tasks","arguments":{"category":42}}"#, "'category' must be a string"),
            (#"{"name":"tasks","arguments":{"categry":"tests"}}"#, "did you mean 'category'"),
            (#"{"name":"tasks","arguments":{"category":"nope"}}"#, "unknown category 'nope'"),
            (#"{"name":"speedup","arguments":{"since":"--output=/tmp/x"}}"#, "may not start with '-'"),
            (#"{"name":"advise","arguments":{}}"#, "advise needs 'description'"),
            (#"{"name":"explain_task","arguments":{"task":"x'; DROP TABLE task; --"}}"#, "no task"),
            (#"{"name":"forecast","arguments":{"backlog":[]}}"#, "from 1 to 200 entries"),
            (#"{"name":"forecast","arguments":{"backlog":[{"id":"a","estimate_hours":-1}]}}"#, "'backlog[0].estimate_hours' must be a number"),
            (#"{"name":"forecast","arguments":{"backlog":[{"id":"a","estimate_hours":1e308}]}}"#, "'backlog[0].estimate_hours' must be a number of hours above 0 and at most 100000"),
            (#"{"name":"forecast","arguments":{"backlog":[{"id":"a","estimate_hours":1}],"capacity_hours":1e-8}}"#, "'capacity_hours' must be a number from 0.001 to 100000"),
            (#"{"name":"forecast","arguments":{"backlog":[{"id":"a","estimate_hours":1},{"id":"a","estimate_hours":2}]}}"#, "'backlog[1].id' 'a' is already the id of backlog[0]"),
            // No history (an empty database): the capacity must be given, by its argument's name.
            (#"{"name":"forecast","arguments":{"backlog":[{"id":"a","estimate_hours":1}]}}"#, "no history to take a capacity from: give 'capacity_hours'"),
        ]
        for (params, message) in calls {
            let result = try answer(&server, #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":\#(params)}"#)?["result"]
            #expect(result?["isError"] == .bool(true), "\(params)")
            let text = result?["content"]?.array?.first?["text"]?.string ?? ""
            #expect(text.contains(message), "\(params): \(text)")
        }
    }
}
