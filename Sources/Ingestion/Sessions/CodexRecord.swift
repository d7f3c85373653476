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

    init(_ line: JSONValue) {
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
        /// Every string of the `output` of a function_call_output or custom_tool_call_output.
        var output: [String] = []
        var info: TokenInfo?
        var hasInstructions = false

        init() {}

        /// nil when the value is not an object.
        init?(_ value: JSONValue) {
            guard value.isObject else { return nil }
            type = value["type"]?.string
            id = value["id"]?.string
            timestamp = value["timestamp"]?.string
            cwd = value["cwd"]?.string
            cliVersion = value["cli_version"]?.string
            branch = value["git"]?["branch"]?.string
            model = value["model"]?.string
            role = value["role"]?.string
            name = value["name"]?.string
            switch type {
            case "message": text = value["content"]?.flexibleText
            case "user_message": message = value["message"]?.string
            case "function_call": arguments = value["arguments"]?.string
            case "custom_tool_call": input = value["input"]?.string
            case "function_call_output", "custom_tool_call_output": output = value["output"]?.allStrings ?? []
            default: break
            }
            info = value["info"].flatMap(TokenInfo.init)
            hasInstructions = value["instructions"] != nil
        }
    }

    /// `event_msg/token_count.info`.
    struct TokenInfo {
        var total: Usage?
        var last: Usage?

        init?(_ value: JSONValue) {
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

        init?(_ value: JSONValue) {
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
