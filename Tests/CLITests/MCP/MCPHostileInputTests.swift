import Foundation
import Support
import TestSupport
import Testing

/// 1,000 malformed or hostile messages through the built `multiplier mcp`, generated from a seed:
/// each gets the answer the protocol calls for (or none), the server ends cleanly, and the
/// database's bytes do not change.
@Suite("multiplier mcp under hostile input", .serialized)
struct MCPHostileInputTests {
    /// What a message must get back.
    enum Expected: Equatable {
        case nothing
        case error(id: String, code: Int)
        case result(id: String)
        /// A tool result; `isError` as given.
        case toolResult(id: String, isError: Bool)
    }

    static let sqlBits = [
        "'; DROP TABLE task; --", "\" OR 1=1 --", "x'); DELETE FROM git_commit; --", "%' UNION SELECT * FROM label --",
        "\\'; ATTACH DATABASE '/tmp/x' AS x; --", "*/ VACUUM; /*",
    ]

    /// The messages, one per line, with what each must get; `id` numbers them.
    static func messages(count: Int, seed: UInt64) -> [(line: [UInt8], expected: Expected)] {
        var random = SplitMix(seed: seed)
        var messages: [(line: [UInt8], expected: Expected)] = []
        func add(_ text: String, _ expected: Expected) { messages.append((Array(text.utf8), expected)) }
        func quoted(_ text: String) -> String { JSONValue.string(text).text }
        add(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"hostile","version":"0"}}}"#, .result(id: "0"))
        add(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, .nothing)
        let valid = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"tasks","arguments":{"limit":3}}}"#
        var id = 1
        // Calls that read every task (and advise's retro) are a few dozen, not hundreds: each takes
        // a fifth of a second in a debug build, and one proves what a hundred would.
        var heavy = 0
        while messages.count < count - 3 {
            id += 1
            let n = "\(id)"
            var kind = random.below(17)
            if kind == 9 || kind == 10 {
                heavy += 1
                if heavy > 24 { kind = 16 }
            }
            switch kind {
            case 0:  // a valid message cut short
                add(String(valid.prefix(1 + random.below(valid.count - 1))), .error(id: "null", code: -32700))
            case 1:  // random bytes, newlines excluded, invalid UTF-8 included
                var bytes: [UInt8] = [0x78]
                for _ in 0..<(1 + random.below(300)) { bytes.append(UInt8(random.below(256))) }
                messages.append((bytes.map { $0 == 0x0A ? 0x20 : $0 }, .error(id: "null", code: -32700)))
            case 2:  // an id of the wrong type
                let bad = random.pick(["{}", "[1]", "true", "null", "{\"$ne\":1}"])
                add(#"{"jsonrpc":"2.0","id":\#(bad),"method":"ping"}"#, .error(id: "null", code: -32600))
            case 3:  // a method that is not a string, or a wrong jsonrpc
                if random.below(2) == 0 {
                    add(#"{"jsonrpc":"2.0","id":\#(n),"method":\#(random.pick(["1", "null", "[]", "{}"]))}"#, .error(id: n, code: -32600))
                } else {
                    add(#"{"jsonrpc":\#(random.pick(["\"1.0\"", "2", "null"])),"id":\#(n),"method":"ping"}"#, .error(id: n, code: -32600))
                }
            case 4:  // params that are not an object
                add(#"{"jsonrpc":"2.0","id":\#(n),"method":"tools/list","params":\#(random.pick(["[1,2]", "\"x\"", "3"]))}"#, .error(id: n, code: -32602))
            case 5:  // unknown methods, "shutdown" among them; a ping after it is still answered
                let method = random.pick(["shutdown", "exit", "tools/delete", "resources/write", "sampling/createMessage", "admin"])
                add(#"{"jsonrpc":"2.0","id":\#(n),"method":\#(quoted(method))}"#, .error(id: n, code: -32601))
                if messages.count < count - 3 {
                    id += 1
                    add(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#, .result(id: "\(id)"))
                }
            case 6:  // notifications, known or not: never answered
                add(#"{"jsonrpc":"2.0","method":\#(quoted(random.pick(["notifications/cancelled", "x/y", "shutdown", "exit"])))}"#, .nothing)
            case 7:  // a batch
                add(#"[{"jsonrpc":"2.0","id":\#(n),"method":"ping"},{"jsonrpc":"2.0","id":"b","method":"tools/list"}]"#, .error(id: "null", code: -32600))
            case 8:  // a huge string as a method name or an argument
                let huge = String(repeating: random.pick(["a", "é", "'", "\\\\"]), count: 50_000 + random.below(200_000))
                if random.below(2) == 0 {
                    add(#"{"jsonrpc":"2.0","id":\#(n),"method":"\#(huge)"}"#, .error(id: n, code: -32601))
                } else {
                    add(#"{"jsonrpc":"2.0","id":\#(n),"method":"tools/call","params":{"name":"tasks","arguments":{"since":"\#(huge)"}}}"#, .toolResult(id: n, isError: true))
                }
            case 9:  // SQL in arguments that name things: refused as unknown, or (a filter) matching nothing
                let sql = random.pick(sqlBits)
                let (tool, argument, refused) = random.pick([
                    ("tasks", "category", true), ("tasks", "repo", true), ("explain_task", "task", true), ("speedup", "repo", true),
                ])
                add(#"{"jsonrpc":"2.0","id":\#(n),"method":"tools/call","params":{"name":"\#(tool)","arguments":{"\#(argument)":\#(quoted("x" + sql))}}}"#, .toolResult(id: n, isError: refused))
            case 10:  // SQL in free text: an ordinary answer
                add(#"{"jsonrpc":"2.0","id":\#(n),"method":"tools/call","params":{"name":"advise","arguments":{"description":\#(quoted("Fix login" + random.pick(sqlBits))),"paths":[\#(quoted("src/" + random.pick(sqlBits)))]}}}"#, .toolResult(id: n, isError: false))
            case 11:  // wrong argument types
                let arguments = random.pick([#"{"limit":"ten"}"#, #"{"ai":"yes"}"#, #"{"limit":1e300}"#, #"{"limit":2.5}"#, #"{"zone":["weak"]}"#, #"{"nope":1}"#])
                add(#"{"jsonrpc":"2.0","id":\#(n),"method":"tools/call","params":{"name":"tasks","arguments":\#(arguments)}}"#, .toolResult(id: n, isError: true))
            case 12:  // unknown tools and resources
                if random.below(2) == 0 {
                    add(#"{"jsonrpc":"2.0","id":\#(n),"method":"tools/call","params":{"name":\#(quoted("review" + random.pick(sqlBits)))}}"#, .error(id: n, code: -32602))
                } else {
                    add(#"{"jsonrpc":"2.0","id":\#(n),"method":"resources/read","params":{"uri":\#(quoted(random.pick(["file:///etc/passwd", "multiplier://../../etc", "multiplier://reports/retro'--"])))}}"#, .error(id: n, code: -32002))
                }
            case 13:  // a second initialize
                add(#"{"jsonrpc":"2.0","id":\#(n),"method":"initialize","params":{"protocolVersion":"2025-06-18"}}"#, .error(id: n, code: -32600))
            case 14:  // a response, as if the server had asked something
                add(#"{"jsonrpc":"2.0","id":\#(n),"result":{"x":1}}"#, .nothing)
            case 15:  // deep nesting
                let depth = 1_000 + random.below(100_000)
                add(String(repeating: "[", count: depth) + String(repeating: "]", count: depth), .error(id: "null", code: -32600))
            default:  // well-formed requests keep being answered in between
                add(#"{"jsonrpc":"2.0","id":\#(n),"method":"\#(random.pick(["ping", "tools/list", "resources/list"]))"}"#, .result(id: n))
            }
        }
        // One line over the 4 MiB limit, a last ping, and a half-written line at the end of input.
        add(#"{"jsonrpc":"2.0","id":"long","method":"ping","params":{"pad":""# + String(repeating: "x", count: 5 << 20) + #""}}"#, .error(id: "null", code: -32600))
        add(#"{"jsonrpc":"2.0","id":"last","method":"ping"}"#, .result(id: "\"last\""))
        messages.append((Array(#"{"jsonrpc":"2.0","id":"half","meth"#.utf8), .error(id: "null", code: -32700)))
        return messages
    }

    @Test("each of 1,000 hostile messages gets the answer the protocol calls for; the server ends cleanly; the database is unchanged")
    func hostile() throws {
        let database = try SampleTeam.database.get()
        let work = try TemporaryDirectory("mcp-hostile")
        defer { work.remove() }
        let messages = Self.messages(count: 1_000, seed: 18)
        #expect(messages.count == 1_000)
        var input: [UInt8] = []
        for (index, message) in messages.enumerated() {
            input += message.line
            if index < messages.count - 1 { input.append(0x0A) }
        }
        try work.write("input.jsonl", Data(input))
        let before = try Data(contentsOf: URL(fileURLWithPath: database))

        let process = try StreamingProcess(
            executable: CLIRunner.binary, arguments: ["mcp", "--db", database], environment: ScriptedRepository.environment(),
            standardInput: work.path + "/input.jsonl")
        let output = String(decoding: try process.readAllOutput(), as: UTF8.self)
        let status = try process.waitForStatus()
        #expect(status == 0, "\(process.standardError.suffix(2_000))")
        #expect(!process.standardError.contains("Fatal error"))

        let answers = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let expected = messages.map(\.expected).filter { $0 != .nothing }
        #expect(answers.count == expected.count)
        for (answer, expectation) in zip(answers, expected) {
            let value = try JSONValue.parse(Array(answer.utf8))
            let id = value["id"]?.text ?? "missing"
            switch expectation {
            case .nothing: break
            case .error(let wanted, let code):
                #expect(id == wanted && value["error"]?["code"]?.number == Double(code), "\(answer.prefix(300))")
                let message = value["error"]?["message"]?.string ?? ""
                #expect(!message.isEmpty)
            case .result(let wanted):
                #expect(id == wanted && value["result"] != nil, "\(answer.prefix(300))")
            case .toolResult(let wanted, let isError):
                #expect(id == wanted && value["result"]?["isError"] == .bool(isError), "\(answer.prefix(300))")
            }
            #expect(answer.utf8.count < 1 << 20, "an answer echoed a huge input: \(answer.prefix(200))")
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(after == before, "the database changed")
        print("mcp hostile: \(messages.count) messages, \(answers.count) answers, database sha256 "
            + SHA256.hash([UInt8](before)).map { String(format: "%02x", $0) }.joined() + " before and after")
    }
}
