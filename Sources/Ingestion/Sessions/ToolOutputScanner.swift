/// Finds what tool calls did in their text: commits `git commit` printed, files an `apply_patch` body touched.
package enum ToolOutputScanner {
    /// Hashes from `git commit` output lines: `[main 1a2b3c4] msg`, `[main (root-commit) 1a2b3c4] msg`,
    /// `[detached HEAD 1a2b3c4] msg`. Only lines that start with `[` are looked at, or with `Stdout: [`
    /// or `Output: [` (Gemini CLI's shell tool).
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
                // Gemini CLI's shell tool writes its first line of output after `Stdout: ` (`Output: ` later).
                var start = lineStart
                for label in labels where lineEnd - lineStart > label.count
                    && zip(label, bytes[lineStart..<(lineStart + label.count)]).allSatisfy({ $0 == $1 })
                {
                    start = lineStart + label.count
                }
                if bytes[start] == 0x5B, let hash = hash(bytes, from: start, to: lineEnd) { hashes.append(hash) }
                lineStart = lineEnd + 1
            }
            return hashes
        }
    }

    /// What a tool may write before a command's first line of output.
    private static let labels: [[UInt8]] = [Array("Stdout: ".utf8), Array("Output: ".utf8)]

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
        // Tool outputs are large: lines are found in the bytes, not in Characters.
        var text = text
        return text.withUTF8 { bytes in
            var paths: [String] = []
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if let path = patchedPath(bytes, from: lineStart, to: lineEnd) { paths.append(path) }
                lineStart = lineEnd + 1
            }
            return paths
        }
    }

    private static let patchMarkers: [[UInt8]] = ["*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: "].map {
        Array($0.utf8)
    }

    /// The path of one apply_patch marker line between `start` and `end` (its `\n`), after
    /// leading spaces and tabs, trimmed of spaces, tabs and `\r`; nil for any other line.
    private static func patchedPath(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        var first = start
        while first < end && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
        guard end - first > 4, bytes[first] == 0x2A, bytes[first + 1] == 0x2A, bytes[first + 2] == 0x2A else { return nil }
        for marker in patchMarkers where end - first >= marker.count {
            guard zip(marker, bytes[first..<(first + marker.count)]).allSatisfy({ $0 == $1 }) else { continue }
            var from = first + marker.count
            var to = end
            func isTrimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
            while from < to && isTrimmed(bytes[from]) { from += 1 }
            while to > from && isTrimmed(bytes[to - 1]) { to -= 1 }
            return from < to ? String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) : nil
        }
        return nil
    }
}
