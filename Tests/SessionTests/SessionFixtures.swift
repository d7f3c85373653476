import Foundation
import Model
import Testing

/// Paths of the real sample logs copied into `Fixtures/` (see `Fixtures/SOURCES.md`), and scratch folders.
enum SessionFixtures {
    /// The absolute path of `Fixtures/<relative>`.
    static func path(_ relative: String) throws -> String {
        let root = try #require(Bundle.module.path(forResource: "Fixtures", ofType: nil))
        return root + "/" + relative
    }
}

/// A fresh temporary folder for one test, removed by `remove()` (this target has no TestSupport).
struct ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/session-tests-" + UUID().uuidString.prefix(12)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)  // cleanup only
    }

    /// Writes `bytes` to `relative` (folders created) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }

    /// Appends `text` to an existing file.
    func append(_ relative: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/" + relative))
        defer { try? handle.close() }  // written data is flushed by write
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}

extension SessionReadResult {
    /// The one session with `id`, or a test failure.
    func session(_ id: String) throws -> SessionDelta {
        try #require(sessions.first { $0.id == id })
    }
}

extension SessionDelta {
    /// The token totals as [input, output, cacheWrite, cacheRead].
    var tokens: [Int] {
        let totals = tokenTotals
        return [totals.input, totals.output, totals.cacheWrite, totals.cacheRead]
    }
}
