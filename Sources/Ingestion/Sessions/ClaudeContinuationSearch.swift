import Foundation
import Support
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the session a Claude ≤ 2.0 `summary.leafUuid` points into, among the other
/// transcripts of the same project folder (the continued conversation is a new file).
///
/// The candidates are searched nearest modification time first, line by line for
/// `"uuid":"<leaf>"`; the first such line that is a JSON object whose `uuid` is the leaf
/// and that has a `sessionId` names the session. This runs only for files that start with
/// summary lines and only on a read from offset 0.
///
/// Every transcript of a folder may need the same neighbours, and a leaf that points at a
/// deleted transcript makes the search read them all; so which values follow `"uuid":"` in
/// a neighbour (and on which line first) is remembered, with the file's size and
/// modification time, for the last few folders searched: a folder of N transcripts costs
/// one read of each instead of up to N, and only a line that may answer is decoded.
///
/// The searches of one batch of reads share a `Batch`: the transcripts the batch read, indexed
/// as it read them (`ClaudeSessionReader.DeferredRead`), answer from memory and are not read
/// again, and each folder is listed (and its logs stat'ed) once.
enum ClaudeContinuationSearch {
    /// The first session other than `session` that owns one of `leafs`, taken in order (a leaf
    /// whose owner is `session` itself gives way to the next).
    static func session(
        owningOneOf leafs: [String], other session: String, near path: String, batch: Batch = Batch()
    ) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        // An unlistable folder just means the chain cannot be followed.
        guard let logs = batch.logs(in: folder) else { return nil }
        let ownTime = logs.first { $0.path == path }?.stamp?.seconds ?? stamp(path)?.seconds ?? 0
        let candidates = logs.filter { $0.path != path }
            .sorted { abs(($0.stamp?.seconds ?? 0) - ownTime) < abs(($1.stamp?.seconds ?? 0) - ownTime) }
        let unknown = candidates.filter { batch.transcripts[$0.path] == nil }
        for leaf in leafs {
            let owner = self.session(owning: leaf, among: candidates, unknown: unknown, in: folder, batch: batch)
            if let owner, owner != session { return owner }
        }
        return nil
    }

    private static func session(
        owning leaf: String, among candidates: [Candidate], unknown: [Candidate], in folder: String, batch: Batch
    ) -> String? {
        let needle = Array("\"uuid\":\"\(leaf)\"".utf8)
        // A leaf with a quote is never one value of the index: such a search reads every line.
        let indexable = !leaf.utf8.contains(UInt8(ascii: "\""))
        let key = Value(leaf)
        var unknownBefore = 0
        for candidate in candidates {
            if let index = batch.transcripts[candidate.path] {
                if let owner = index.owner(of: key) { return owner }
                continue
            }
            unknownBefore += 1
            var firstLine: Int? = 1
            if indexable {
                let later = unknown[unknownBefore...]
                firstLine = uuidLines(of: candidate.path, in: folder, stamp: candidate.stamp, helping: later)[key]
            }
            guard let firstLine else { continue }
            if let session = session(owning: leaf, needle: needle, in: candidate.path, from: firstLine) { return session }
        }
        return nil
    }

    /// A neighbouring log and its stamp (nil when it cannot be stat'ed).
    typealias Candidate = (path: String, stamp: Stamp?)

    /// What the searches of one batch of reads share.
    final class Batch: Sendable {
        /// The transcripts the batch read from their start, by path (another tool's log: an empty index).
        let transcripts: [String: TranscriptIndex]
        private let listings = Mutex<[String: [Candidate]]>([:])

        init(transcripts: [String: TranscriptIndex] = [:]) {
            self.transcripts = transcripts
        }

        /// The `.jsonl` files of `folder` with their stamps, listed on first use; nil when the folder cannot be listed.
        func logs(in folder: String) -> [Candidate]? {
            if let logs = listings.withLock({ $0[folder] }) { return logs }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
            let logs = names.filter { $0.hasSuffix(".jsonl") }
                .map { (folder as NSString).appendingPathComponent($0) }
                .map { (path: $0, stamp: stamp($0)) }
            listings.withLock { $0[folder] = logs }
            return logs
        }
    }

    /// The old search of one file from `line` on: the first line holding `needle` whose record
    /// has `uuid == leaf` and a `sessionId`. nil when there is none or the file cannot be read.
    private static func session(owning leaf: String, needle: [UInt8], in path: String, from line: Int) -> String? {
        struct Found: Error {
            var session: String
        }
        var tally = ReadTally(path: path, startOffset: 0, diagnostics: nil)
        do {
            try LogLineSource.forEachLine(path: path, fromOffset: 0) { text in
                guard text.number >= line, contains(text.bytes, needle),
                    let record = tally.decode(text.bytes, { ClaudeRecord($0) }), record.uuid == leaf,
                    let session = record.sessionId
                else { return true }
                throw Found(session: session)
            }
        } catch let found as Found {
            return found.session
        } catch {
            return nil  // an unreadable neighbour cannot hold the answer we can use
        }
        return nil
    }

    /// The `uuid` of each line of a transcript that has a `sessionId`, in line order, with that
    /// session: what a search needs of a transcript just read. Appended to without hashing (most
    /// transcripts are never searched); looked up by a walk.
    struct TranscriptIndex: Sendable {
        /// The UUID keys' halves, walked as plain words; other keys (rare) apart.
        private var high: [UInt64] = []
        private var low: [UInt64] = []
        private var uuidSessions: [Int32] = []
        private var texts: [String] = []
        private var textSessions: [Int32] = []
        /// Each session once per run of lines (a transcript mostly has one).
        private var sessions: [String] = []

        mutating func add(_ key: Value, session: String) {
            if sessions.last != session { sessions.append(session) }
            let number = Int32(sessions.count - 1)
            switch key {
            case .uuid(let first, let second):
                high.append(first)
                low.append(second)
                uuidSessions.append(number)
            case .text(let text):
                texts.append(text)
                textSessions.append(number)
            }
        }

        /// The session of the first line whose `uuid` is `key`.
        func owner(of key: Value) -> String? {
            switch key {
            case .uuid(let first, let second):
                var from = 0
                while let found = high[from...].firstIndex(of: first) {
                    if low[found] == second { return sessions[Int(uuidSessions[found])] }
                    from = found + 1
                }
                return nil
            case .text(let text):
                return texts.firstIndex(of: text).map { sessions[Int(textSessions[$0])] }
            }
        }
    }

    /// Size and modification time of a file.
    struct Stamp: Equatable, Sendable {
        var size: Int64
        var seconds: Double
        var nanoseconds: Int
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

    /// Each value written after `"uuid":"` (up to the next quote) in a transcript, with the first
    /// line holding it; remembered while the file keeps its stamp. Of a file that cannot be read
    /// to the end, what was read (not remembered).
    ///
    /// While another read reads this file, this one reads a later neighbour no one reads yet
    /// (parallel searches of one folder share the work), or else waits for it.
    private static func uuidLines(
        of path: String, in folder: String, stamp: Stamp?, helping later: ArraySlice<(path: String, stamp: Stamp?)>
    ) -> [Value: Int] {
        guard let stamp else { return readUUIDLines(of: path).lines }
        while true {
            switch memory.claim(path, in: folder, stamp: stamp) {
            case .known(let lines):
                return lines
            case .claimed:
                let (lines, complete) = readUUIDLines(of: path)
                memory.finish(path, in: folder, stamp: stamp, lines: lines, complete: complete)
                return lines
            case .busy:
                let other = later.first { candidate in
                    guard let stamp = candidate.stamp else { return false }
                    guard case .claimed = memory.claim(candidate.path, in: folder, stamp: stamp) else { return false }
                    return true
                }
                if let other, let otherStamp = other.stamp {
                    let (lines, complete) = readUUIDLines(of: other.path)
                    memory.finish(other.path, in: folder, stamp: otherStamp, lines: lines, complete: complete)
                } else {
                    memory.wait(for: path)
                }
            }
        }
    }

    private static func readUUIDLines(of path: String) -> (lines: [Value: Int], complete: Bool) {
        var lines: [Value: Int] = [:]
        do {
            try LogLineSource.forEachLine(path: path, fromOffset: 0) { line in
                forEachUUID(in: line.bytes) { value in
                    if lines[value] == nil { lines[value] = line.number }
                }
                return true
            }
        } catch {
            return (lines, false)
        }
        return (lines, true)
    }

    /// A value that follows `"uuid":"`: a UUID in lowercase as its 128 bits (no text to make and
    /// a quick hash), any other as its text.
    enum Value: Hashable {
        case uuid(UInt64, UInt64)
        case text(String)

        init(_ text: String) {
            var text = text
            self = text.withUTF8 { Value($0) ?? .text(String(decoding: $0, as: UTF8.self)) }
        }

        /// nil for bytes that are not UTF-8 (no leaf's text).
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            if bytes.count == 36, let high = Self.hex(bytes, 0..<18), let low = Self.hex(bytes, 18..<36) {
                self = .uuid(high, low)
            } else if UTF8Validation.isValid(bytes) {
                self = .text(String(decoding: bytes, as: UTF8.self))
            } else {
                return nil
            }
        }

        /// The lowercase hex digits of `range`, with dashes where a UUID has them (8, 13, 18, 23).
        /// Without a branch per digit: whether a digit is 0-9 or a-f is a coin toss for the CPU.
        private static func hex(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
            var value: UInt64 = 0
            var valid = true
            for index in range {
                let byte = bytes[index]
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    valid = valid && byte == UInt8(ascii: "-")
                    continue
                }
                let isDigit = byte &- UInt8(ascii: "0") < 10
                let isLetter = byte &- UInt8(ascii: "a") < 6
                valid = valid && (isDigit || isLetter)
                // 0-9 are 0x30-0x39, a-f 0x61-0x66: the low four bits, plus nine for a letter (bit 6).
                value = value << 4 | UInt64((byte & 0x0F) &+ 9 &* (byte >> 6 & 1))
            }
            return valid ? value : nil
        }
    }

    /// Calls `body` with each value that follows `"uuid":"` in `bytes`, up to the next quote
    /// (values that are not UTF-8 cannot be a leaf's and are passed over).
    static func forEachUUID(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Value) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let prefix: [UInt8] = Array("\"uuid\":\"".utf8)
        let count = bytes.count
        var index = 1
        while let pair = nextDoubleU(base, count, from: index) {
            index = pair + 1
            let start = pair - 1
            guard start + prefix.count <= count, prefix.indices.allSatisfy({ base[start + $0] == prefix[$0] }) else { continue }
            let valueStart = start + prefix.count
            guard valueStart < count, let quote = memchr(base + valueStart, Int32(UInt8(ascii: "\"")), count - valueStart)
            else { return }
            let value = UnsafeBufferPointer(start: base + valueStart, count: (base + valueStart).distance(to: quote.assumingMemoryBound(to: UInt8.self)))
            if let value = Value(value) { body(value) }
            index = valueStart
        }
    }

    /// The first offset at or after `from` where `uu` starts (as in `"uuid"`): sixteen bytes at a
    /// time (SSE2 on x86-64; each compared with the byte after it, from a second load one byte
    /// later), then seven (words overlap by one byte, so that a pair across two words is seen).
    private static func nextDoubleU(_ base: UnsafePointer<UInt8>, _ count: Int, from: Int) -> Int? {
        let raw = UnsafeRawPointer(base)
        var index = from
        let u = SIMD16<UInt8>(repeating: UInt8(ascii: "u"))
        while index + 17 <= count {
            let pairs = (raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self) .== u)
                .& (raw.loadUnaligned(fromByteOffset: index + 1, as: SIMD16<UInt8>.self) .== u)
            // One test of both halves (`any` is reduced lane by lane).
            let halves = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: pairs), to: SIMD2<UInt64>.self)
            if halves[0] | halves[1] != 0 { break }
            index += 16
        }
        while index + 8 <= count {
            let difference = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ 0x7575_7575_7575_7575
            // The high bit of each byte that is "u", exactly (no borrows between bytes).
            let isU = ~(((difference & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | difference) & 0x8080_8080_8080_8080
            let pairs = isU & (isU >> 8)
            if pairs != 0 { return index + pairs.trailingZeroBitCount / 8 }
            index += 7
        }
        while index + 1 < count {
            if base[index] == UInt8(ascii: "u") && base[index + 1] == UInt8(ascii: "u") { return index }
            index += 1
        }
        return nil
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

    /// What the transcripts of the folders searched last hold, shared by all reads in the process.
    private static let memory = Memory()

    private final class Memory: @unchecked Sendable {
        /// Folders are forgotten beyond this many (reads in parallel may be in neighbouring folders).
        static let folderLimit = 4
        /// Guards the fields below; waited on while another read reads a file this one needs.
        private let condition = NSCondition()
        /// Most recently used last.
        private var folders: [String] = []
        private var transcripts: [String: [String: (stamp: Stamp, lines: [Value: Int])]] = [:]
        private var reading: Set<String> = []

        enum Claim {
            /// The values of a file whose stamp has not changed.
            case known([Value: Int])
            /// The caller is to read the file, then `finish`.
            case claimed
            /// Another caller is reading it.
            case busy
        }

        func claim(_ path: String, in folder: String, stamp: Stamp) -> Claim {
            condition.lock()
            defer { condition.unlock() }
            if let known = transcripts[folder]?[path], known.stamp == stamp { return .known(known.lines) }
            guard reading.insert(path).inserted else { return .busy }
            return .claimed
        }

        /// Ends a claim: keeps the values when the whole file was read.
        func finish(_ path: String, in folder: String, stamp: Stamp, lines: [Value: Int], complete: Bool) {
            condition.lock()
            defer { condition.unlock() }
            reading.remove(path)
            if complete {
                folders.removeAll { $0 == folder }
                folders.append(folder)
                if folders.count > Self.folderLimit { transcripts[folders.removeFirst()] = nil }
                transcripts[folder, default: [:]][path] = (stamp, lines)
            }
            condition.broadcast()
        }

        /// Returns once no caller reads `path`.
        func wait(for path: String) {
            condition.lock()
            defer { condition.unlock() }
            while reading.contains(path) { condition.wait() }
        }
    }
}
