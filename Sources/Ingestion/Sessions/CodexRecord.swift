import Support

/// The fields of one Codex rollout line that the reader uses (FORMATS.md §2).
///
/// Current envelope: `{timestamp, type, payload}`; the payload is an `Item`.
/// Legacy envelope (≤ ~0.2x): a bare header `{id, timestamp, instructions, cwd, git}`,
/// `{"record_type":"state"}` markers and bare items, so the line itself is also read as an `Item`.
struct CodexRecord {
    var timestamp: String?
    var type: String?
    var recordType: String?
    var payload: Item?
    /// The line read as a bare item (legacy envelope) or bare header.
    var bare: Item

    init(_ line: JSONView) {
        timestamp = line["timestamp"]?.string
        type = line["type"]?.string
        recordType = line["record_type"]?.string
        payload = line["payload"].flatMap(Item.init)
        bare = Item(line) ?? Item()
    }

    /// A payload (or a bare legacy line): session_meta, turn_context, event_msg or response_item content.
    /// The texts are read only for the item types that use them.
    struct Item {
        var type: String?
        var id: String?
        var timestamp: String?
        var cwd: String?
        var cliVersion: String?
        var branch: String?
        /// `git.repository_url` of a session_meta (the origin at the session's start).
        var repositoryURL: String?
        var model: String?
        var role: String?
        /// `content` of a message.
        var text: String?
        /// `message` of a user_message event.
        var message: String?
        var name: String?
        /// `arguments` of a function_call.
        var arguments: String?
        /// `input` of a custom_tool_call.
        var input: String?
        /// The strings of the `output` of a function_call_output or custom_tool_call_output that may
        /// hold a commit: a commit line, or JSON (`{`) wrapping one; no other can add a commit.
        var output: [String] = []
        var info: TokenInfo?
        var hasInstructions = false
        /// `turn_context.collaboration_mode.mode` ("default", "plan"; ≥ 0.88 with collaboration modes).
        var collaborationMode: String?
        /// A sub-agent's rollout: `session_meta.source.subagent.thread_spawn.parent_thread_id`, the
        /// session that spawned it (empty when the spawn names none).
        var spawnedBy: String?
        /// `session_meta.forked_from_id`: the session a fork (or a spawned sub-agent) copied its history from.
        var forkedFrom: String?
        /// `turn_id` of a turn_context or a task event (≥ 0.104).
        var turnID: String?

        init() {}

        /// The members read, in the order of `names`.
        private enum Field: Int, CaseIterable {
            case type, id, timestamp, cwd, cli_version, git, model, role, name, content, message, arguments, input
            case output, info, instructions, collaboration_mode, source, forked_from_id, turn_id
        }
        private static let names = JSONNames(Field.allCases.map { "\($0)" })

        /// nil when the value is not an object.
        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            let fields = value.members(Self.names)
            func field(_ name: Field) -> JSONView? { fields[name.rawValue] }
            type = field(.type)?.string
            id = field(.id)?.string
            timestamp = field(.timestamp)?.string
            cwd = field(.cwd)?.string
            cliVersion = field(.cli_version)?.string
            branch = field(.git)?["branch"]?.string
            repositoryURL = field(.git)?["repository_url"]?.string
            model = field(.model)?.string
            role = field(.role)?.string
            name = field(.name)?.string
            switch type {
            case "message": text = field(.content)?.flexibleText
            case "user_message": message = field(.message)?.string
            case "function_call": arguments = field(.arguments)?.string
            case "custom_tool_call": input = field(.input)?.string
            case "function_call_output", "custom_tool_call_output":
                output = field(.output)?.allStrings {
                    let wrapped = $0.raw.first == UInt8(ascii: "{") || $0.raw.first == UInt8(ascii: "\\")
                    return wrapped ? $0.mayHoldCommitHashInJSON : $0.mayHoldCommitHash
                } ?? []
            default: break
            }
            info = field(.info).flatMap(TokenInfo.init)
            hasInstructions = field(.instructions) != nil
            collaborationMode = field(.collaboration_mode)?["mode"]?.string
            if let spawn = field(.source)?["subagent"]?["thread_spawn"] {
                spawnedBy = spawn["parent_thread_id"]?.string ?? ""
            }
            forkedFrom = field(.forked_from_id)?.string
            turnID = field(.turn_id)?.string
        }
    }

    /// `event_msg/token_count.info`.
    struct TokenInfo {
        var total: Usage?
        var last: Usage?

        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            total = value["total_token_usage"].flatMap(Usage.init)
            last = value["last_token_usage"].flatMap(Usage.init)
        }
    }

    /// One `*_token_usage` object. `input` includes `cached`; `output` includes reasoning.
    struct Usage: Equatable {
        var input: Int
        var cached: Int
        var output: Int
        var total: Int

        init(input: Int, cached: Int, output: Int, total: Int) {
            self.input = input
            self.cached = cached
            self.output = output
            self.total = total
        }

        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            input = value["input_tokens"]?.int ?? 0
            cached = value["cached_input_tokens"]?.int ?? 0
            output = value["output_tokens"]?.int ?? 0
            total = value["total_tokens"]?.int ?? (input + output)
        }

        /// The difference to an earlier cumulative total (for lines without `last_token_usage`).
        func minus(_ earlier: Usage) -> Usage {
            Usage(
                input: max(0, input - earlier.input), cached: max(0, cached - earlier.cached),
                output: max(0, output - earlier.output), total: max(0, total - earlier.total))
        }
    }
}
