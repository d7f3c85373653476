import Foundation

/// Tells a log file that grew from one that was rewritten: a hash of its first bytes.
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

    static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return String(value, radix: 16) + ":\(bytes.count)"
    }
}
