import Dispatch
import Foundation

/// Order-preserving parallel map over the machine's cores, for pure work on many
/// independent items (classifying tasks, encoding them). The result equals
/// `items.map(transform)`; `transform` must not touch shared mutable state.
package enum Parallel {
    package static func map<T, U>(_ items: [T], minimumPerChunk: Int = 128, _ transform: (T) -> U) -> [U] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunks = min(items.count / max(1, minimumPerChunk), cores * 4)
        guard chunks > 1, cores > 1 else { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let work = transform
            nonisolated(unsafe) let input = items
            // Written in place in the result's own storage (a copy would hold every result twice
            // at once: a large history's drafts), each index exactly once, by one chunk.
            return Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
                nonisolated(unsafe) let base = buffer.baseAddress
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = input.count * chunk / chunks
                    let end = input.count * (chunk + 1) / chunks
                    for index in start..<end { base?.advanced(by: index).initialize(to: work(input[index])) }
                }
                initialized = input.count
            }
        }
    }

    /// `for index in items.indices { body(&items[index], &inputs[index]) }` over the machine's
    /// cores, in place: unlike `map`, no second array of the items exists while it runs (a large
    /// history's tasks, updated one by one), and what the body leaves of an input (it may empty
    /// it once read) goes while the others are still being worked on. The arrays have the same
    /// length. `body` must not touch shared mutable state.
    package static func update<T, U>(
        _ items: inout [T], inputs: inout [U], minimumPerChunk: Int = 128, _ body: (inout T, inout U) -> Void
    ) {
        precondition(items.count == inputs.count, "Parallel.update needs one input per item")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunks = min(items.count / max(1, minimumPerChunk), cores * 4)
        guard chunks > 1, cores > 1 else {
            for index in items.indices { body(&items[index], &inputs[index]) }
            return
        }
        let count = items.count
        items.withUnsafeMutableBufferPointer { buffer in
            inputs.withUnsafeMutableBufferPointer { inputBuffer in
                withoutActuallyEscaping(body) { body in
                    // Each index is updated exactly once, by one chunk: no two threads share an element.
                    nonisolated(unsafe) let base = buffer.baseAddress
                    nonisolated(unsafe) let inputBase = inputBuffer.baseAddress
                    nonisolated(unsafe) let work = body
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let start = count * chunk / chunks
                        let end = count * (chunk + 1) / chunks
                        guard let base, let inputBase else { return }
                        for index in start..<end { work(&base[index], &inputBase[index]) }
                    }
                }
            }
        }
    }

    /// Work started on another thread now, its result taken later: one stage overlapped with the
    /// next (a chunk of tasks encoded while the chunk before is written).
    package final class Pending<T: Sendable>: @unchecked Sendable {
        private let group = DispatchGroup()
        // Written once by the worker before it leaves the group; read only after `wait`.
        private var result: T?

        package init(_ work: @escaping @Sendable () -> T) {
            DispatchQueue.global().async(group: group) { self.result = work() }
        }

        /// Waits for the work and returns its result.
        package func value() -> T {
            group.wait()
            // The worker has left the group, so it has set `result`.
            return result!
        }
    }
}
