import Foundation
import Support

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams the lines of a log file in constant memory: `read(2)` into one reused
/// buffer, split at `\n` by `ByteSplitter`. Gzip and zstd files (recognised by
/// their magic bytes) are piped through `gzip -dc` / `zstd -dc`; their offsets
/// count decompressed bytes.
package enum LogLineSource {
    /// How a file's bytes are stored.
    package enum Compression: Equatable, Sendable {
        case none, gzip, zstd

        /// The program and arguments that write the plain bytes to stdout.
        var command: (program: String, arguments: [String])? {
            switch self {
            case .none: return nil
            case .gzip: return ("gzip", ["-dc"])
            case .zstd: return ("zstd", ["-dc", "-q"])
            }
        }
    }

    /// One line handed to the caller.
    package struct Line {
        /// The bytes, without `\n` (and without a trailing `\r`).
        package var bytes: UnsafeBufferPointer<UInt8>
        /// 1-based, counted from where the read started.
        package var number: Int
        /// false for a last line that has no newline yet (it may still be being written).
        package var terminated: Bool
    }

    /// The compression of `path`, from its first bytes.
    package static func compression(of path: String) -> Compression {
        let head = headBytes(path: path, count: 4)
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B { return .gzip }
        if head.count >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD { return .zstd }
        return .none
    }

    /// The first `count` bytes of a file as stored (fewer when it is shorter; empty when unreadable).
    package static func headBytes(path: String, count: Int) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, count) }
        return got > 0 ? Array(bytes[0..<got]) : []
    }

    /// Calls `body` for every line from `offset` on.
    ///
    /// `body` returns whether it accepted a line; only the answer for an
    /// unterminated last line matters: accepted, it counts as consumed.
    /// - Returns: the offset just after the last consumed line.
    /// - Throws: `SessionLogError` when the file cannot be read or decompressed, or what `body` throws.
    @discardableResult
    package static func forEachLine(
        path: String, fromOffset offset: Int64, maximumBytes: Int64 = .max, _ body: (Line) throws -> Bool
    ) throws -> Int64 {
        var splitter = ByteSplitter(delimiter: 0x0A)
        var consumed = max(offset, 0)
        var number = 0
        func deliver(_ piece: UnsafeBufferPointer<UInt8>, terminated: Bool) throws {
            number += 1
            var bytes = piece
            if let last = bytes.last, last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
            let accepted = try body(Line(bytes: bytes, number: number, terminated: terminated))
            if terminated {
                consumed += Int64(piece.count) + 1
            } else if accepted {
                consumed += Int64(piece.count)
            }
        }
        var total: Int64 = 0
        try forEachChunk(path: path, fromOffset: consumed) { chunk in
            total += Int64(chunk.count)
            try splitter.feed(chunk) { try deliver($0, terminated: true) }
            return total < maximumBytes
        }
        try splitter.finish { try deliver($0, terminated: false) }
        return consumed
    }

    /// Reads a whole (small) file into memory, decompressing when needed.
    package static func contents(path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachChunk(path: path, fromOffset: 0) { chunk in
            bytes.append(contentsOf: chunk)
            return true
        }
        return bytes
    }

    /// Hands the (decompressed) bytes from `offset` on to `body`, chunk by chunk, until it returns false.
    static func forEachChunk(
        path: String, fromOffset offset: Int64, _ body: (UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws {
        let compression = compression(of: path)
        if let command = compression.command {
            try forEachDecompressedChunk(path: path, command: command, skipping: offset, body)
            return
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SessionLogError.unreadable(path: path, errno: errno) }
        defer { close(fd) }
        if offset > 0 && lseek(fd, off_t(offset), SEEK_SET) < 0 {
            throw SessionLogError.unreadable(path: path, errno: errno)
        }
        let size = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, size)
            if count < 0 {
                if errno == EINTR { continue }
                throw SessionLogError.unreadable(path: path, errno: errno)
            }
            if count == 0 { return }
            guard try body(UnsafeBufferPointer(start: buffer, count: count)) else { return }
        }
    }

    private static func forEachDecompressedChunk(
        path: String, command: (program: String, arguments: [String]), skipping offset: Int64,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws {
        let process: StreamingProcess
        do {
            process = try StreamingProcess(
                executable: command.program, arguments: command.arguments + [path],
                environment: ProcessInfo.processInfo.environment)
        } catch StreamingProcess.Failure.spawn(_, let code) where code == ENOENT {
            throw SessionLogError.decompressorMissing(path: path, program: command.program)
        } catch {
            throw SessionLogError.decompression(path: path, detail: "\(error)")
        }
        var toSkip = offset
        var stoppedEarly = false
        struct Stop: Error {}
        do {
            try process.readOutput { chunk in
                var piece = chunk
                if toSkip > 0 {
                    let drop = Int(min(toSkip, Int64(piece.count)))
                    toSkip -= Int64(drop)
                    piece = UnsafeBufferPointer(rebasing: piece[drop...])
                    if piece.isEmpty { return }
                }
                guard try body(piece) else { throw Stop() }
            }
        } catch is Stop {
            stoppedEarly = true
        } catch let failure as StreamingProcess.Failure {
            throw SessionLogError.decompression(path: path, detail: failure.description)
        }
        if stoppedEarly {
            process.stop()
            return
        }
        do {
            try process.waitForSuccess()
        } catch {
            throw SessionLogError.decompression(path: path, detail: "\(error)")
        }
    }
}
