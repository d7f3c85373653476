import Model

/// Added blocks that closely repeat code already in the tree: 5-token shingles of a block of at
/// least `minimumLines` consecutive added lines, of which `threshold` or more occur in one other file
/// (or twice in the block's own file).
package enum RepeatedCode {
    static let minimumLines = 6
    static let minimumShingles = 20
    static let threshold = 0.8
    static let width = 5

    /// Shingle → the files it occurs in (a file once per occurrence), built once for all units.
    package struct Index: Sendable {
        var files: [String] = []
        var postings: [UInt64: [Int32]] = [:]

        package init(sources: [String: String]) {
            for (path, text) in sources.sorted(by: { $0.key < $1.key }) where Language(path: path).isCode {
                let id = Int32(files.count)
                files.append(path)
                for shingle in RepeatedCode.shingles(RepeatedCode.tokens(text)) { postings[shingle, default: []].append(id) }
            }
        }

        package var isEmpty: Bool { files.isEmpty }
    }

    package static func findings(_ unit: ReviewUnit, index: Index, sources: [String: String]) -> [Finding] {
        guard !index.isEmpty else { return [] }
        var findings: [Finding] = []
        for (commit, file) in unit.files where Language(path: file.path).isCode {
            for block in blocks(file.added) {
                let shingles = Set(shingles(tokens(block.map(\.text).joined(separator: "\n"))))
                guard shingles.count >= minimumShingles else { continue }
                var counts: [Int32: Int] = [:]
                for shingle in shingles {
                    guard let posting = index.postings[shingle] else { continue }
                    var perFile: [Int32: Int] = [:]
                    for id in posting { perFile[id, default: 0] += 1 }
                    for (id, occurrences) in perFile where index.files[Int(id)] != file.path || occurrences >= 2 {
                        counts[id, default: 0] += 1
                    }
                }
                guard let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
                    Double(best.value) / Double(shingles.count) >= threshold
                else { continue }
                let place = index.files[Int(best.key)]
                let line = sources[place].flatMap { firstLine(of: shingles, in: $0, skipping: place == file.path ? block : []) }
                let share = Int((Double(best.value) / Double(shingles.count) * 100).rounded())
                findings.append(
                    Finding(
                        check: .secondWay, rule: "repeated-code", commit: commit, file: file.path, line: block[0].number,
                        evidence: block[0].text,
                        reason: "\(block.count) added lines repeat \(share)% of \(place)\(line.map { ":\($0)" } ?? ""): "
                            + "reuse or extract the existing code instead of a second copy",
                        weight: 1.5))
            }
        }
        return findings
    }

    /// Runs of consecutive added lines (at least `minimumLines` non-blank ones).
    static func blocks(_ lines: [CommitDiff.Line]) -> [[CommitDiff.Line]] {
        var blocks: [[CommitDiff.Line]] = []
        var current: [CommitDiff.Line] = []
        func close() {
            if current.filter({ !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }).count >= minimumLines {
                blocks.append(current)
            }
            current = []
        }
        for line in lines {
            if let last = current.last, last.number + 1 != line.number { close() }
            current.append(line)
        }
        close()
        return blocks
    }

    /// The first line of `text` where one of `shingles` starts (outside the lines of `skipping`'s text).
    static func firstLine(of shingles: Set<UInt64>, in text: String, skipping: [CommitDiff.Line]) -> Int? {
        let own = Set(skipping.map(\.text))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for start in lines.indices where !own.contains(String(lines[start])) {
            let window = lines[start..<min(lines.count, start + 4)].joined(separator: "\n")
            if let first = RepeatedCode.shingles(tokens(window)).first, shingles.contains(first) { return start + 1 }
        }
        return nil
    }

    /// Words, numbers and single punctuation characters; comments and whitespace are not dropped, only spaces.
    static func tokens(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
            } else if character.isLetter || character.isNumber || character == "_" {
                var end = text.index(after: index)
                while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" {
                    end = text.index(after: end)
                }
                tokens.append(text[index..<end])
                index = end
            } else {
                let end = text.index(after: index)
                tokens.append(text[index..<end])
                index = end
            }
        }
        return tokens
    }

    /// FNV-1a hashes of every run of `width` tokens.
    static func shingles(_ tokens: [Substring]) -> [UInt64] {
        guard tokens.count >= width else { return [] }
        let hashes = tokens.map { token -> UInt64 in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in token.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        return (0...(hashes.count - width)).map { start in
            var hash: UInt64 = 0
            for offset in 0..<width { hash = (hash &* 31) &+ hashes[start + offset] &* UInt64(offset + 1) }
            return hash
        }
    }
}
