import Support

/// The fields of one Claude Code JSONL line that the reader uses (FORMATS.md §1.2–1.4).
/// Everything is optional: a field that is missing or of another type reads as nil;
/// unknown fields are never decoded, nor fields the line's type does not use (nil then),
/// nor texts only searched for commits unless they may hold one.
struct ClaudeRecord {
    var type: String?
    var sessionId: String?
    /// Of a sidechain line.
    var agentId: String?
    /// `timestamp`, in ms since 1970.
    var time: Int64?
    var cwd: String?
    var gitBranch: String?
    var version: String?
    /// Unless the reader said it needs none.
    var uuid: String?
    /// `uuid` as the continuation search keys it, when the reader asked (it indexes the file).
    var uuidKey: ClaudeContinuationSearch.Value?
    /// The record's identity from its `uuid` (`RecordIdentity`); nil for a line without one.
    var identity: UInt64?
    /// Of a summary line.
    var leafUuid: String?
    /// Of an assistant line.
    var requestId: String?
    var isSidechain: Bool
    var isMeta: Bool
    var isCompactSummary: Bool
    var isApiErrorMessage: Bool
    /// `permissionMode` of a prompt line (≥ 2.1) or of a `permission-mode` line ("plan", "default", …).
    var permissionMode: String?
    var message: Message?
    /// Commits in `toolUseResult.stdout` (user lines) when the structured result is an object with one.
    var toolCommits: [String]
    /// `snapshot.trackedFileBackups` keys of a file-history-snapshot (paths relative to cwd).
    var trackedFiles: [String]
    /// `attachment.prompt` (a string or text parts) of an `attachment` line of type `queued_command`
    /// typed by a person (a prompt typed while Claude was busy, ≥ 2.1.x): `commandMode` "prompt" and `origin.kind` "human" (or no
    /// origin). Task notifications and commands from other origins are nil.
    var queuedPrompt: String?

    /// The members read, in the order of `names`.
    private enum Field: Int, CaseIterable {
        case type, sessionId, agentId, timestamp, cwd, gitBranch, version, uuid, leafUuid, requestId
        case isSidechain, isMeta, isCompactSummary, isApiErrorMessage, message, toolUseResult, snapshot
        case permissionMode, attachment
    }
    private static let names = JSONNames(Field.allCases.map { "\($0)" })

    /// The fields that mostly repeat from line to line, decoded through `RepeatedStrings`.
    enum Repeated: Int, CaseIterable {
        case sessionId, agentId, cwd, gitBranch, version, requestId, messageID, model
    }

    /// - Parameters:
    ///   - keepUUID: whether `uuid` is needed (it is not unless summaries point at lines).
    ///   - keyUUID: whether `uuidKey` is needed.
    ///   - strings: the reader's, kept from line to line (`Repeated.allCases.count` slots).
    init(_ line: JSONView, keepUUID: Bool = true, keyUUID: Bool = false, strings: inout RepeatedStrings) {
        let fields = line.members(Self.names)
        func field(_ name: Field) -> JSONView? { fields[name.rawValue] }
        func repeated(_ name: Field, _ slot: Repeated) -> String? { strings.string(field(name), slot: slot.rawValue) }
        let type = field(.type)?.string
        self.type = type
        sessionId = repeated(.sessionId, .sessionId)

        time = field(.timestamp).flatMap(LogTimestamp.milliseconds(_:))
        cwd = repeated(.cwd, .cwd)
        gitBranch = repeated(.gitBranch, .gitBranch)
        version = repeated(.version, .version)
        uuid = keepUUID ? field(.uuid)?.string : nil
        identity = field(.uuid).flatMap(RecordIdentity.of(id:))
        uuidKey = nil
        if keyUUID, let value = field(.uuid), value.kind == .string {
            // Without escapes a string's bytes are its text (and a scanned line is UTF-8).
            uuidKey = value.isEscaped
                ? value.string.map(ClaudeContinuationSearch.Value.init) : ClaudeContinuationSearch.Value(value.raw)
        }
        leafUuid = type == "summary" ? field(.leafUuid)?.string : nil
        requestId = type == "assistant" ? repeated(.requestId, .requestId) : nil
        isSidechain = field(.isSidechain)?.bool ?? false
        agentId = isSidechain ? repeated(.agentId, .agentId) : nil
        isMeta = field(.isMeta)?.bool ?? false
        isCompactSummary = field(.isCompactSummary)?.bool ?? false
        isApiErrorMessage = field(.isApiErrorMessage)?.bool ?? false
        permissionMode = field(.permissionMode)?.string
        message = field(.message).flatMap { Message($0, userLine: type == "user", strings: &strings) }
        toolCommits = []
        if type == "user", let stdout = field(.toolUseResult)?["stdout"], stdout.kind == .string {
            toolCommits = stdout.commitHashes
        }
        queuedPrompt = nil
        if type == "attachment", let attachment = field(.attachment), attachment.isObject,
            attachment["type"]?.string == "queued_command", attachment["commandMode"]?.string == "prompt"
        {
            let origin = attachment["origin"]
            if origin == nil || origin?["kind"]?.string == "human" { queuedPrompt = attachment["prompt"]?.flexibleText }
        }
        trackedFiles = []
        if type == "file-history-snapshot", let backups = field(.snapshot)?["trackedFileBackups"] {
            trackedFiles = backups.members.compactMap { $0.name.string }
        }
    }

    /// A line decoded on its own (searches of other files).
    init(_ line: JSONView) {
        var strings = RepeatedStrings(slots: Repeated.allCases.count)
        self.init(line, strings: &strings)
    }

    /// `message` of a user or assistant line.
    struct Message {
        var id: String?
        var model: String?
        var content: Content?
        var usage: Usage?

        /// nil when the value is not an object. Texts are kept for user lines only (prompts);
        /// id, model and usage for the others only (assistant lines).
        init?(_ value: JSONView, userLine: Bool, strings: inout RepeatedStrings) {
            guard value.isObject else { return nil }
            if !userLine {
                id = strings.string(value["id"], slot: Repeated.messageID.rawValue)
                model = strings.string(value["model"], slot: Repeated.model.rawValue)
                usage = value["usage"].flatMap(Usage.init)
            }
            content = value["content"].flatMap { Content($0, keepText: userLine) }
        }
    }

    /// `message.content`: a string, or an array of blocks (elements that are not objects are skipped).
    enum Content {
        case text(String)
        case blocks([Block])

        /// nil for null, an undecodable string and anything that is neither a string nor an array.
        init?(_ value: JSONView, keepText: Bool) {
            switch value.kind {
            case .string:
                guard let text = value.string else { return nil }
                self = .text(text)
            case .array:
                self = .blocks(value.elements.compactMap { Block($0, keepText: keepText) })
            default:
                return nil
            }
        }
    }

    /// One content block: text, image, tool_use or tool_result.
    struct Block {
        var type: String?
        /// The text of a text block (user lines only).
        var text: String?
        var name: String?
        var filePath: String?
        /// Commits in the text of a tool_result (a string or text parts).
        var resultCommits: [String] = []

        init?(_ value: JSONView, keepText: Bool) {
            guard value.isObject else { return nil }
            type = value["type"]?.string
            switch type {
            case "text": if keepText { text = value["text"]?.string }
            case "tool_use":
                name = value["name"]?.string
                if let input = value["input"], input.isObject {
                    filePath = input["file_path"]?.string ?? input["notebook_path"]?.string
                }
            case "tool_result":
                resultCommits = value["content"]?.commitHashes ?? []
            default: break
            }
        }
    }

    /// `message.usage` of an assistant line.
    struct Usage {
        var input: Int
        var output: Int
        var cacheWrite: Int
        var cacheRead: Int

        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            input = value["input_tokens"]?.int ?? 0
            output = value["output_tokens"]?.int ?? 0
            cacheWrite = value["cache_creation_input_tokens"]?.int ?? 0
            cacheRead = value["cache_read_input_tokens"]?.int ?? 0
        }
    }
}
