/// Finds what tool calls did in their text: commits `git commit` printed, files an `apply_patch` body touched.
package enum ToolOutputScanner {
    /// Hashes from `git commit` output lines: `[main 1a2b3c4] msg`, `[main (root-commit) 1a2b3c4] msg`,
    /// `[detached HEAD 1a2b3c4] msg`. Only lines that start with `[` are looked at.
    package static func commitHashes(in text: String) -> [String] {
        var hashes: [String] = []
        for line in bracketLines(of: text) {
            guard line.first == "[", let close = line.firstIndex(of: "]") else { continue }
            let inside = line[line.index(after: line.startIndex)..<close]
            guard let space = inside.lastIndex(of: " ") else { continue }
            let hash = inside[inside.index(after: space)...]
            let branch = inside[..<space]
            guard !branch.isEmpty, (7...40).contains(hash.count), hash.allSatisfy(\.isHexDigit),
                hash.allSatisfy({ !$0.isUppercase })
            else { continue }
            let after = line[line.index(after: close)...]
            guard after.isEmpty || after.first == " " else { continue }
            hashes.append(String(hash))
        }
        return hashes
    }

    /// The non-empty lines of `text` whose first byte is `[`, when the text contains `] ` or
    /// ends with `]` (else none). Lines end at `\n` not after `\r`, where a split at the
    /// Character "\n" ends them (`\r\n` is one Character); found in the UTF-8 bytes.
    private static func bracketLines(of text: String) -> [Substring] {
        let utf8 = text.utf8
        let found = utf8.withContiguousStorageIfAvailable { bytes -> [Range<Int>] in
            guard let last = bytes.last else { return [] }
            var ranges: [Range<Int>] = []
            var hasBracketSpace = false
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == UInt8(ascii: "]"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: " ") {
                    hasBracketSpace = true
                } else if byte == 0x0A, index == 0 || bytes[index - 1] != 0x0D {
                    if index > start && bytes[start] == UInt8(ascii: "[") { ranges.append(start..<index) }
                    start = index + 1
                }
            }
            if bytes.count > start && bytes[start] == UInt8(ascii: "[") { ranges.append(start..<bytes.count) }
            // The check as it was, asked of Foundation only when the bytes allow it.
            let passes = (hasBracketSpace && text.contains("] ")) || (last == UInt8(ascii: "]") && text.hasSuffix("]"))
            return passes ? ranges : []
        }
        guard let found else {
            // Not contiguous UTF-8 (a bridged string): the same in Characters.
            guard text.contains("] ") || text.hasSuffix("]") else { return [] }
            return text.split(separator: "\n", omittingEmptySubsequences: true).filter { $0.utf8.first == UInt8(ascii: "[") }
        }
        return found.map { range in
            Substring(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
        }
    }

    /// Paths named by `*** Add File:`, `*** Update File:`, `*** Delete File:` and `*** Move to:` lines
    /// of apply_patch bodies anywhere in `text`.
    package static func patchedPaths(in text: String) -> [String] {
        guard LogText.contains(text, "*** ") else { return [] }
        let markers = ["*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: "]
        var paths: [String] = []
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            guard line.hasPrefix("*** ") else { continue }
            for marker in markers where line.hasPrefix(marker) {
                let path = line.dropFirst(marker.count).trimmed(of: " \t\r")
                if !path.isEmpty { paths.append(path) }
            }
        }
        return paths
    }
}

/// Trimming by a small set of characters without Foundation's CharacterSet.
extension Substring {
    /// The text without leading and trailing characters from `set`.
    func trimmed(of set: String) -> String {
        let trimmedStart = drop(while: { set.contains($0) })
        var end = trimmedStart.endIndex
        while end > trimmedStart.startIndex {
            let before = trimmedStart.index(before: end)
            guard set.contains(trimmedStart[before]) else { break }
            end = before
        }
        return String(trimmedStart[..<end])
    }
}
