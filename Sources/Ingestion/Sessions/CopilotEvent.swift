import Support

/// One line of a Copilot CLI `events.jsonl`: `{type, data, id, timestamp, parentId}`,
/// with the `data` fields `CopilotSessionReader` uses (read only for the event types that use them).
struct CopilotEvent {
    var type: String?
    var id: String?
    var timestamp: String?
    var data = Payload()

    init(_ line: JSONView) {
        type = line["type"]?.string
        id = line["id"]?.string
        timestamp = line["timestamp"]?.string
        if let type, let data = line["data"], data.isObject { self.data = Payload(data, type: type) }
    }

    /// The union of the `data` fields of the event types read.
    struct Payload {
        var sessionId: String?
        var copilotVersion: String?
        var cwd: String?
        var branch: String?
        /// `context.repository`: `owner/name`.
        var repository: String?
        var newModel: String?
        /// `session.mode_changed.newMode`: "interactive", "plan" or "autopilot".
        var newMode: String?
        var model: String?
        var currentModel: String?
        var content: String?
        var toolRequests: [ToolRequest] = []
        var resultStrings: [String] = []
        var filesModified: [String] = []
        var modelMetrics: [ModelMetric] = []
        /// `assistant.message.outputTokens` (1.0.7x; the only per-message token count).
        var outputTokens: Int?

        init() {}

        init(_ data: JSONView, type: String) {
            switch type {
            case "session.start", "session.resume":
                sessionId = data["sessionId"]?.string
                copilotVersion = data["copilotVersion"]?.string
                cwd = data["context"]?["cwd"]?.string
                branch = data["context"]?["branch"]?.string
                repository = data["context"]?["repository"]?.string
            case "session.model_change": newModel = data["newModel"]?.string
            case "session.mode_changed": newMode = data["newMode"]?.string
            case "user.message": content = data["content"]?.string
            case "assistant.message":
                // As a decoded array: one element that is not a request object drops them all.
                let requests = data["toolRequests"]?.elements.map(ToolRequest.init) ?? []
                toolRequests = requests.contains { $0 == nil } ? [] : requests.compactMap { $0 }
                model = data["model"]?.string
                outputTokens = data["outputTokens"]?.int
            case "tool.execution_complete":
                model = data["model"]?.string
                resultStrings = data["result"]?.allStrings ?? []
            case "session.shutdown":
                currentModel = data["currentModel"]?.string
                let files = data["codeChanges"]?["filesModified"]?.elements.map(\.string) ?? []
                filesModified = files.contains { $0 == nil } ? [] : files.compactMap { $0 }
                var seen: Set<String> = []  // of duplicate names, the first counts
                for (name, value) in data["modelMetrics"]?.members.map({ $0 }) ?? [] {
                    guard let model = name.string, seen.insert(model).inserted, var metric = ModelMetric(value) else { continue }
                    metric.model = model
                    modelMetrics.append(metric)
                }
                modelMetrics.sort { $0.model < $1.model }
            default: break
            }
        }
    }

    /// One tool request of an assistant message; `path` from its arguments.
    struct ToolRequest {
        var name: String?
        var path: String?

        init?(_ value: JSONView) {
            guard value.isObject else { return nil }
            name = value["name"]?.string
            if let arguments = value["arguments"], arguments.isObject {
                path = arguments["path"]?.string ?? arguments["file_path"]?.string
            }
        }
    }

    /// `modelMetrics.<model>.usage`.
    struct ModelMetric {
        var model = ""
        var input = 0
        var output = 0
        var cacheRead = 0
        var cacheWrite = 0

        /// nil unless the value is an object with a `usage` object.
        init?(_ value: JSONView) {
            guard let usage = value["usage"], usage.isObject else { return nil }
            input = usage["inputTokens"]?.int ?? 0
            output = usage["outputTokens"]?.int ?? 0
            cacheRead = usage["cacheReadTokens"]?.int ?? 0
            cacheWrite = usage["cacheWriteTokens"]?.int ?? 0
        }
    }
}
