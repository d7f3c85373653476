import Support
import Testing

@testable import Commands

@Suite("JSON-RPC 2.0 messages as MCP takes them, one per line")
struct JSONRPCTests {
    func message(_ text: String) -> JSONRPC.Message { JSONRPC.message(Array(text.utf8)) }

    /// The id and code of the error a message gets, as "ID CODE".
    func failure(_ text: String) -> String? {
        guard case .invalid(let id, let failure) = message(text) else { return nil }
        return "\(id.text) \(failure.code.rawValue)"
    }

    @Test("requests keep their id (string or number) and params; a message without an id is a notification")
    func requests() {
        #expect(message(#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#) == .request(id: .number(7), method: "ping", params: [:]))
        #expect(
            message(#"{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"x"}}"#)
                == .request(id: .string("a"), method: "tools/call", params: ["name": .string("x")]))
        #expect(message(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#) == .notification(method: "notifications/initialized"))
        #expect(message(#"{"jsonrpc":"2.0","id":3,"result":{}}"#) == .response)
    }

    @Test("each kind of malformed message gets its standard code, with the id when it could be read")
    func errors() {
        #expect(failure("{nope") == "null -32700")
        #expect(failure(#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#) == "null -32600")
        #expect(failure("42") == "null -32600")
        #expect(failure(#"{"id":1,"method":"ping"}"#) == "1 -32600")
        #expect(failure(#"{"jsonrpc":"1.0","id":1,"method":"ping"}"#) == "1 -32600")
        #expect(failure(#"{"jsonrpc":"2.0","id":1,"method":5}"#) == "1 -32600")
        #expect(failure(#"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#) == "null -32600")
        #expect(failure(#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#) == "null -32600")
        #expect(failure(#"{"jsonrpc":"2.0","id":2,"method":"ping","params":[1]}"#) == "2 -32602")
        #expect(failure(#"{"jsonrpc":"2.0","id":2}"#) == "2 -32600")
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(failure(deep) == "null -32600")
    }

    @Test("answers are one compact line that echoes the id")
    func answers() {
        #expect(JSONRPC.result(id: .number(1), .object([:])) == #"{"id":1,"jsonrpc":"2.0","result":{}}"#)
        #expect(
            JSONRPC.error(id: .string("x"), JSONRPC.Failure(.methodNotFound, "no\nsuch"))
                == #"{"error":{"code":-32601,"message":"no\nsuch"},"id":"x","jsonrpc":"2.0"}"#)
    }
}
