/// One line of a Copilot CLI `events.jsonl`: `{type, data, id, timestamp, parentId}`,
/// with the `data` fields `CopilotSessionReader` uses.
struct CopilotEvent: Decodable {
    var type: String?
    var id: String?
    var timestamp: String?
    var data: Payload

    fileprivate enum Keys: String, CodingKey { case type, id, timestamp, data }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        type = c.lenient(String.self, .type)
        id = c.lenient(String.self, .id)
        timestamp = c.lenient(String.self, .timestamp)
        data = (type.map { Payload.decode(c, key: .data, type: $0) } ?? nil) ?? Payload()
    }

    /// The union of the `data` fields of the event types read.
    struct Payload {
        var sessionId: String?
        var copilotVersion: String?
        var cwd: String?
        var branch: String?
        var newModel: String?
        var model: String?
        var currentModel: String?
        var content: String?
        var toolRequests: [ToolRequest] = []
        var resultStrings: [String] = []
        var filesModified: [String] = []
        var modelMetrics: [ModelMetric] = []

        private enum Keys: String, CodingKey {
            case sessionId, copilotVersion, context, newModel, model, currentModel, content, toolRequests, result
            case codeChanges, modelMetrics
        }
        private enum ContextKeys: String, CodingKey { case cwd, branch }
        private enum ChangeKeys: String, CodingKey { case filesModified }

        fileprivate static func decode(_ parent: KeyedDecodingContainer<CopilotEvent.Keys>, key: CopilotEvent.Keys, type: String)
            -> Payload?
        {
            guard let c = try? parent.nestedContainer(keyedBy: Keys.self, forKey: key) else { return nil }
            var data = Payload()
            switch type {
            case "session.start", "session.resume":
                data.sessionId = c.lenient(String.self, .sessionId)
                data.copilotVersion = c.lenient(String.self, .copilotVersion)
                if let context = try? c.nestedContainer(keyedBy: ContextKeys.self, forKey: .context) {
                    data.cwd = context.lenient(String.self, .cwd)
                    data.branch = context.lenient(String.self, .branch)
                }
            case "session.model_change": data.newModel = c.lenient(String.self, .newModel)
            case "user.message": data.content = c.lenient(String.self, .content)
            case "assistant.message": data.toolRequests = c.lenient([ToolRequest].self, .toolRequests) ?? []
            case "tool.execution_complete":
                data.model = c.lenient(String.self, .model)
                data.resultStrings = c.lenient(AllStrings.self, .result)?.strings ?? []
            case "session.shutdown":
                data.currentModel = c.lenient(String.self, .currentModel)
                if let changes = try? c.nestedContainer(keyedBy: ChangeKeys.self, forKey: .codeChanges) {
                    data.filesModified = changes.lenient([String].self, .filesModified) ?? []
                }
                if let metrics = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: .modelMetrics) {
                    for key in metrics.allKeys {
                        if var metric = metrics.lenient(ModelMetric.self, key) {
                            metric.model = key.stringValue
                            data.modelMetrics.append(metric)
                        }
                    }
                    data.modelMetrics.sort { $0.model < $1.model }
                }
            default: break
            }
            return data
        }
    }

    /// One tool request of an assistant message; `path` from its arguments.
    struct ToolRequest: Decodable {
        var name: String?
        var path: String?
        private enum Keys: String, CodingKey { case name, arguments }
        private enum ArgumentKeys: String, CodingKey { case path, file_path }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            name = c.lenient(String.self, .name)
            if let arguments = try? c.nestedContainer(keyedBy: ArgumentKeys.self, forKey: .arguments) {
                path = arguments.lenient(String.self, .path) ?? arguments.lenient(String.self, .file_path)
            }
        }
    }

    /// `modelMetrics.<model>.usage`.
    struct ModelMetric: Decodable {
        var model = ""
        var input = 0
        var output = 0
        var cacheRead = 0
        var cacheWrite = 0
        private enum Keys: String, CodingKey { case usage }
        private enum UsageKeys: String, CodingKey { case inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            let usage = try c.nestedContainer(keyedBy: UsageKeys.self, forKey: .usage)
            input = usage.lenient(Int.self, .inputTokens) ?? 0
            output = usage.lenient(Int.self, .outputTokens) ?? 0
            cacheRead = usage.lenient(Int.self, .cacheReadTokens) ?? 0
            cacheWrite = usage.lenient(Int.self, .cacheWriteTokens) ?? 0
        }
    }
}
