import Foundation
import Support

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the session a Claude ≤ 2.0 `summary.leafUuid` points into, among the other
/// transcripts of the same project folder (the continued conversation is a new file).
///
/// The candidates are searched nearest modification time first: the first line of the
/// first candidate whose `uuid` is the leaf, written as `"uuid":"<leaf>"`, and that has a
/// `sessionId`, names the session. This runs only for files that start with summary lines
/// and only on a read from offset 0.
///
/// Every transcript of a folder may need the same neighbours, and a leaf that points at a
/// deleted transcript makes the search read them all; so what a neighbour holds (each
/// `uuid` with its line's `sessionId`) is remembered, with the file's size and modification
/// time, for the folder searched last: a folder of N transcripts costs one read of each
/// instead of up to N.
enum ClaudeContinuationSearch {
    static func session(owning leaf: String, near path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        // An unlistable folder just means the chain cannot be followed.
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let ownTime = stamp(path)?.seconds ?? 0
        let candidates = names.filter { $0.hasSuffix(".jsonl") }
            .map { (folder as NSString).appendingPathComponent($0) }
            .filter { $0 != path }
            .map { (path: $0, stamp: stamp($0)) }
            .sorted { abs(($0.stamp?.seconds ?? 0) - ownTime) < abs(($1.stamp?.seconds ?? 0) - ownTime) }
        return memory.withFolder(folder) { known in
            for candidate in candidates {
                if let stamp = candidate.stamp, let remembered = known[candidate.path], remembered.stamp == stamp {
                    if let session = remembered.sessions[leaf] { return session }
                    continue
                }
                let (sessions, complete) = sessions(in: candidate.path)
                if complete, let stamp = candidate.stamp { known[candidate.path] = Transcript(stamp: stamp, sessions: sessions) }
                if let session = sessions[leaf] { return session }
            }
            return nil
        }
    }

    /// Size and modification time of a file, as the search compares them.
    struct Stamp: Equatable {
        var size: Int64
        var seconds: Double
        var nanoseconds: Int
    }

    /// What one neighbour holds: each line's `uuid` (the first line with it) and `sessionId`.
    struct Transcript {
        var stamp: Stamp
        var sessions: [String: String]
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Stamp(size: Int64(info.st_size), seconds: Double(time.tv_sec), nanoseconds: Int(time.tv_nsec))
    }

    /// The `uuid` → `sessionId` of a transcript's lines, and whether it was read to the end
    /// (an unreadable neighbour cannot hold the answer; what was read before a failure still counts).
    private static func sessions(in path: String) -> (sessions: [String: String], complete: Bool) {
        var sessions: [String: String] = [:]
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: nil)
        do {
            try LogLineSource.forEachLine(path: path, fromOffset: 0) { line in
                let found = tally.decode(line.bytes) { record -> (uuid: String, session: String)? in
                    guard let value = record["uuid"], let uuid = value.string, let session = record["sessionId"]?.string,
                        isWrittenCompactly(value, in: line.bytes) || contains(line.bytes, Array("\"uuid\":\"\(uuid)\"".utf8))
                    else { return nil }
                    return (uuid, session)
                }
                if let found = found ?? nil, sessions[found.uuid] == nil { sessions[found.uuid] = found.session }
                return true
            }
        } catch {
            return (sessions, false)
        }
        return (sessions, true)
    }

    /// Whether a `uuid` string value is written right after `"uuid":"` (the usual compact form, so
    /// the line holds `"uuid":"<its value>"` without searching for it).
    private static func isWrittenCompactly(_ value: JSONValue, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let lineStart = line.baseAddress, let valueStart = value.raw.baseAddress, !value.isEscaped else { return false }
        let prefix = Array("\"uuid\":\"".utf8)
        let offset = lineStart.distance(to: valueStart) - prefix.count
        guard offset >= 0 else { return false }
        return prefix.indices.allSatisfy { line[offset + $0] == prefix[$0] }
    }

    /// Whether `needle` occurs in `haystack` (memchr for the first byte, then memcmp; memmem is not in every libc module).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress, let first = needle.first, haystack.count >= needle.count else {
            return false
        }
        let last = haystack.count - needle.count
        var start = 0
        return needle.withUnsafeBytes { pattern in
            guard let pattern = pattern.baseAddress else { return false }
            while start <= last {
                guard let hit = memchr(base + start, Int32(first), last - start + 1) else { return false }
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, pattern, needle.count) == 0 { return true }
                start = index + 1
            }
            return false
        }
    }

    /// The transcripts of the folder searched last, shared by all reads in the process.
    private static let memory = Memory()

    private final class Memory: @unchecked Sendable {
        private let lock = NSLock()
        private var folder = ""
        private var transcripts: [String: Transcript] = [:]

        /// Runs `body` with the remembered transcripts of `folder` (forgetting another folder's), one caller at a time.
        func withFolder<T>(_ folder: String, _ body: (inout [String: Transcript]) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            if folder != self.folder {
                self.folder = folder
                transcripts = [:]
            }
            return body(&transcripts)
        }
    }
}
