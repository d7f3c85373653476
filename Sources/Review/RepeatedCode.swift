import Model

/// Added blocks that closely repeat code already in the tree: 5-token shingles of a block of at
/// least `minimumLines` consecutive added lines, of which `threshold` or more occur in one other file
/// (or twice in the block's own file). A file's leading comment block (the license header every file
/// carries) is no code and is left out.
package enum RepeatedCode {
    static let minimumLines = 6
    static let minimumShingles = 20
    static let threshold = 0.8
    static let width = 5

    /// The files each wanted shingle occurs in (a file once per occurrence), built once for all units.
    /// Only shingles of the reviewed blocks are kept, so the index stays small however large the tree.
    package struct Index: Sendable {
        var files: [String] = []
        var postings: [UInt64: [Int32]] = [:]

        package init(sources: [String: String], units: [ReviewUnit]) {
            var wanted: Set<UInt64> = []
            for unit in units {
                for (_, file) in unit.files where Language(path: file.path).isCode {
                    for block in RepeatedCode.blocks(file.added, Language(path: file.path)) {
                        wanted.formUnion(RepeatedCode.shingles(block.map(\.text).joined(separator: "\n")))
                    }
                }
            }
            guard !wanted.isEmpty else { return }
            for (path, text) in sources.sorted(by: { $0.key < $1.key }) where Language(path: path).isCode {
                let id = Int32(files.count)
                files.append(path)
                RepeatedCode.forEachShingle(text) { shingle, _ in
                    if wanted.contains(shingle) { postings[shingle, default: []].append(id) }
                }
            }
        }

        package var isEmpty: Bool { postings.isEmpty }
    }

    package static func findings(_ unit: ReviewUnit, index: Index, sources: [String: String]) -> [Finding] {
        guard !index.isEmpty else { return [] }
        var findings: [Finding] = []
        for (commit, file) in unit.files where Language(path: file.path).isCode {
            for block in blocks(file.added, Language(path: file.path)) {
                let shingles = Set(shingles(block.map(\.text).joined(separator: "\n")))
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

    /// Runs of consecutive added lines (at least `minimumLines` non-blank ones), after the file's header.
    static func blocks(_ lines: [CommitDiff.Line], _ language: Language) -> [[CommitDiff.Line]] {
        let lines = lines.dropFirst(headerLength(lines, language))
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

    /// How many of the added lines are the file's leading comment block: from its first line, a `#!` line,
    /// comment lines and the lines of a `/* … */` comment, and the blank lines between and after them.
    static func headerLength(_ lines: [CommitDiff.Line], _ language: Language) -> Int {
        var count = 0
        var inBlockComment = false
        for (index, line) in lines.enumerated() {
            guard line.number == index + 1 else { break }
            let text = line.text.trimmingCharacters(in: .whitespaces)
            if inBlockComment {
                inBlockComment = !text.contains("*/")
            } else if text.hasPrefix("/*") && language.isComment(text) {
                inBlockComment = !text.dropFirst(2).contains("*/")
            } else if !(text.isEmpty || language.isComment(text) || (index == 0 && text.hasPrefix("#!"))) {
                break
            }
            count += 1
        }
        return count
    }

    /// The first line of `text` where one of `shingles` starts (outside the lines of `skipping`'s text).
    static func firstLine(of shingles: Set<UInt64>, in text: String, skipping: [CommitDiff.Line]) -> Int? {
        let own = Set(skipping.map(\.text))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: Int?
        forEachShingle(text) { hash, line in
            guard found == nil, shingles.contains(hash), line <= lines.count, !own.contains(String(lines[line - 1])) else { return }
            found = line
        }
        return found
    }

    /// Hashes of every run of `width` tokens.
    static func shingles(_ text: String) -> [UInt64] {
        var result: [UInt64] = []
        forEachShingle(text) { hash, _ in result.append(hash) }
        return result
    }

    /// Hands every run of `width` tokens to `body` as a hash, with the line (from 1) its first token is on.
    /// A token is a word (ASCII letters, digits, `_`, or any non-ASCII byte) or one punctuation byte;
    /// whitespace separates. One pass over the UTF-8 bytes, five hashes kept in locals.
    static func forEachShingle(_ text: String, _ body: (UInt64, Int) -> Void) {
        var (h0, h1, h2, h3, h4): (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        var (l0, l1, l2, l3, l4) = (0, 0, 0, 0, 0)
        var count = 0
        var token: UInt64 = 0
        var tokenLine = 1
        var line = 1
        var inWord = false
        func push(_ hash: UInt64, _ at: Int) {
            (h0, h1, h2, h3, h4) = (h1, h2, h3, h4, hash)
            (l0, l1, l2, l3, l4) = (l1, l2, l3, l4, at)
            count += 1
            guard count >= 5 else { return }
            var combined = h0 &* 1
            combined = combined &* 31 &+ h1 &* 2
            combined = combined &* 31 &+ h2 &* 3
            combined = combined &* 31 &+ h3 &* 4
            combined = combined &* 31 &+ h4 &* 5
            body(combined, l0)
        }
        for byte in text.utf8 {
            let lower = byte | 0x20
            let isWord = byte >= 0x80 || byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A)
            if isWord {
                if !inWord {
                    token = 0xcbf2_9ce4_8422_2325
                    tokenLine = line
                }
                token = (token ^ UInt64(byte)) &* 0x100_0000_01b3
                inWord = true
                continue
            }
            if inWord {
                push(token, tokenLine)
                inWord = false
            }
            if byte == 0x0A {
                line += 1
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D { continue }
            push((0xcbf2_9ce4_8422_2325 ^ UInt64(byte)) &* 0x100_0000_01b3, line)
        }
        if inWord { push(token, tokenLine) }
    }
}
