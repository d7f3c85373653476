/// Finds what tool calls did in their text: commits `git commit` printed, files an `apply_patch` body touched.
package enum ToolOutputScanner {
    /// Hashes from `git commit` output lines: `[main 1a2b3c4] msg`, `[main (root-commit) 1a2b3c4] msg`,
    /// `[detached HEAD 1a2b3c4] msg`. Only lines that start with `[` are looked at.
    package static func commitHashes(in text: String) -> [String] {
        // Tool outputs are large and rarely hold a commit line: scan bytes, not Characters.
        var text = text
        return text.withUTF8 { bytes in
            var hashes: [String] = []
            var lineStart = 0
            let count = bytes.count
            while lineStart < count {
                var lineEnd = lineStart
                while lineEnd < count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if bytes[lineStart] == 0x5B, let hash = hash(bytes, from: lineStart, to: lineEnd) { hashes.append(hash) }
                lineStart = lineEnd + 1
            }
            return hashes
        }
    }

    /// The hash of one `[branch hash] …` line between `start` (its `[`) and `end`.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        var close = start + 1
        while close < end && bytes[close] != 0x5D { close += 1 }
        guard close < end else { return nil }
        // After `]`: the end of the line or a space.
        guard close + 1 == end || bytes[close + 1] == 0x20 || bytes[close + 1] == 0x0D else { return nil }
        var space = close - 1
        while space > start && bytes[space] != 0x20 { space -= 1 }
        guard space > start + 1 else { return nil }  // a branch name before the space
        let length = close - space - 1
        guard (7...40).contains(length) else { return nil }
        for index in (space + 1)..<close {
            let byte = bytes[index]
            guard (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) else { return nil }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(space + 1)..<close]), as: UTF8.self)
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
