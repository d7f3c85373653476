#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads newline-delimited messages from a stream with bounded memory: a line longer than
/// `limit` bytes is not kept but skipped up to its newline and reported as `tooLong`.
///
/// For a peer that may send anything (`multiplier mcp` on stdin): a line still being written
/// waits for more input; at end of input the unterminated rest is handed over as such.
package struct BoundedLineReader {
    /// One message of the stream.
    package enum Line: Equatable, Sendable {
        /// A whole line, without its newline (nor a `\r` before it).
        case complete([UInt8])
        /// The bytes after the last newline at end of input.
        case unterminated([UInt8])
        /// A line of `length` bytes, more than the limit: its bytes were dropped as they came.
        case tooLong(length: Int)
    }

    private let limit: Int
    private let read: (UnsafeMutableRawBufferPointer) -> Int
    private var chunk: [UInt8]
    private var start = 0
    private var end = 0
    private var line: [UInt8] = []
    private var skipped = 0
    private var finished = false

    /// - Parameters:
    ///   - limit: the longest line kept, in bytes.
    ///   - chunkSize: how much one `read` asks for.
    ///   - read: fills the buffer; returns the bytes read, 0 at end of input, below 0 on an error (taken as the end).
    package init(limit: Int, chunkSize: Int = 1 << 16, read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.limit = limit
        self.read = read
        chunk = [UInt8](repeating: 0, count: max(chunkSize, 1))
    }

    /// Lines read from a file descriptor, retrying `EINTR`.
    package init(fileDescriptor: Int32, limit: Int) {
        self.init(limit: limit) { buffer in
            while true {
                let count = systemRead(fileDescriptor, buffer.baseAddress, buffer.count)
                if count < 0 && errno == EINTR { continue }
                return count
            }
        }
    }

    /// The next line, or nil at the end of input.
    package mutating func next() -> Line? {
        while !finished {
            if start == end {
                let count = chunk.withUnsafeMutableBytes { read($0) }
                guard count > 0 else {
                    finished = true
                    break
                }
                start = 0
                end = count
            }
            let newline = chunk[start..<end].firstIndex(of: 0x0A)
            let stop = newline ?? end
            if skipped > 0 || line.count + (stop - start) > limit {
                skipped += line.count + (stop - start)
                line.removeAll(keepingCapacity: false)
            } else {
                line.append(contentsOf: chunk[start..<stop])
            }
            start = newline.map { $0 + 1 } ?? end
            guard newline != nil else { continue }
            if skipped > 0 {
                defer { skipped = 0 }
                return .tooLong(length: skipped)
            }
            if line.last == 0x0D { line.removeLast() }
            defer { line.removeAll(keepingCapacity: line.capacity <= 1 << 20) }
            return .complete(line)
        }
        if skipped > 0 {
            defer { skipped = 0 }
            return .tooLong(length: skipped)
        }
        guard !line.isEmpty else { return nil }
        defer { line = [] }
        return .unterminated(line)
    }
}

/// `read(2)`, named apart from the reader's own `read`.
private func systemRead(_ fileDescriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(fileDescriptor, buffer, count)
    #else
        Darwin.read(fileDescriptor, buffer, count)
    #endif
}
