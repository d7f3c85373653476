/// Substring search on UTF-8 bytes. On Linux, Foundation's `contains(_:)` and `range(of:)` on strings
/// bridge every call to `NSString` (a third of some hot loops' time: trailers, rework phrases, merge
/// subjects); these do not, and they match exactly the bytes given (no Unicode equivalence, no locale).
extension StringProtocol {
    /// Whether `needle` occurs in the text.
    package func containsBytes(_ needle: some StringProtocol) -> Bool {
        byteOffset(of: needle) != nil
    }

    /// The first occurrence of `needle`, as a range of the text's indices.
    package func byteRange(of needle: some StringProtocol) -> Range<Index>? {
        guard let offset = byteOffset(of: needle) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// The UTF-8 offset of `needle`'s first occurrence.
    private func byteOffset(of needle: some StringProtocol) -> Int? {
        let search = { (haystack: UnsafeBufferPointer<UInt8>) -> Int? in
            needle.utf8.withContiguousStorageIfAvailable { ByteSearch.firstOffset(of: $0, in: haystack) }
                ?? Array(needle.utf8).withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: haystack) }
        }
        return utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
    }
}

package enum ByteSearch {
    /// Where `needle` first occurs in `haystack` (0 for an empty needle).
    package static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first {
                var index = 1
                while index < needle.count, haystack[start + index] == needle[index] { index += 1 }
                if index == needle.count { return start }
            }
            start += 1
        }
        return nil
    }

    /// Whether `needle` occurs in `haystack`.
    package static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { firstOffset(of: $0, in: haystack) != nil }
        }
    }
}
