import Foundation
import Support
import TestSupport
import Testing

/// Every argument of every tool, given wrong, through the built `multiplier mcp` on repositories the
/// test makes: each answer is a tool error that names the tool's own argument (as its input schema
/// does) or its JSON position (`backlog[1].id`), never a command-line option or a CSV line.
@Suite("multiplier mcp tool errors in the tools' own terms", .serialized)
struct MCPToolErrorTests {
    /// A call, and what its error must say.
    struct Call: Sendable, CustomStringConvertible {
        var tool: String
        var arguments: String
        var says: String

        init(_ tool: String, _ arguments: String, _ says: String) {
            self.tool = tool
            self.arguments = arguments
            self.says = says
        }

        var description: String { "\(tool) \(arguments)" }
    }

    /// The calls; `shop` and `loose` are the two repositories' names.
    static func calls(shop: String, loose: String) -> [Call] {
        [
            Call("speedup", #"{"repo":"\#(shop)","since":"soon"}"#, "'since' expects a date (2026-11-02), an instant, a git ref of"),
            Call("speedup", #"{"repo":"\#(shop)","since":"2025-02-30"}"#, "'since': 2025-02-30 is no day of the calendar"),
            Call("speedup", #"{"repo":"\#(shop)","until":"soon"}"#, "'until' expects a date (2026-11-02)"),
            Call("speedup", #"{"since":"2026-11-10","until":"2026-11-01"}"#, "'since' 2026-11-10 (2026-11-10T00:00:00Z) is not before 'until' 2026-11-01"),
            Call("speedup", #"{"since":"-1 week"}"#, "'since' may not start with '-'"),
            Call("speedup", #"{"repo":"nope"}"#, "'repo': no ingested repository 'nope'; ingested: \([loose, shop].sorted().joined(separator: ", "))"),
            Call("speedup", #"{"paths":"src"}"#, "'paths' must be an array of strings, not a string"),
            Call("speedup", #"{"exclude":[1]}"#, "'exclude[0]' must be a string"),
            Call("speedup", #"{"team":"yes"}"#, "'team' must be true or false"),
            Call("speedup", #"{"sinse":"2026-01-01"}"#, "speedup takes no argument 'sinse' (did you mean 'since'?)"),
            Call("advise", #"{}"#, "advise needs 'description', a string"),
            Call("advise", #"{"description":"  "}"#, "'description' is empty"),
            Call("advise", #"{"description":"add a form","paths":[{}]}"#, "'paths[0]' must be a string"),
            Call("advise", #"{"description":"add a form","repo":"nope"}"#, "'repo': no ingested repository 'nope'"),
            Call("tasks", #"{"since":"soon"}"#, "'since' expects a date like 2026-11-02"),
            Call("tasks", #"{"until":"2026-13-01"}"#, "'until': 2026-13-01 is no day of the calendar"),
            Call("tasks", #"{"since":"2026-11-10","until":"2026-11-01"}"#, "'since' 2026-11-10 is not before 'until' 2026-11-01"),
            Call("tasks", #"{"repo":"nope"}"#, "'repo': no ingested repository 'nope'"),
            Call("tasks", #"{"category":"cruddy"}"#, "unknown category 'cruddy' (did you mean 'crud'?)"),
            Call("tasks", #"{"zone":"hot"}"#, "unknown zone 'hot'"),
            Call("tasks", #"{"ai":"yes"}"#, "'ai' must be true or false"),
            Call("tasks", #"{"bots":1}"#, "'bots' must be true or false"),
            Call("tasks", #"{"team":"yes"}"#, "'team' must be true or false"),
            Call("tasks", #"{"limit":2.5}"#, "'limit' must be a whole number"),
            Call("explain_task", #"{"task":"nosuch"}"#, "no task 'nosuch'; the tasks tool lists their ids"),
            Call("explain_task", #"{"task":7}"#, "'task' must be a string"),
            Call("forecast", #"{"backlog":"A,x,crud,3,yes"}"#, "'backlog' must be an array of objects, not a string"),
            Call("forecast", #"{"backlog":[7]}"#, "'backlog[0]' must be an object"),
            Call("forecast", #"{"backlog":[{"title":"x","estimate_hours":1}]}"#, "backlog[0] needs 'id', a string"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":1},{"id":"a","estimate_hours":2}]}"#,
                "'backlog[1].id' 'a' is already the id of backlog[0]; each task needs its own id"),
            Call("forecast", #"{"backlog":[{"id":"A","title":["x"],"estimate_hours":1}]}"#, "'backlog[0].title' must be a string"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":1},{"id":"B","estimate_hours":0}]}"#,
                "'backlog[1].estimate_hours' must be a number of hours above 0 and at most 100000, not '0'"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":"3"}]}"#, "'backlog[0].estimate_hours' must be a number, not a string"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":1,"category":"cruddy"}]}"#,
                "'backlog[0].category': unknown category 'cruddy'; valid: crud"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":1,"ai":"maybe"}]}"#, "'backlog[0].ai' must be yes, no or auto, not 'maybe'"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":1,"size":"L"}]}"#, "backlog[0] takes no field 'size'"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":1}],"capacity_hours":0}"#, "'capacity_hours' must be a number from 0.001"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":1}],"runs":0}"#, "'runs' must be a number from 1 to 20000"),
            Call("forecast", #"{"backlog":[{"id":"A","estimate_hours":1}],"seed":-1}"#, "'seed' must be a number from 0"),
            Call("review", #"{"since":"soon"}"#, "'since' 'soon' is not a date, and there is no repository to resolve it in"),
            Call("review", #"{"repo":"\#(shop)","since":"soon"}"#, "'since' expects a date (2026-11-02), an instant, a git ref of"),
            Call("review", #"{"repo":"\#(shop)","until":"soon"}"#, "'until' expects a date (2026-11-02)"),
            Call("review", #"{"since":"2026-11-10","until":"2026-11-01"}"#, "'since' 2026-11-10 (2026-11-10T00:00:00Z) is not before 'until' 2026-11-01"),
            Call("review", #"{"repo":"nope"}"#, "'repo': no ingested repository 'nope'"),
            Call("review", #"{"branch":"topic"}"#, "'branch' and 'range' need 'repo' when several repositories are ingested"),
            Call("review", #"{"repo":"\#(shop)","branch":"nope"}"#, "'branch' 'nope' does not name a commit in"),
            Call("review", #"{"repo":"\#(loose)","branch":"work"}"#, #"to compare 'work' with; give "range": "BASE..work""#),
            Call("review", #"{"repo":"\#(shop)","branch":"topic","range":"main..topic"}"#, "give 'branch' or 'range', not both"),
            Call("review", #"{"repo":"\#(shop)","range":"HEAD"}"#, "'range' expects A..B, not 'HEAD'"),
            Call("review", #"{"repo":"\#(shop)","range":"nope..main"}"#, "'range': 'nope' does not name a commit in"),
            Call("review", #"{"repo":"\#(shop)","range":"main..nope"}"#, "'range': 'nope' does not name a commit in"),
            Call("review", #"{"include_human":"yes"}"#, "'include_human' must be true or false"),
            Call("review", #"{"limit":500}"#, "'limit' must be a number from 1 to 200"),
        ]
    }

    @Test("each wrong argument of each tool is an error naming the argument or its JSON position, not an option or a CSV line")
    func toolErrors() throws {
        let work = try TemporaryDirectory("mcp-errors")
        defer { work.remove() }
        // A repository with a branch, and one whose only branch has no usual default name.
        let shop = try ScriptedRepository("mcp-errors-shop")
        let loose = try ScriptedRepository("mcp-errors-loose")
        defer {
            shop.remove()
            loose.remove()
        }
        try shop.write("app/main.py", "print('hello')\n")
        try shop.commit("ABC-1: start", date: "2026-03-02T10:00:00+0000")
        try shop.git("checkout", "-q", "-b", "topic")
        try shop.write("app/more.py", "print('more')\n")
        try shop.commit("ABC-2: more", date: "2026-03-03T10:00:00+0000")
        try shop.git("checkout", "-q", "main")
        try loose.write("notes.md", "notes\n")
        try loose.commit("notes", date: "2026-03-02T10:00:00+0000")
        try loose.git("branch", "-m", "main", "work")
        let database = work.path + "/db.sqlite"
        for repository in [shop, loose] {
            let ingest = try CLIRunner.run(["ingest", "git", repository.path, "--db", database, "--quiet"])
            try #require(ingest.status == 0, "\(ingest.stderr)")
        }
        let shopName = (shop.path as NSString).lastPathComponent
        let looseName = (loose.path as NSString).lastPathComponent
        let calls = Self.calls(shop: shopName, loose: looseName)

        var lines = [
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#,
        ]
        for (index, call) in calls.enumerated() {
            lines.append(
                #"{"jsonrpc":"2.0","id":\#(index + 2),"method":"tools/call","params":{"name":"\#(call.tool)","arguments":\#(call.arguments)}}"#)
        }
        try work.write("input.jsonl", lines.joined(separator: "\n") + "\n")
        let process = try StreamingProcess(
            executable: CLIRunner.binary, arguments: ["mcp", "--db", database], environment: ScriptedRepository.environment(),
            standardInput: work.path + "/input.jsonl")
        let output = String(decoding: try process.readAllOutput(), as: UTF8.self)
        #expect(try process.waitForStatus() == 0, "\(process.standardError.suffix(2_000))")
        var answers: [Int: JSONValue] = [:]
        for line in output.split(separator: "\n") {
            let answer = try JSONValue.parse(Array(line.utf8))
            if let id = answer["id"]?.number { answers[Int(id)] = answer }
        }

        for (index, call) in calls.enumerated() {
            let result = answers[index + 2]?["result"]
            let text = result?["content"]?.array?.first?["text"]?.string ?? ""
            #expect(result?["isError"] == .bool(true), "\(call): \(text)")
            #expect(text.contains(call.says), "\(call): \(text)")
            // No option (`--since`) and no CSV place (`line 2`, `:3:`): an MCP client sent neither.
            #expect(!text.contains("--"), "\(call): \(text)")
            #expect(text.range(of: #"line \d|:\d+: "#, options: .regularExpression) == nil, "\(call): \(text)")
        }

        // Every argument of every tool's input schema, and every field of a backlog entry, is given wrong above.
        let tools = answers[1]?["result"]?["tools"]?.array ?? []
        #expect(tools.count == 6)
        for tool in tools {
            let name = tool["name"]?.string ?? ""
            guard case .object(let properties)? = tool["inputSchema"]?["properties"] else {
                Issue.record("\(name) has no input properties")
                continue
            }
            var expected = properties.keys.map { "\"\($0)\"" }
            if case .object(let fields)? = properties["backlog"]?["items"]?["properties"] {
                expected += fields.keys.map { "\"\($0)\"" }
            }
            for argument in expected {
                #expect(calls.contains { $0.tool == name && $0.arguments.contains(argument + ":") }, "no wrong \(argument) for \(name)")
            }
        }
    }
}
