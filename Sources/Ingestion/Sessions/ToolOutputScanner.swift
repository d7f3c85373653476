/// Finds what tool calls did in their text: commits `git commit` printed, files an `apply_patch` body touched.
package enum ToolOutputScanner {
    /// Hashes from `git commit` output lines: `[main 1a2b3c4] msg`, `[main (root-commit) 1a2b3c4] msg`,
    /// `[detached HEAD 1a2b3c4] msg`. Only lines that start with `[` are looked at.
    package static func commitHashes(in text: String) -> [String] {
        guard text.contains("] ") || text.hasSuffix("]") else { return [] }
        var hashes: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
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

    /// Paths named by `*** Add File:`, `*** Update File:`, `*** Delete File:` and `*** Move to:` lines
    /// of apply_patch bodies anywhere in `text`.
    package static func patchedPaths(in text: String) -> [String] {
        guard text.contains("*** ") else { return [] }
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
