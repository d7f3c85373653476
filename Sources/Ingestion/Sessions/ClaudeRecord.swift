/// The fields of one Claude Code JSONL line that the reader uses (FORMATS.md §1.2–1.4).
/// Everything is optional; unknown fields are never decoded.
struct ClaudeRecord: Decodable {
    var type: String?
    var sessionId: String?
    var agentId: String?
    var timestamp: String?
    var cwd: String?
    var gitBranch: String?
    var version: String?
    var uuid: String?
    var leafUuid: String?
    var requestId: String?
    var isSidechain: Bool
    var isMeta: Bool
    var isCompactSummary: Bool
    var isApiErrorMessage: Bool
    var message: Message?
    /// `toolUseResult.stdout` when the structured result is an object with one.
    var toolStdout: String?
    /// `snapshot.trackedFileBackups` keys of a file-history-snapshot (paths relative to cwd).
    var trackedFiles: [String]

    private enum Keys: String, CodingKey {
        case type, sessionId, agentId, timestamp, cwd, gitBranch, version, uuid, leafUuid, requestId
        case isSidechain, isMeta, isCompactSummary, isApiErrorMessage, message, toolUseResult, snapshot
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        type = c.lenient(String.self, .type)
        sessionId = c.lenient(String.self, .sessionId)
        agentId = c.lenient(String.self, .agentId)
        timestamp = c.lenient(String.self, .timestamp)
        cwd = c.lenient(String.self, .cwd)
        gitBranch = c.lenient(String.self, .gitBranch)
        version = c.lenient(String.self, .version)
        uuid = c.lenient(String.self, .uuid)
        leafUuid = c.lenient(String.self, .leafUuid)
        requestId = c.lenient(String.self, .requestId)
        isSidechain = c.flag(.isSidechain)
        isMeta = c.flag(.isMeta)
        isCompactSummary = c.flag(.isCompactSummary)
        isApiErrorMessage = c.flag(.isApiErrorMessage)
        message = c.lenient(Message.self, .message)
        toolStdout = type == "user" ? c.lenient(ToolResult.self, .toolUseResult)?.stdout : nil
        trackedFiles = type == "file-history-snapshot" ? c.lenient(Snapshot.self, .snapshot)?.files ?? [] : []
    }

    /// `message` of a user or assistant line.
    struct Message: Decodable {
        var id: String?
        var model: String?
        var content: Content?
        var usage: Usage?

        private enum Keys: String, CodingKey { case id, model, content, usage }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            id = c.lenient(String.self, .id)
            model = c.lenient(String.self, .model)
            content = c.lenient(Content.self, .content)
            usage = c.lenient(Usage.self, .usage)
        }
    }

    /// `message.content`: a string, or an array of blocks.
    enum Content: Decodable {
        case text(String)
        case blocks([Block])

        init(from decoder: Decoder) throws {
            let single = try decoder.singleValueContainer()
            if let text = try? single.decode(String.self) {
                self = .text(text)
            } else {
                var list = try decoder.unkeyedContainer()
                var blocks: [Block] = []
                while !list.isAtEnd {
                    // A block that is not an object is skipped, not fatal.
                    if let block = try? list.decode(Block.self) { blocks.append(block) } else { _ = try? list.decode(Skip.self) }
                }
                self = .blocks(blocks)
            }
        }
    }

    /// One content block: text, image, tool_use or tool_result.
    struct Block: Decodable {
        var type: String?
        var text: String?
        var name: String?
        var filePath: String?
        /// The text of a tool_result (a string or text parts).
        var resultText: String?

        private enum Keys: String, CodingKey { case type, text, name, input, content }
        private enum InputKeys: String, CodingKey { case file_path, notebook_path }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            type = c.lenient(String.self, .type)
            switch type {
            case "text": text = c.lenient(String.self, .text)
            case "tool_use":
                name = c.lenient(String.self, .name)
                if let input = try? c.nestedContainer(keyedBy: InputKeys.self, forKey: .input) {
                    filePath = input.lenient(String.self, .file_path) ?? input.lenient(String.self, .notebook_path)
                }
            case "tool_result": resultText = c.lenient(FlexibleText.self, .content)?.text
            default: break
            }
        }
    }

    /// `message.usage` of an assistant line.
    struct Usage: Decodable {
        var input: Int
        var output: Int
        var cacheWrite: Int
        var cacheRead: Int

        private enum Keys: String, CodingKey {
            case input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            input = c.lenient(Int.self, .input_tokens) ?? 0
            output = c.lenient(Int.self, .output_tokens) ?? 0
            cacheWrite = c.lenient(Int.self, .cache_creation_input_tokens) ?? 0
            cacheRead = c.lenient(Int.self, .cache_read_input_tokens) ?? 0
        }
    }

    private struct ToolResult: Decodable {
        var stdout: String?
        private enum Keys: String, CodingKey { case stdout }
        init(from decoder: Decoder) throws {
            stdout = try decoder.container(keyedBy: Keys.self).lenient(String.self, .stdout)
        }
    }

    private struct Snapshot: Decodable {
        var files: [String]
        private enum Keys: String, CodingKey { case trackedFileBackups }
        init(from decoder: Decoder) throws {
            files = try decoder.container(keyedBy: Keys.self).lenient(ObjectKeys.self, .trackedFileBackups)?.keys ?? []
        }
    }

    /// Consumes any JSON value.
    private struct Skip: Decodable {
        init(from decoder: Decoder) throws {}
    }
}
