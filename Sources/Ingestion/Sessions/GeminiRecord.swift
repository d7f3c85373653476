import Support

/// The parts of Gemini CLI chat recordings the reader uses (FORMATS.md §4; gemini-cli
/// `chatRecordingTypes.ts`): the conversation object, its messages and the JSONL
/// records (`$set` metadata updates, `$rewindTo` rewinds).
struct GeminiRecord {
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

    init(_ value: JSONView) {
        sessionId = value["sessionId"]?.string
        projectHash = value["projectHash"]?.string
        startTime = value["startTime"]?.string
        lastUpdated = value["lastUpdated"]?.string
        kind = value["kind"]?.string
        if let list = value["messages"], list.kind == .array {
            var decoded: [Message] = []
            for element in list.elements {
                if let message = Message(element) { decoded.append(message) } else { skippedMessages += 1 }
            }
            messages = decoded
        }
        update = value["$set"].flatMap(Update.init)
        isRewind = value["$rewindTo"] != nil
        message = value["id"] != nil ? Message(value) : nil
    }

    /// `{"$set": {…}}`: the metadata fields a later line changes.
    struct Update {
        var sessionId: String?
        var lastUpdated: String?
        var kind: String?

        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            sessionId = value["sessionId"]?.string
            lastUpdated = value["lastUpdated"]?.string
            kind = value["kind"]?.string
        }
    }

    /// One message: `user`, `gemini`, `info`, `error` or `warning`.
    struct Message {
        var id: String?
        var timestamp: String?
        var type: String?
        var text: String?
        var model: String?
        var tokens: Tokens?
        var toolCalls: [ToolCall] = []

        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            id = value["id"]?.string
            timestamp = value["timestamp"]?.string
            type = value["type"]?.string
            if type == "user" {
                text = value["displayContent"]?.flexibleText ?? value["content"]?.flexibleText
            }
            model = value["model"]?.string
            tokens = value["tokens"].flatMap(Tokens.init)
            // As a decoded array: one element that is not a call object drops them all.
            let calls = value["toolCalls"]?.elements.map(ToolCall.init) ?? []
            toolCalls = calls.contains { $0 == nil } ? [] : calls.compactMap { $0 }
        }
    }

    /// `tokens`: `input` includes `cached`; `thoughts` are billed as output, `tool` as input.
    struct Tokens {
        var input: Int
        var output: Int
        var cached: Int
        var thoughts: Int
        var tool: Int

        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            input = value["input"]?.int ?? 0
            output = value["output"]?.int ?? 0
            cached = value["cached"]?.int ?? 0
            thoughts = value["thoughts"]?.int ?? 0
            tool = value["tool"]?.int ?? 0
        }
    }

    /// A tool call: its name, the file it names, and every string of its result (for commits).
    struct ToolCall {
        var name: String?
        var filePath: String?
        var resultStrings: [String] = []

        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            name = value["name"]?.string
            if let args = value["args"], args.isObject {
                filePath = args["file_path"]?.string ?? args["absolute_path"]?.string ?? args["path"]?.string
            }
            if name == "run_shell_command" { resultStrings = value["result"]?.allStrings ?? [] }
        }
    }
}
