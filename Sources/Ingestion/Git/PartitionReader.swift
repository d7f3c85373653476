import Foundation
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
    /// For the first partition, started before the history's length is known: where it ends.
    var limit: Limit? = nil

    /// How many commits a partition that is already reading may hand over: none said yet (all
    /// of them), or a number said while it reads, from which the next partition starts.
    final class Limit: @unchecked Sendable {
        // Invariant: both are read and written only while `lock` is held.
        private let lock = NSLock()
        private var count: Int?
        private var accepted = 0

        /// Ends the partition once it has its share of a history of `total` commits read by
        /// `partitions` at once: what it has handed over already, and as much of the rest as each
        /// of the others will read (its head start is not the last to finish); returns where it ends.
        func end(sharing total: Int, among partitions: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            let rest = max(0, total - accepted)
            let end = accepted + (rest + partitions - 1) / partitions
            self.count = end
            return end
        }

        /// Whether one more commit belongs to the partition (then it is counted).
        func accept() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if let count, accepted >= count { return false }
            accepted += 1
            return true
        }

        /// Whether the partition has handed over all of its commits.
        fileprivate var isFull: Bool {
            lock.lock()
            defer { lock.unlock() }
            return count.map { accepted >= $0 } ?? false
        }
    }

    /// Stops early, quietly, when the channel is cancelled.
    private struct Cancelled: Error {}
    /// Stops early, quietly, when the partition has all of its commits.
    private struct Full: Error {}

    func run() {
        do {
            try read()
            channel.finish(error: nil)
        } catch is Cancelled {
            channel.finish(error: nil)
        } catch is Full {
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
            // A commit past the partition's end is the next partition's. (The parser gives a commit
            // once the next one begins: each one handed over is whole.)
            if let limit, !limit.accept() {
                try flush()
                throw Full()
            }
            commit.aiMarks = AIMarkerDetector.marks(for: commit)
            commit.isBot = AIMarkerDetector.isBot(name: commit.authorName, email: commit.authorEmail)
            batch.append(commit)
            if batch.count >= batchSize { try flush() }
            if let limit, limit.isFull {
                try flush()
                throw Full()
            }
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
