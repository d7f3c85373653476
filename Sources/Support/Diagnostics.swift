import Foundation
import Synchronization

/// Counted warnings about bad input: a malformed record is reported, never fatal
/// (unless the user asks for `--strict`).
package final class Diagnostics: Sendable {
    private struct State {
        var warnings: [String] = []
        var count = 0
    }
    private let state = Mutex(State())
    /// At most this many warnings are kept verbatim; the rest are only counted.
    package let keep: Int

    package init(keep: Int = 200) { self.keep = keep }

    /// Records one warning (`file:line: what was expected`).
    package func warn(_ message: String) {
        state.withLock {
            $0.count += 1
            if $0.warnings.count < keep { $0.warnings.append(message) }
        }
    }

    /// Records another collection's warnings after these, as if they had come here
    /// (for work done in parallel and reported in order).
    package func absorb(_ other: Diagnostics) {
        let (messages, count) = other.state.withLock { ($0.warnings, $0.count) }
        state.withLock {
            $0.count += count
            $0.warnings += messages.prefix(max(0, keep - $0.warnings.count))
        }
    }

    /// How many warnings were recorded.
    package var count: Int { state.withLock { $0.count } }

    /// The warnings kept verbatim, in the order they came.
    package var messages: [String] { state.withLock { $0.warnings } }
}
