import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the session a Claude ≤ 2.0 `summary.leafUuid` points into, among the other
/// transcripts of the same project folder (the continued conversation is a new file).
///
/// The candidates are searched nearest modification time first, line by line with
/// `memmem` for `"uuid":"<leaf>"`; only the matching line is decoded. This runs only
/// for files that start with summary lines and only on a read from offset 0.
enum ClaudeContinuationSearch {
    private struct Found: Error {
        var session: String
    }

    static func session(owning leaf: String, near path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let manager = FileManager.default
        // An unlistable folder just means the chain cannot be followed.
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return nil }
        let ownTime = modificationTime(path)
        let candidates = names.filter { $0.hasSuffix(".jsonl") }
            .map { (folder as NSString).appendingPathComponent($0) }
            .filter { $0 != path }
            .sorted { abs(modificationTime($0) - ownTime) < abs(modificationTime($1) - ownTime) }
        let needle = Array("\"uuid\":\"\(leaf)\"".utf8)
        for candidate in candidates {
            var tally = ReadTally(path: candidate, startOffset: 0, diagnostics: nil)
            do {
                try LogLineSource.forEachLine(path: candidate, fromOffset: 0) { line in
                    guard contains(line.bytes, needle),
                        let record = tally.decode(line.bytes, ClaudeRecord.init), record.uuid == leaf,
                        let session = record.sessionId
                    else { return true }
                    throw Found(session: session)
                }
            } catch let found as Found {
                return found.session
            } catch {
                continue  // an unreadable neighbour cannot hold the answer we can use
            }
        }
        return nil
    }

    private static func modificationTime(_ path: String) -> Double {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        #if canImport(Darwin)
            return Double(info.st_mtimespec.tv_sec)
        #else
            return Double(info.st_mtim.tv_sec)
        #endif
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
}
