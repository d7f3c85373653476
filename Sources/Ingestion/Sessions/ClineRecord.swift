/// The parts of a Cline task folder's JSON files that `ClineTaskReader` uses.
extension ClineTaskReader {
    /// One `ui_messages.json` element (`ClineMessage`).
    struct UIMessage: Decodable {
        var ts: Int64?
        var type: String?
        var say: String?
        /// Of an `ask` message: "followup", "plan_mode_respond", "tool", …
        var ask: String?
        var text: String?
        var modelID: String?

        private enum Keys: String, CodingKey { case ts, type, say, ask, text, modelInfo }
        private enum ModelKeys: String, CodingKey { case modelId }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            ts = c.lenient(Int64.self, .ts) ?? c.lenient(Double.self, .ts).map { Int64($0) }
            type = c.lenient(String.self, .type)
            say = c.lenient(String.self, .say)
            ask = c.lenient(String.self, .ask)
            text = c.lenient(String.self, .text)
            modelID = (try? c.nestedContainer(keyedBy: ModelKeys.self, forKey: .modelInfo))?.lenient(String.self, .modelId)
        }
    }

    /// One `api_conversation_history.json` element (Anthropic `MessageParam` plus Cline's fields).
    struct HistoryEntry: Decodable {
        var modelID: String?
        private enum Keys: String, CodingKey { case modelInfo }
        private enum ModelKeys: String, CodingKey { case modelId }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            modelID = (try? c.nestedContainer(keyedBy: ModelKeys.self, forKey: .modelInfo))?.lenient(String.self, .modelId)
        }
    }

    /// `task_metadata.json`.
    struct TaskMetadata: Decodable {
        var editedFiles: [String] = []
        var models: [String] = []
        var clineVersion: String?

        private enum Keys: String, CodingKey {
            case files = "files_in_context"
            case modelUsage = "model_usage"
            case environment = "environment_history"
        }

        private struct FileRecord: Decodable {
            var path: String?
            var source: String?
            private enum Keys: String, CodingKey {
                case path
                case source = "record_source"
            }
            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                path = c.lenient(String.self, .path)
                source = c.lenient(String.self, .source)
            }
        }

        private struct ModelRecord: Decodable {
            var model: String?
            private enum Keys: String, CodingKey { case model = "model_id" }
            init(from decoder: Decoder) throws {
                model = try decoder.container(keyedBy: Keys.self).lenient(String.self, .model)
            }
        }

        private struct EnvironmentRecord: Decodable {
            var version: String?
            private enum Keys: String, CodingKey { case version = "cline_version" }
            init(from decoder: Decoder) throws {
                version = try decoder.container(keyedBy: Keys.self).lenient(String.self, .version)
            }
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            for file in c.lenient(Lenient<FileRecord>.self, .files)?.values ?? [] where file.source == "cline_edited" {
                if let path = file.path, !path.isEmpty { editedFiles.append(path) }
            }
            models = (c.lenient(Lenient<ModelRecord>.self, .modelUsage)?.values ?? []).compactMap(\.model)
            clineVersion = (c.lenient(Lenient<EnvironmentRecord>.self, .environment)?.values ?? [])
                .compactMap(\.version).last
        }
    }

    /// The JSON text of a `say:"api_req_started"` message.
    struct RequestInfo: Decodable {
        var request: String?
        var tokensIn = 0
        var tokensOut = 0
        var cacheWrites = 0
        var cacheReads = 0
        private enum Keys: String, CodingKey { case request, tokensIn, tokensOut, cacheWrites, cacheReads }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            request = c.lenient(String.self, .request)
            tokensIn = c.lenient(Int.self, .tokensIn) ?? 0
            tokensOut = c.lenient(Int.self, .tokensOut) ?? 0
            cacheWrites = c.lenient(Int.self, .cacheWrites) ?? 0
            cacheReads = c.lenient(Int.self, .cacheReads) ?? 0
        }
    }

    /// The JSON text of a `say:"tool"` message.
    struct ToolMessage: Decodable {
        var tool: String?
        var path: String?
        private enum Keys: String, CodingKey { case tool, path }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            tool = c.lenient(String.self, .tool)
            path = c.lenient(String.self, .path)
        }
    }
}
