import Foundation

/// Writes planned commits as a `git fast-import` stream: text, reviewable, byte-exact.
struct FastImportWriter {
    private var random: Random
    private var output: [UInt8] = []
    private var counter = 0

    private struct BranchState {
        var tip: Int
        var files: [String: [String]]
        var changed: Set<String> = []
        var deleted: Set<String> = []
    }

    init(seed: UInt64) { random = Random(seed: seed ^ 0xF00D) }

    /// The stream, and the fast-import mark of each commit index.
    mutating func write(_ simulation: Simulation) -> (stream: [UInt8], marks: [Int: Int]) {
        var main: [String: [String]] = [:]
        var mainTip = 0
        var branches: [String: BranchState] = [:]
        var merged: [String] = []
        var marks: [Int: Int] = [:]
        for (position, index) in simulation.writeOrder.enumerated() {
            let commit = simulation.commits[index]
            let mark = position + 1
            marks[index] = mark
            let ref = commit.branch ?? "main"
            append("commit refs/heads/\(ref)\nmark :\(mark)\n")
            append("author \(commit.authorName) <\(commit.authorEmail)> \(commit.time) \(Self.offset(commit.offset))\n")
            append("committer \(commit.committerName) <\(commit.committerEmail)> \(commit.time) \(Self.offset(commit.offset))\n")
            data(Array(commit.message.utf8))
            if let branchName = commit.merges, let branch = branches[branchName] {
                append("from :\(mainTip)\nmerge :\(branch.tip)\n")
                for path in branch.deleted.sorted() where main[path] != nil {
                    main[path] = nil
                    append("D \(Self.quote(path))\n")
                }
                for path in branch.changed.sorted() {
                    guard let lines = branch.files[path] else { continue }
                    main[path] = lines
                    modify(path, lines)
                }
                mainTip = mark
                merged.append(branchName)
                append("\n")
                continue
            }
            var files: [String: [String]]
            if let name = commit.branch {
                if let state = branches[name] {
                    files = state.files
                } else {
                    if mainTip > 0 { append("from :\(mainTip)\n") }
                    files = main
                    branches[name] = BranchState(tip: mark, files: main)
                }
            } else {
                if mainTip > 0 { append("from :\(mainTip)\n") }
                files = main
            }
            var changed: [String] = []
            var deleted: [String] = []
            if let rename = commit.rename, let lines = files[rename.from] {
                append("R \(Self.quote(rename.from)) \(Self.quote(rename.to))\n")
                files[rename.from] = nil
                files[rename.to] = lines
                deleted.append(rename.from)
                changed.append(rename.to)
            }
            if let binary = commit.binary {
                append("M 100644 inline \(Self.quote(binary.path))\n")
                data(binary.bytes)
            }
            for change in commit.changes {
                let path = commit.rename?.from == change.path ? commit.rename?.to ?? change.path : change.path
                var lines = files[path] ?? []
                for _ in 0..<min(change.deleted, lines.count) { lines.remove(at: random.int(0...(lines.count - 1))) }
                for _ in 0..<change.added { lines.insert(line(for: path), at: random.int(0...lines.count)) }
                // Files stay short, so the committed stream stays small; older lines give way.
                if lines.count > Self.maximumLines { lines.removeFirst(lines.count - Self.maximumLines) }
                files[path] = lines
                changed.append(path)
                modify(path, lines)
            }
            if let name = commit.branch {
                branches[name]?.files = files
                branches[name]?.tip = mark
                branches[name]?.changed.formUnion(changed)
                branches[name]?.deleted.formUnion(deleted)
                for path in changed { branches[name]?.deleted.remove(path) }
            } else {
                main = files
                mainTip = mark
            }
            append("\n")
        }
        for name in merged.sorted() {
            append("reset refs/heads/\(name)\nfrom 0000000000000000000000000000000000000000\n\n")
        }
        append("reset refs/heads/main\nfrom :\(mainTip)\n\n")
        return (output, marks)
    }

    private mutating func modify(_ path: String, _ lines: [String]) {
        append("M 100644 inline \(Self.quote(path))\n")
        data(Array(lines.joined().utf8))
    }

    private mutating func data(_ bytes: [UInt8]) {
        append("data \(bytes.count)\n")
        output += bytes
        append("\n")
    }

    private mutating func append(_ text: String) { output += Array(text.utf8) }

    /// One line of plausible source for a file, by its kind.
    private mutating func line(for path: String) -> String {
        counter += 1
        let words = ["order", "total", "item", "price", "user", "cart", "stock", "rate", "token", "limit", "key", "row"]
        let a = random.pick(words)
        let b = random.pick(words)
        if path.hasSuffix(".sql") { return "ALTER TABLE \(a)s ADD COLUMN \(b)_\(counter) INTEGER;\n" }
        if path.hasSuffix(".md") { return "The \(a) \(b) section explains step \(counter).\n" }
        if path.hasSuffix(".yml") { return "\(a)_\(b)_\(counter): \(random.int(1...500))\n" }
        if path.hasSuffix(".json") { return "  \"\(a)-\(b)-\(counter)\": \"^\(random.int(1...9)).\(random.int(0...20)).0\",\n" }
        return "  const \(a)\(counter) = \(b)(\(a), \(random.int(0...99)));\n"
    }

    static let maximumLines = 40

    /// `+0530` for 330 minutes.
    static func offset(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let value = abs(minutes)
        return sign + String(format: "%02d%02d", value / 60, value % 60)
    }

    /// Paths with spaces or quotes are written in fast-import's C-style quotes.
    static func quote(_ path: String) -> String {
        guard path.contains(where: { $0 == " " || $0 == "\"" || $0 == "\\" }) else { return path }
        return "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
