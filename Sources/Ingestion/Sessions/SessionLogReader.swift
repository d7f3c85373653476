import Model
import Support

/// Reads any session log: detects its format from content (unless told) and hands it to its reader.
package enum SessionLogReader {
    /// Reads `path` (a file, or a Cline task folder).
    ///
    /// - Parameters:
    ///   - format: the format when already known (for instance remembered from an earlier read).
    ///   - offset: where the previous read stopped (`consumedBytes`); ignored by whole-file formats.
    ///   - inputHistoryPath: for an aider chat history, the matching `.aider.input.history`.
    ///   - diagnostics: also receives every malformed-line message of the result.
    /// - Throws: `SessionLogError.unknownFormat` when the content is no known format, or what the reader throws.
    package static func read(
        path: String, format: SessionLogFormat? = nil, fromOffset offset: Int64 = 0,
        inputHistoryPath: String? = nil, diagnostics: Diagnostics? = nil
    ) throws -> SessionReadResult {
        guard let format = format ?? SessionLogFormat.detect(path: path) else {
            throw SessionLogError.unknownFormat(path: path)
        }
        switch format {
        case .claudeJSONL: return try ClaudeSessionReader.read(path: path, fromOffset: offset, diagnostics: diagnostics)
        case .codexJSONL: return try CodexSessionReader.read(path: path, fromOffset: offset, diagnostics: diagnostics)
        case .aiderChatHistory:
            return try AiderChatReader.read(path: path, inputHistoryPath: inputHistoryPath, diagnostics: diagnostics)
        case .aiderInputHistory: return try AiderInputHistory.read(path: path, diagnostics: diagnostics)
        case .geminiJSON: return try GeminiSessionReader.readJSON(path: path, diagnostics: diagnostics)
        case .geminiJSONL:
            return try GeminiSessionReader.readJSONL(path: path, fromOffset: offset, diagnostics: diagnostics)
        case .clineTask: return try ClineTaskReader.read(path: path, diagnostics: diagnostics)
        case .copilotEvents:
            return try CopilotSessionReader.read(path: path, fromOffset: offset, diagnostics: diagnostics)
        }
    }
}
