import Support

/// The MCP lifecycle and dispatch: one line in, at most one line out (notifications get none).
///
/// Requests are answered in order, one at a time; the database is only ever read.
struct MCPServer {
    /// The handshake revisions this server speaks, newest first. A client asking for another one
    /// gets the newest and decides whether to go on (MCP's version negotiation). 2025-03-26 is
    /// the one that has JSON-RPC batches.
    static let protocolVersions = ["2025-11-25", "2025-06-18", "2025-03-26"]
    /// The longest message kept; a longer line is skipped as it arrives and answered with an error.
    static let lineLimit = 4 << 20

    let tools: MCPTools
    let resources: MCPResources
    /// Diagnostics: stderr, never stdout.
    let log: @Sendable (String) -> Void
    /// The revision agreed in `initialize`; nil before it.
    private(set) var protocolVersion: String?

    init(tools: MCPTools, resources: MCPResources, log: @escaping @Sendable (String) -> Void) {
        self.tools = tools
        self.resources = resources
        self.log = log
    }

    /// The answer to one line of input, if it gets one.
    mutating func handle(_ line: BoundedLineReader.Line) -> String? {
        let bytes: [UInt8]
        switch line {
        case .tooLong(let length):
            return JSONRPC.error(
                id: .null,
                JSONRPC.Failure(
                    .invalidRequest,
                    "a message of \(length) bytes is longer than the \(Self.lineLimit >> 20) MiB limit; it was skipped"))
        case .complete(let line), .unterminated(let line): bytes = line
        }
        // A blank line is not a message: nothing to answer.
        if bytes.allSatisfy({ [0x20, 0x09, 0x0D].contains($0) }) { return nil }
        let value: JSONValue
        switch JSONRPC.parse(bytes) {
        case .failure(let failure): return JSONRPC.error(id: .null, failure)
        case .success(let parsed): value = parsed
        }
        // Integer ids beyond a Double's 2^53, as written.
        let exactIDs = JSONRPC.exactIDs(bytes)
        if case .array(let items) = value, protocolVersion == "2025-03-26" { return batch(items, exactIDs: exactIDs) }
        return respond(to: JSONRPC.message(value), rawID: exactIDs.first ?? nil)
    }

    /// A 2025-03-26 batch: the answers to its requests, as one array (none when it held only notifications).
    private mutating func batch(_ items: [JSONValue], exactIDs: [String?]) -> String? {
        guard !items.isEmpty else { return JSONRPC.error(id: .null, JSONRPC.Failure(.invalidRequest, "an empty batch")) }
        var answers: [String] = []
        for (position, item) in items.enumerated() {
            let message = JSONRPC.message(item)
            let rawID = position < exactIDs.count ? exactIDs[position] : nil
            if case .request(let id, "initialize", _) = message {
                answers.append(
                    JSONRPC.error(id: id, rawID: rawID, JSONRPC.Failure(.invalidRequest, "'initialize' may not be part of a batch")))
            } else if let answer = respond(to: message, rawID: rawID) {
                answers.append(answer)
            }
        }
        return answers.isEmpty ? nil : "[" + answers.joined(separator: ",") + "]"
    }

    private mutating func respond(to message: JSONRPC.Message, rawID: String?) -> String? {
        switch message {
        case .invalid(let id, let failure):
            // An id that is not a string or number is answered with null, never its text.
            return JSONRPC.error(id: id, rawID: id == .null ? nil : rawID, failure)
        case .response:
            log("mcp: ignored a response: this server sends no requests")
            return nil
        case .notification(let method):
            if method == "notifications/initialized" && protocolVersion == nil {
                log("mcp: 'notifications/initialized' before 'initialize'")
            }
            return nil
        case .request(let id, let method, let params):
            do {
                return JSONRPC.result(id: id, rawID: rawID, try answer(method, params))
            } catch {
                return JSONRPC.error(id: id, rawID: rawID, error)
            }
        }
    }

    private mutating func answer(_ method: String, _ params: [String: JSONValue]) throws(JSONRPC.Failure) -> JSONValue {
        switch method {
        case "initialize": return try initialize(params)
        case "ping": return .object([:])
        case "tools/list", "tools/call", "resources/list", "resources/templates/list", "resources/read":
            guard protocolVersion != nil else {
                throw JSONRPC.Failure(.invalidRequest, "the session is not initialized: send 'initialize' first")
            }
        default:
            throw JSONRPC.Failure(
                .methodNotFound,
                "unknown method '\(method.prefix(80))'; this server answers initialize, ping, tools/list, tools/call, "
                    + "resources/list, resources/templates/list and resources/read")
        }
        switch method {
        case "tools/list":
            try Self.refuseCursor(params)
            return .object(["tools": .array(tools.definitions)])
        case "tools/call": return try tools.call(params)
        case "resources/list":
            try Self.refuseCursor(params)
            return .object(["resources": .array(resources.list)])
        case "resources/templates/list":
            // Every resource has a fixed address: no templates.
            try Self.refuseCursor(params)
            return .object(["resourceTemplates": .array([])])
        default: return try resources.read(params)
        }
    }

    private mutating func initialize(_ params: [String: JSONValue]) throws(JSONRPC.Failure) -> JSONValue {
        guard protocolVersion == nil else {
            throw JSONRPC.Failure(.invalidRequest, "already initialized; 'initialize' comes once per connection")
        }
        guard case .string(let requested)? = params["protocolVersion"] else {
            throw JSONRPC.Failure(
                .invalidParams, "'initialize' needs params.protocolVersion, a string such as \"\(Self.protocolVersions[0])\"")
        }
        let version = Self.protocolVersions.contains(requested) ? requested : Self.protocolVersions[0]
        if version != requested {
            log("mcp: the client asked for protocol \(requested.prefix(40)); offering \(version)")
        }
        protocolVersion = version
        return .object([
            "protocolVersion": .string(version),
            "capabilities": .object([
                "tools": .object(["listChanged": .bool(false)]),
                "resources": .object(["subscribe": .bool(false), "listChanged": .bool(false)]),
            ]),
            "serverInfo": .object([
                "name": .string("multiplier"), "title": .string("Multiplier"), "version": .string(ToolCommand.version),
            ]),
            "instructions": .string(
                """
                Multiplier measures, from this team's git history and AI session logs, how much faster AI-assisted \
                tasks are than human ones, per category of work. Before a task, call 'advise' with its description \
                (and the files it will touch): it says the task's likely category, the team's measured AI/human \
                effort ratio there with its interval, and what review usually finds. Read-only.
                """),
        ])
    }

    /// This server lists everything in one page, so no cursor it could be given is valid.
    private static func refuseCursor(_ params: [String: JSONValue]) throws(JSONRPC.Failure) {
        if let cursor = params["cursor"], cursor != .null {
            throw JSONRPC.Failure(.invalidParams, "unknown cursor: this server lists everything in one page, without cursors")
        }
    }
}
