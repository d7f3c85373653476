/// Realises the planned commits as a `git fast-import` stream with concrete file
/// contents (text, reviewable, `data <n>` with exact byte counts), and computes every
/// commit's git hash on the way.
struct RepositoryWriter {
    /// What writing the history produced besides the stream.
    struct Output {
        var stream: [UInt8] = []
        /// Commit index → fast-import mark (the order of the stream).
        var marks: [Int: Int] = [:]
        /// Commit index → git commit id.
        var hashes: [Int: String] = [:]
        /// Commit index → files changed, lines inserted, lines deleted.
        var stats: [Int: (files: Int, insertions: Int, deletions: Int)] = [:]
        /// Task index → the pull request's line counts against its merge base.
        var pullRequestStats: [Int: (additions: Int, deletions: Int, files: Int)] = [:]
        /// Per ref, the commits in the order they landed (commit indices).
        var refHistory: [String: [Int]] = [:]
        /// Files in main's tree at the end.
        var finalFileCount = 0
    }

    private var text: SourceText
    private var random: SplitMix64
    private var output = Output()
    private var trees: [String: FileTree] = [:]
    private var forkBases: [String: FileTree] = [:]
    private var tips: [String: Int] = [:]

    init(random: SplitMix64) {
        self.random = random.derived(1)
        text = SourceText(random: random.derived(2))
    }

    /// Writes `commits` in the order they landed (committer time, then creation).
    mutating func write(_ commits: [PlannedCommit], tasks: [PlannedTask]) -> Output {
        let order = commits.indices.sorted {
            (commits[$0].committer.time, commits[$0].sequence) < (commits[$1].committer.time, commits[$1].sequence)
        }
        var merged: Set<String> = []
        for (position, index) in order.enumerated() {
            let commit = commits[index]
            let mark = position + 1
            output.marks[index] = mark
            append("commit refs/heads/\(commit.ref)\nmark :\(mark)\n")
            append("author \(commit.author.gitLine)\ncommitter \(commit.committer.gitLine)\n")
            data(Array(commit.message.utf8))
            var parents: [Int] = []
            if let tip = tips[commit.ref] {
                parents.append(tip)
            } else if let main = tips["main"] {
                parents.append(main)
                forkBases[commit.ref] = trees["main"] ?? FileTree()
            }
            var tree = tips[commit.ref] != nil ? trees[commit.ref] ?? FileTree() : trees["main"] ?? FileTree()
            let before = tree
            if case .merge(let taskIndex) = commit.kind, let branch = tasks[taskIndex].branch, let branchTip = tips[branch] {
                parents.append(branchTip)
                let theirs = trees[branch] ?? FileTree()
                let base = forkBases[branch] ?? FileTree()
                output.pullRequestStats[taskIndex] = FileTree.lineCounts(from: base, to: theirs)
                tree = tree.merging(theirs, base: base)
                emitDifferences(from: before, to: tree, branch: theirs)
                merged.insert(branch)
            } else {
                apply(commit.edits, to: &tree)
            }
            if let first = parents.first { append("from :\(output.marks[first] ?? 0)\n") }
            if parents.count > 1 { append("merge :\(output.marks[parents[1]] ?? 0)\n") }
            output.stream += pending
            pending = []
            append("\n")
            let counts = FileTree.lineCounts(from: before, to: tree)
            output.stats[index] = (counts.files, counts.additions, counts.deletions)
            if commit.kind == .squash, let taskIndex = commit.task { output.pullRequestStats[taskIndex] = counts }
            output.hashes[index] = GitTree.commit(
                tree: tree.treeHash, parents: parents.compactMap { output.hashes[$0] }, author: commit.author,
                committer: commit.committer, message: commit.message)
            trees[commit.ref] = tree
            tips[commit.ref] = index
            output.refHistory[commit.ref, default: []].append(index)
        }
        for (index, task) in tasks.enumerated() where task.merge == nil && task.style == .pullRequest {
            if let branch = task.branch, let base = forkBases[branch], let tip = trees[branch] {
                output.pullRequestStats[index] = FileTree.lineCounts(from: base, to: tip)
            }
        }
        // GitHub deletes a merged pull request's branch; open ones stay.
        for branch in merged.sorted() { append("reset refs/heads/\(branch)\nfrom 0000000000000000000000000000000000000000\n\n") }
        if let main = tips["main"], let mark = output.marks[main] { append("reset refs/heads/main\nfrom :\(mark)\n\n") }
        output.finalFileCount = trees["main"]?.files.count ?? 0
        return output
    }

    /// File commands are collected here and written after `from`/`merge`, as fast-import wants.
    private var pending: [UInt8] = []

    private mutating func apply(_ edits: [FileEdit], to tree: inout FileTree) {
        for edit in edits {
            switch edit.operation {
            case .modify(let added, let deleted):
                let lines = editLines(tree.files[edit.path]?.content.lines, path: edit.path, added: added, deleted: deleted)
                set(edit.path, .text(lines), in: &tree)
            case .delete:
                tree.files[edit.path] = nil
                pending += Array("D \(Self.quote(edit.path))\n".utf8)
            case .rename(let from, let added, let deleted):
                let old = tree.files[from]?.content.lines
                tree.files[from] = nil
                pending += Array("R \(Self.quote(from)) \(Self.quote(edit.path))\n".utf8)
                set(edit.path, .text(editLines(old, path: edit.path, added: added, deleted: deleted)), in: &tree)
            case .binary(let bytes):
                set(edit.path, .binary(text.binary(count: bytes + random.int(0...400))), in: &tree)
            }
        }
    }

    /// Deletes `deleted` lines and inserts `added` new ones in one or two hunks; new files
    /// start with a header; files over their cap lose their oldest lines.
    private mutating func editLines(_ old: [String]?, path: String, added: Int, deleted: Int) -> [String] {
        var lines = old ?? text.header(for: path)
        let protected = old == nil ? lines.count : min(2, lines.count)
        for _ in 0..<min(deleted, max(lines.count - protected, 0)) {
            lines.remove(at: random.int(protected...(lines.count - 1)))
        }
        let hunks = added > 6 && random.chance(0.5) ? 2 : 1
        var left = added
        for hunk in 0..<hunks {
            let size = hunk == hunks - 1 ? left : left / 2
            left -= size
            var at = random.int(min(protected, lines.count)...lines.count)
            for _ in 0..<size {
                lines.insert(text.line(for: path), at: at)
                at += 1
            }
        }
        let cap = SourceText.maximumLines(path)
        if lines.count > cap { lines.removeSubrange(protected..<(protected + lines.count - cap)) }
        return lines
    }

    private mutating func set(_ path: String, _ content: FileTree.Content, in tree: inout FileTree) {
        let file = FileTree.File(content)
        tree.files[path] = file
        pending += Array("M 100644 inline \(Self.quote(path))\n".utf8)
        pendingData(content.bytes)
    }

    /// A merge's file commands: files taken verbatim from the branch name its existing blob.
    private mutating func emitDifferences(from old: FileTree, to new: FileTree, branch: FileTree) {
        for path in Set(old.files.keys).union(new.files.keys).sorted() where old.files[path]?.blob != new.files[path]?.blob {
            if let file = new.files[path], file.blob == branch.files[path]?.blob {
                pending += Array("M 100644 \(SHA1.hex(file.blob)) \(Self.quote(path))\n".utf8)
            } else if let file = new.files[path] {
                pending += Array("M 100644 inline \(Self.quote(path))\n".utf8)
                pendingData(file.content.bytes)
            } else {
                pending += Array("D \(Self.quote(path))\n".utf8)
            }
        }
    }

    private mutating func pendingData(_ bytes: [UInt8]) {
        pending += Array("data \(bytes.count)\n".utf8)
        pending += bytes
        pending += Array("\n".utf8)
    }

    private mutating func data(_ bytes: [UInt8]) {
        append("data \(bytes.count)\n")
        output.stream += bytes
        append("\n")
    }

    private mutating func append(_ text: String) { output.stream += Array(text.utf8) }

    /// Paths with spaces, quotes or backslashes in fast-import's C-style quotes.
    static func quote(_ path: String) -> String {
        guard path.contains(where: { $0 == " " || $0 == "\"" || $0 == "\\" }) else { return path }
        return "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
