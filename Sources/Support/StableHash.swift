/// A 64-bit hash that is the same on every run and platform (Swift's `Hasher` is seeded per process):
/// FNV-1a over the bytes, then a SplitMix64 finaliser, since FNV's high bits mix poorly for similar keys.
/// For identities kept in files and databases (task ids, session-log record identities), not against an
/// adversary.
package enum StableHash {
    package static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }

    /// Of the text's UTF-8 bytes.
    package static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of($0) }
    }
}
