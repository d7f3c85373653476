/// Splits a stream of byte chunks into pieces at a delimiter byte, without
/// copying pieces that lie inside one chunk.
///
/// Feed it what `read(2)` returns; a piece that spans chunks is carried over in
/// one reused buffer. Used for NUL-separated `git log -z` output and for JSONL.
package struct ByteSplitter {
    private let delimiter: UInt8
    private var carry: [UInt8] = []

    package init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Hands every complete piece in `chunk` (and the carried-over start) to `body`,
    /// without the delimiter.
    package mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        let count = chunk.count
        while start < count {
            guard let end = Self.index(of: delimiter, in: base, from: start, to: count) else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
                return
            }
            if carry.isEmpty {
                try body(UnsafeBufferPointer(start: base + start, count: end - start))
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
                try carry.withUnsafeBufferPointer { try body($0) }
                carry.removeAll(keepingCapacity: carry.capacity < 1 << 20)
            }
            start = end + 1
        }
    }

    /// Hands the last piece (after the final delimiter) to `body`, if there is one.
    /// - Returns: whether there was such an unterminated piece.
    @discardableResult
    package mutating func finish(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Bool {
        guard !carry.isEmpty else { return false }
        try carry.withUnsafeBufferPointer { try body($0) }
        carry.removeAll()
        return true
    }

    /// Bytes carried over and not yet delimited.
    package var pendingCount: Int { carry.count }

    /// The offset of the first `byte` in `base[from..<to]`.
    package static func index(of byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        // memchr is vectorised; a Swift loop is several times slower on long lines.
        guard let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
