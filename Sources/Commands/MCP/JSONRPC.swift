import Support

/// JSON-RPC 2.0 as MCP uses it over stdio: one message per line (batches: MCPServer, 2025-03-26 only).
enum JSONRPC {
    /// The standard error codes, plus MCP's "resource not found".
    enum Code: Int {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case resourceNotFound = -32002
    }

    /// An error answer: its code, and a message a person can act on.
    struct Failure: Error, Equatable {
        var code: Code
        var message: String

        init(_ code: Code, _ message: String) {
            self.code = code
            self.message = message
        }
    }

    /// What one line holds.
    enum Message: Equatable {
        /// A request: answered with the same id.
        case request(id: JSONValue, method: String, params: [String: JSONValue])
        /// A notification (no id): never answered.
        case notification(method: String)
        /// A response or error from the peer: this server sends no requests, so it is only logged.
        case response
        /// Not a message: answered with an error, with the id when one could be read, else null.
        case invalid(id: JSONValue, Failure)
    }

    /// Classifies one line (without its newline).
    static func message(_ line: [UInt8]) -> Message {
        switch parse(line) {
        case .success(let value): message(value)
        case .failure(let failure): .invalid(id: .null, failure)
        }
    }

    /// One line as JSON, or the error it gets.
    static func parse(_ line: [UInt8]) -> Result<JSONValue, Failure> {
        do {
            return .success(try JSONValue.parse(line))
        } catch .tooDeep(let limit) {
            return .failure(Failure(.invalidRequest, "the message nests arrays or objects deeper than \(limit) levels"))
        } catch {
            return .failure(Failure(.parseError, "not JSON (\(describe(error))); send one JSON-RPC 2.0 object per line"))
        }
    }

    /// Classifies one JSON value (a line, or a member of a 2025-03-26 batch).
    static func message(_ value: JSONValue) -> Message {
        guard case .object(let members) = value else {
            if case .array = value {
                return .invalid(
                    id: .null,
                    Failure(
                        .invalidRequest,
                        "JSON-RPC batches (arrays) are taken only in MCP 2025-03-26, and never nested; send one request per line"))
            }
            return .invalid(id: .null, Failure(.invalidRequest, "expected a JSON-RPC 2.0 object, got \(value.kindName)"))
        }
        let id = members["id"]
        let validID: JSONValue? = id.flatMap { id in
            switch id {
            case .string, .number: id
            default: nil
            }
        }
        guard members["jsonrpc"] == .string("2.0") else {
            return .invalid(id: validID ?? .null, Failure(.invalidRequest, "\"jsonrpc\" must be \"2.0\""))
        }
        guard let method = members["method"] else {
            if members["result"] != nil || members["error"] != nil { return .response }
            return .invalid(id: validID ?? .null, Failure(.invalidRequest, "a request needs a \"method\""))
        }
        guard case .string(let name) = method else {
            return .invalid(id: validID ?? .null, Failure(.invalidRequest, "\"method\" must be a string, got \(method.kindName)"))
        }
        guard let id else { return .notification(method: name) }
        guard let validID else {
            return .invalid(id: .null, Failure(.invalidRequest, "\"id\" must be a string or a number, got \(id.kindName)"))
        }
        switch members["params"] {
        case nil: return .request(id: validID, method: name, params: [:])
        case .object(let params)?: return .request(id: validID, method: name, params: params)
        case let other?:
            return .invalid(id: validID, Failure(.invalidParams, "\"params\" of '\(name)' must be an object, got \(other.kindName)"))
        }
    }

    /// A success answer, as one line of text (without the newline). `rawID`: the request's id as
    /// written, for a number a Double cannot hold (`exactIDs`).
    static func result(id: JSONValue, rawID: String? = nil, _ result: JSONValue) -> String {
        answer(id: id, rawID: rawID, "result", result)
    }

    /// An error answer, as one line of text (without the newline).
    static func error(id: JSONValue, rawID: String? = nil, _ failure: Failure) -> String {
        let error = JSONValue.object(["code": .number(Double(failure.code.rawValue)), "message": .string(failure.message)])
        return answer(id: id, rawID: rawID, "error", error)
    }

    /// `{"error"|"result": …, "id": …, "jsonrpc": "2.0"}`, keys sorted as `JSONValue.text` writes them.
    private static func answer(id: JSONValue, rawID: String?, _ name: String, _ value: JSONValue) -> String {
        guard let rawID else { return JSONValue.object(["jsonrpc": .string("2.0"), "id": id, name: value]).text }
        return name < "id"
            ? "{\"\(name)\":\(value.text),\"id\":\(rawID),\"jsonrpc\":\"2.0\"}"
            : "{\"id\":\(rawID),\"jsonrpc\":\"2.0\",\"\(name)\":\(value.text)}"
    }

    /// The ids of a line's message (one, or a batch's, in order) as written, where a number id is
    /// an integer beyond ±2^53 that a Double rounds (a timestamp or snowflake id): JSON-RPC answers
    /// with the same id, and a client could not match 9007199254740992 to its 9007199254740993.
    /// Nil where the id is anything else (it is written from its value).
    static func exactIDs(_ line: [UInt8]) -> [String?] {
        var scanner = JSONScanner()
        let ids = line.withUnsafeBufferPointer { bytes in
            try? scanner.scan(bytes) { root -> [String?] in
                func exact(_ message: JSONView) -> String? {
                    guard let id = message["id"], id.kind == .number else { return nil }
                    let raw = String(decoding: id.raw, as: UTF8.self)
                    guard let value = Double(raw), abs(value) >= 9_007_199_254_740_992 else { return nil }
                    return raw
                }
                return root.kind == .array ? root.elements.map(exact) : [exact(root)]
            }
        }
        return ids ?? []
    }

    private static func describe(_ error: JSONValue.ParseFailure) -> String {
        switch error {
        case .invalid(let reason): reason
        case .tooDeep(let limit): "nested deeper than \(limit)"
        }
    }
}
