import Foundation

/// Foundation's text checks the readers use on prompts and tool texts, with a look at the
/// UTF-8 bytes first that settles the common case without bridging to NSString: the answer
/// is always Foundation's.
enum LogText {
    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`; the text itself when it starts
    /// and ends with a visible ASCII character (nothing to trim).
    static func trimmed(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, isVisibleASCII(first), isVisibleASCII(last) {
            return text
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the text is empty once trimmed; false at once when it starts with a visible ASCII character.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, isVisibleASCII(first) { return false }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// `text.contains(needle)` for an ASCII needle: asked of Foundation only when the bytes hold
    /// the needle (text that does not hold its bytes holds no string equal to it either).
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let mayContain =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                guard let first = pattern.first else { return true }
                guard bytes.count >= pattern.count else { return false }
                for start in 0...(bytes.count - pattern.count) where bytes[start] == first {
                    if pattern.indices.allSatisfy({ bytes[start + $0] == pattern[$0] }) { return true }
                }
                return false
            } ?? true
        return mayContain && text.contains(String(decoding: pattern, as: UTF8.self))
    }

    /// A path a log wrote on Windows with forward slashes, so that it is matched and made
    /// repository-relative as any other: `C:\Users\bob\src\app` → `C:/Users/bob/src/app`, a share's
    /// `\\host\share\x` → `//host/share/x`, and a relative `app\models.py` (backslashes, no slash)
    /// → `app/models.py`. Anything else is left as it is (a backslash is a valid character of a
    /// Unix file name).
    static func portablePath(_ path: String) -> String {
        let bytes = Array(path.utf8.prefix(3))
        let backslash = UInt8(ascii: "\\")
        let drive = bytes.count == 3 && ((bytes[0] | 0x20) >= UInt8(ascii: "a") && (bytes[0] | 0x20) <= UInt8(ascii: "z"))
            && bytes[1] == UInt8(ascii: ":") && (bytes[2] == backslash || bytes[2] == UInt8(ascii: "/"))
        let share = bytes.count >= 2 && bytes[0] == backslash && bytes[1] == backslash
        let relative = !path.hasPrefix("/") && path.utf8.contains(backslash) && !path.utf8.contains(UInt8(ascii: "/"))
        guard drive || share || relative else { return path }
        return path.replacingOccurrences(of: "\\", with: "/")
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
