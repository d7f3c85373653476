/// The fields of one Codex rollout line that the reader uses (FORMATS.md §2).
///
/// Current envelope: `{timestamp, type, payload}`; the payload is an `Item`.
/// Legacy envelope (≤ ~0.2x): a bare header `{id, timestamp, instructions, cwd, git}`,
/// `{"record_type":"state"}` markers and bare items, so the line itself is also read as an `Item`.
struct CodexRecord: Decodable {
    var timestamp: String?
    var type: String?
    var recordType: String?
    var payload: Item?
    /// The line read as a bare item (legacy envelope) or bare header.
    var bare: Item

    private enum Keys: String, CodingKey {
        case timestamp, type, payload
        case recordType = "record_type"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        timestamp = c.lenient(String.self, .timestamp)
        type = c.lenient(String.self, .type)
        recordType = c.lenient(String.self, .recordType)
        payload = c.lenient(Item.self, .payload)
        bare = try Item(from: decoder)
    }

    /// A payload (or a bare legacy line): session_meta, turn_context, event_msg or response_item content.
    struct Item: Decodable {
        var type: String?
        var id: String?
        var timestamp: String?
        var cwd: String?
        var cliVersion: String?
        var branch: String?
        var model: String?
        var role: String?
        var text: String?
        var message: String?
        var name: String?
        var arguments: String?
        var input: String?
        var output: [String]
        var info: TokenInfo?
        var hasInstructions: Bool

        private enum Keys: String, CodingKey {
            case type, id, timestamp, cwd, model, role, content, message, name, arguments, input, output, info, git
            case instructions
            case cliVersion = "cli_version"
        }
        private enum GitKeys: String, CodingKey { case branch }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            type = c.lenient(String.self, .type)
            id = c.lenient(String.self, .id)
            timestamp = c.lenient(String.self, .timestamp)
            cwd = c.lenient(String.self, .cwd)
            cliVersion = c.lenient(String.self, .cliVersion)
            branch = (try? c.nestedContainer(keyedBy: GitKeys.self, forKey: .git))?.lenient(String.self, .branch)
            model = c.lenient(String.self, .model)
            role = c.lenient(String.self, .role)
            text = type == "message" ? c.lenient(FlexibleText.self, .content)?.text : nil
            message = c.lenient(String.self, .message)
            name = c.lenient(String.self, .name)
            arguments = c.lenient(String.self, .arguments)
            input = c.lenient(String.self, .input)
            output = c.lenient(AllStrings.self, .output)?.strings ?? []
            info = c.lenient(TokenInfo.self, .info)
            hasInstructions = c.contains(.instructions)
        }
    }

    /// `event_msg/token_count.info`.
    struct TokenInfo: Decodable {
        var total: Usage?
        var last: Usage?

        private enum Keys: String, CodingKey {
            case total = "total_token_usage"
            case last = "last_token_usage"
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            total = c.lenient(Usage.self, .total)
            last = c.lenient(Usage.self, .last)
        }
    }

    /// One `*_token_usage` object. `input` includes `cached`; `output` includes reasoning.
    struct Usage: Decodable, Equatable {
        var input: Int
        var cached: Int
        var output: Int
        var total: Int

        private enum Keys: String, CodingKey {
            case input = "input_tokens"
            case cached = "cached_input_tokens"
            case output = "output_tokens"
            case total = "total_tokens"
        }

        init(input: Int, cached: Int, output: Int, total: Int) {
            self.input = input
            self.cached = cached
            self.output = output
            self.total = total
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            input = c.lenient(Int.self, .input) ?? 0
            cached = c.lenient(Int.self, .cached) ?? 0
            output = c.lenient(Int.self, .output) ?? 0
            total = c.lenient(Int.self, .total) ?? (input + output)
        }

        /// The difference to an earlier cumulative total (for lines without `last_token_usage`).
        func minus(_ earlier: Usage) -> Usage {
            Usage(
                input: max(0, input - earlier.input), cached: max(0, cached - earlier.cached),
                output: max(0, output - earlier.output), total: max(0, total - earlier.total))
        }
    }
}
