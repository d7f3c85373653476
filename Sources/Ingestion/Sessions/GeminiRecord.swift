/// The parts of Gemini CLI chat recordings the reader uses (FORMATS.md §4; gemini-cli
/// `chatRecordingTypes.ts`): the conversation object, its messages and the JSONL
/// records (`$set` metadata updates, `$rewindTo` rewinds).
struct GeminiRecord: Decodable {
    var sessionId: String?
    var projectHash: String?
    var startTime: String?
    var lastUpdated: String?
    var kind: String?
    /// The single-object format's messages (elements that are not objects are counted as skipped).
    var messages: [Message]?
    var skippedMessages = 0
    /// A JSONL `$set` update.
    var update: Update?
    var isRewind: Bool
    /// A JSONL line that is itself a message.
    var message: Message?

    private enum Keys: String, CodingKey {
        case sessionId, projectHash, startTime, lastUpdated, kind, messages, id
        case set = "$set"
        case rewindTo = "$rewindTo"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        sessionId = c.lenient(String.self, .sessionId)
        projectHash = c.lenient(String.self, .projectHash)
        startTime = c.lenient(String.self, .startTime)
        lastUpdated = c.lenient(String.self, .lastUpdated)
        kind = c.lenient(String.self, .kind)
        if var list = try? c.nestedUnkeyedContainer(forKey: .messages) {
            var decoded: [Message] = []
            while !list.isAtEnd {
                if let message = try? list.decode(Message.self) {
                    decoded.append(message)
                } else {
                    skippedMessages += 1
                    guard (try? list.decode(Skip.self)) != nil else { break }
                }
            }
            messages = decoded
        }
        update = c.lenient(Update.self, .set)
        isRewind = c.contains(.rewindTo)
        message = c.contains(.id) ? try? Message(from: decoder) : nil
    }

    /// `{"$set": {…}}`: the metadata fields a later line changes.
    struct Update: Decodable {
        var sessionId: String?
        var lastUpdated: String?
        var kind: String?
        private enum Keys: String, CodingKey { case sessionId, lastUpdated, kind }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            sessionId = c.lenient(String.self, .sessionId)
            lastUpdated = c.lenient(String.self, .lastUpdated)
            kind = c.lenient(String.self, .kind)
        }
    }

    /// One message: `user`, `gemini`, `info`, `error` or `warning`.
    struct Message: Decodable {
        var id: String?
        var timestamp: String?
        var type: String?
        var text: String?
        var model: String?
        var tokens: Tokens?
        var toolCalls: [ToolCall]

        private enum Keys: String, CodingKey { case id, timestamp, type, content, displayContent, model, tokens, toolCalls }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            id = c.lenient(String.self, .id)
            timestamp = c.lenient(String.self, .timestamp)
            type = c.lenient(String.self, .type)
            if type == "user" {
                text = c.lenient(FlexibleText.self, .displayContent)?.text ?? c.lenient(FlexibleText.self, .content)?.text
            }
            model = c.lenient(String.self, .model)
            tokens = c.lenient(Tokens.self, .tokens)
            toolCalls = c.lenient([ToolCall].self, .toolCalls) ?? []
        }
    }

    /// `tokens`: `input` includes `cached`; `thoughts` are billed as output, `tool` as input.
    struct Tokens: Decodable {
        var input: Int
        var output: Int
        var cached: Int
        var thoughts: Int
        var tool: Int
        private enum Keys: String, CodingKey { case input, output, cached, thoughts, tool }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            input = c.lenient(Int.self, .input) ?? 0
            output = c.lenient(Int.self, .output) ?? 0
            cached = c.lenient(Int.self, .cached) ?? 0
            thoughts = c.lenient(Int.self, .thoughts) ?? 0
            tool = c.lenient(Int.self, .tool) ?? 0
        }
    }

    /// A tool call: its name, the file it names, and every string of its result (for commits).
    struct ToolCall: Decodable {
        var name: String?
        var filePath: String?
        var resultStrings: [String]
        private enum Keys: String, CodingKey { case name, args, result }
        private enum ArgumentKeys: String, CodingKey { case file_path, absolute_path, path }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            name = c.lenient(String.self, .name)
            if let args = try? c.nestedContainer(keyedBy: ArgumentKeys.self, forKey: .args) {
                filePath =
                    args.lenient(String.self, .file_path) ?? args.lenient(String.self, .absolute_path)
                    ?? args.lenient(String.self, .path)
            }
            resultStrings = name == "run_shell_command" ? c.lenient(AllStrings.self, .result)?.strings ?? [] : []
        }
    }

    private struct Skip: Decodable {
        init(from decoder: Decoder) throws {}
    }
}
