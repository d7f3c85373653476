import Foundation

/// Tells a log file that grew from one that was rewritten: a hash of its first bytes, and of the
/// bytes before where the last read stopped.
package enum FileFingerprint {
    /// How many leading bytes are hashed (fewer when the file was shorter when first read).
    package static let length = 4096

    /// FNV-1a of the first `min(length, limit)` bytes of the file, in hex; nil when it cannot be read.
    package static func of(path: String, limit: Int64) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }  // read-only handle: closing cannot lose data
        let count = Int(min(Int64(length), max(limit, 0)))
        guard let data = try? handle.read(upToCount: count) else { return count == 0 ? hash([]) : nil }
        return hash(Array(data))
    }

    /// What a log read up to `consumed` is recognised by when it grows: its first bytes (`of`), and
    /// beyond them the `length` bytes that end at `consumed`, after a `+`. A log rewritten in place
    /// with the same beginning (a record shortened, records appended) differs there, and is then
    /// read again whole rather than from an offset that now falls inside a record.
    package static func resume(path: String, consumed: Int64) -> String? {
        guard let head = of(path: path, limit: min(consumed, Int64(length))) else { return nil }
        guard consumed > Int64(length) else { return head }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }  // read-only handle: closing cannot lose data
        guard (try? handle.seek(toOffset: UInt64(consumed) - UInt64(length))) != nil,
            let data = try? handle.read(upToCount: length), data.count == length
        else { return nil }
        return head + "+" + hash(Array(data))
    }

    /// Whether a log stored with `stored` (from `resume`) still holds what was read of it; a
    /// fingerprint stored before the tail was kept (no `+`) is checked on the first bytes only.
    package static func matches(path: String, consumed: Int64, stored: String) -> Bool {
        if !stored.contains("+") {
            return of(path: path, limit: min(consumed, Int64(length))) == stored
        }
        return resume(path: path, consumed: consumed) == stored
    }

    static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return String(value, radix: 16) + ":\(bytes.count)"
    }
}
