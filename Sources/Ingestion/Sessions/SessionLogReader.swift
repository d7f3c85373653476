import Foundation
import Model
import Support
import Synchronization

/// Reads any session log: detects its format from content (unless told) and hands it to its reader.
package enum SessionLogReader {
    /// Reads `path` (a file, or a Cline task folder).
    ///
    /// - Parameters:
    ///   - format: the format when already known (for instance remembered from an earlier read).
    ///   - offset: where the previous read stopped (`consumedBytes`); ignored by whole-file formats.
    ///   - inputHistoryPath: for an aider chat history, the matching `.aider.input.history`.
    ///   - diagnostics: also receives every malformed-line message of the result.
    ///   - known: records counted before, by session: counted nothing again (`SessionBuilder.beginRecord`).
    /// - Throws: `SessionLogError.unknownFormat` when the content is no known format, or what the reader throws.
    package static func read(
        path: String, format: SessionLogFormat? = nil, fromOffset offset: Int64 = 0,
        inputHistoryPath: String? = nil, diagnostics: Diagnostics? = nil, known: KnownRecords = KnownRecords()
    ) throws -> SessionReadResult {
        guard let format = format ?? SessionLogFormat.detect(path: path) else {
            throw SessionLogError.unknownFormat(path: path)
        }
        switch format {
        case .claudeJSONL:
            return try ClaudeSessionReader.read(path: path, fromOffset: offset, diagnostics: diagnostics, known: known)
        case .codexJSONL:
            return try CodexSessionReader.read(path: path, fromOffset: offset, diagnostics: diagnostics, known: known)
        case .aiderChatHistory:
            return try AiderChatReader.read(
                path: path, inputHistoryPath: inputHistoryPath, diagnostics: diagnostics, known: known)
        case .aiderInputHistory: return try AiderInputHistory.read(path: path, diagnostics: diagnostics, known: known)
        case .geminiJSON: return try GeminiSessionReader.readJSON(path: path, diagnostics: diagnostics, known: known)
        case .geminiJSONL:
            return try GeminiSessionReader.readJSONL(path: path, fromOffset: offset, diagnostics: diagnostics, known: known)
        case .clineTask: return try ClineTaskReader.read(path: path, diagnostics: diagnostics, known: known)
        case .copilotEvents:
            return try CopilotSessionReader.read(path: path, fromOffset: offset, diagnostics: diagnostics, known: known)
        }
    }

    /// The size of a file (0 when it cannot be stat'ed), to order the work.
    private static func size(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// One read of `read(_:diagnostics:)`: the arguments of `read(path:…)`.
    package struct Request: Sendable {
        package var path: String
        package var format: SessionLogFormat?
        package var offset: Int64
        package var inputHistoryPath: String?

        package init(path: String, format: SessionLogFormat? = nil, offset: Int64 = 0, inputHistoryPath: String? = nil) {
            self.path = path
            self.format = format
            self.offset = offset
            self.inputHistoryPath = inputHistoryPath
        }
    }

    /// Reads many logs at once, on all cores; the results are in the order of `requests`, as
    /// reading them one by one gives (a read looks only at its own file, and for Claude at
    /// its neighbours). `diagnostics` receives each file's messages in that order too.
    ///
    /// Claude transcripts are read in two rounds: all files first, each Claude transcript read
    /// from its start also indexed by its lines' `uuid`; then the searches for summaries' leaves,
    /// which take the neighbours read in the first round from that index instead of reading them
    /// again (a log of another tool read in the first round holds no Claude message).
    package static func read(_ requests: [Request], diagnostics: Diagnostics? = nil) -> [Result<SessionReadResult, any Error>] {
        let own = requests.map { _ in diagnostics.map { Diagnostics(keep: $0.keep) } }
        let reads = Mutex([Result<ClaudeSessionReader.DeferredRead, any Error>?](repeating: nil, count: requests.count))
        // Largest first, so that no core is left with a big file while the other waits.
        let sizes = requests.map { size($0.path) }
        let order = requests.indices.sorted { sizes[$0] > sizes[$1] }
        DispatchQueue.concurrentPerform(iterations: requests.count) { turn in
            let index = order[turn]
            let request = requests[index]
            let result = Result {
                let format = request.format ?? SessionLogFormat.detect(path: request.path)
                guard format == .claudeJSONL else {
                    var other = ClaudeSessionReader.DeferredRead(
                        result: try read(
                            path: request.path, format: format, fromOffset: request.offset,
                            inputHistoryPath: request.inputHistoryPath, diagnostics: own[index]))
                    other.index = .init()  // another tool's log holds no Claude message
                    return other
                }
                return try ClaudeSessionReader.readDeferringSearch(
                    path: request.path, fromOffset: request.offset, diagnostics: own[index], indexing: true)
            }
            reads.withLock { $0[index] = result }
        }
        // Every index was written above; the fallback only satisfies the type.
        let firstRound = reads.withLock { $0.map { $0 ?? .failure(SessionLogError.unreadable(path: "", errno: EIO)) } }
        var known: [String: ClaudeContinuationSearch.TranscriptIndex] = [:]
        var searching: [Int] = []
        for (index, read) in firstRound.enumerated() {
            guard case .success(let read) = read else { continue }
            if let transcript = read.index { known[requests[index].path] = transcript }
            if read.unresolved != nil { searching.append(index) }
        }
        let results = Mutex(firstRound.map { $0.map(\.result) })
        let searches = searching
        let batch = ClaudeContinuationSearch.Batch(transcripts: known)
        DispatchQueue.concurrentPerform(iterations: searches.count) { turn in
            let index = searches[turn]
            guard case .success(let read) = firstRound[index] else { return }
            let result = ClaudeSessionReader.finish(read, path: requests[index].path, batch: batch)
            results.withLock { $0[index] = .success(result) }
        }
        if let diagnostics {
            for file in own.compactMap({ $0 }) { diagnostics.absorb(file) }
        }
        return results.withLock { $0 }
    }
}
