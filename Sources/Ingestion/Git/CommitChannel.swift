import Foundation
import Model

/// A bounded queue of commit batches from reader threads (one per `git log`
/// partition) to the one thread that writes them to SQLite.
///
/// Bounded, so memory stays constant however fast git is; cancellable, so a
/// failing writer stops the readers.
final class CommitChannel: @unchecked Sendable {
    // Invariant: every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var queue: [[Commit]] = []
    private var openProducers: Int
    private var failure: Error?
    private var cancelled = false
    private let capacity: Int

    init(producers: Int, capacity: Int = 8) {
        openProducers = producers
        self.capacity = capacity
    }

    /// One more producer, started after the channel was made (before anything was taken).
    func addProducer() {
        condition.lock()
        defer { condition.unlock() }
        openProducers += 1
    }

    /// Hands over a batch, waiting while the queue is full.
    /// - Returns: false when the consumer cancelled: stop producing.
    func put(_ batch: [Commit]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// A producer is done; `error` is kept (the first one wins) and ends the stream.
    func finish(error: Error?) {
        condition.lock()
        defer { condition.unlock() }
        openProducers -= 1
        if let error, failure == nil {
            failure = error
            cancelled = true
        }
        condition.broadcast()
    }

    /// The next batch, or nil once every producer has finished (or one failed).
    /// - Throws: the first producer's error.
    func take() throws -> [Commit]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && openProducers > 0 && failure == nil { condition.wait() }
        if let failure { throw failure }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Stops the producers and waits until every one of them has finished.
    func cancelAndDrain() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while openProducers > 0 { condition.wait() }
    }
}
