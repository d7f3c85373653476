import Foundation

/// A one-line progress indicator on stderr, shown only when stderr is a terminal.
///
/// Redraws at most a few times a second so a fast loop is not slowed by it.
package struct Progress {
    private let console: Console
    private let label: String
    private var lastDraw: UInt64 = 0
    private var drew = false

    package init(console: Console, label: String) {
        self.console = console
        self.label = label
    }

    /// Shows `count` units done (e.g. commits read).
    package mutating func update(_ count: Int, unit: String) {
        guard console.isErrorTTY else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 200_000_000 else { return }
        lastDraw = now
        drew = true
        console.err("\r\u{1B}[K\(label): \(count) \(unit)")
    }

    /// Shows what is being done now (a phase of a long step); drawn at once, since phases are few.
    package mutating func show(_ text: String) {
        guard console.isErrorTTY else { return }
        lastDraw = DispatchTime.now().uptimeNanoseconds
        drew = true
        console.err("\r\u{1B}[K\(label): \(text)")
    }

    /// Clears the line, if anything was drawn.
    package mutating func finish() {
        guard drew else { return }
        console.err("\r\u{1B}[K")
        drew = false
    }
}
