import Model
import Support

/// Runs one `git log` partition on its own thread: parses its output into
/// commits, recognises AI marks and bots, and hands batches to the channel.
struct PartitionReader: Sendable {
    let git: GitInvocation
    let arguments: [String]
    let repository: String
    let batchSize: Int
    let channel: CommitChannel

    /// Stops early, quietly, when the channel is cancelled.
    private struct Cancelled: Error {}

    func run() {
        do {
            try read()
            channel.finish(error: nil)
        } catch is Cancelled {
            channel.finish(error: nil)
        } catch let failure as StreamingProcess.Failure {
            channel.finish(error: IngestionError.git(repository: repository, failure: failure))
        } catch {
            channel.finish(error: error)
        }
    }

    private func read() throws {
        let process = try git.start(arguments)
        var splitter = ByteSplitter(delimiter: 0)
        var parser = GitLogParser()
        var batch: [Commit] = []
        batch.reserveCapacity(batchSize)

        func accept(_ commit: Commit?) throws {
            guard var commit else { return }
            commit.aiMarks = AIMarkerDetector.marks(for: commit)
            commit.isBot = AIMarkerDetector.isBot(name: commit.authorName, email: commit.authorEmail)
            batch.append(commit)
            if batch.count >= batchSize { try flush() }
        }
        func flush() throws {
            guard !batch.isEmpty else { return }
            guard channel.put(batch) else { throw Cancelled() }
            batch.removeAll(keepingCapacity: true)
        }
        func parse(_ piece: UnsafeBufferPointer<UInt8>) throws {
            do {
                try accept(try parser.consume(piece))
            } catch let failure as GitLogParser.Failure {
                throw IngestionError.malformedGitOutput(repository: repository, detail: failure.detail)
            }
        }

        do {
            try process.readOutput { chunk in try splitter.feed(chunk, parse) }
            try splitter.finish(parse)
            // The last commit only once git has exited well: git dying in the middle of it (a
            // missing object) leaves it without its files, and a stored commit is never read again.
            try process.waitForSuccess()
            try accept(parser.finish())
            try flush()
        } catch {
            process.stop()
            throw error
        }
    }
}
