/// The files of one commit: path → content with its git blob id, and the three-way
/// line merge a pull request's merge commit needs.
struct FileTree {
    enum Content: Equatable {
        case text([String])
        case binary([UInt8])

        var bytes: [UInt8] {
            switch self {
            case .text(let lines): return Array(lines.joined().utf8)
            case .binary(let bytes): return bytes
            }
        }

        var lines: [String] {
            if case .text(let lines) = self { return lines }
            return []
        }
    }

    /// A file's content and blob id.
    struct File: Equatable {
        let content: Content
        let blob: [UInt8]

        init(_ content: Content) {
            self.content = content
            blob = SHA1.gitObject("blob", content.bytes)
        }
    }

    var files: [String: File] = [:]

    var treeHash: [UInt8] { GitTree.hash(files.mapValues(\.blob)) }

    /// The merge of `theirs` (a branch forked at `base`) into `self` (main): paths only the
    /// branch changed take its version; paths both changed get the branch's added and
    /// deleted lines applied to main's lines.
    func merging(_ theirs: FileTree, base: FileTree) -> FileTree {
        var result = self
        let paths = Set(base.files.keys).union(theirs.files.keys)
        for path in paths.sorted() where base.files[path]?.blob != theirs.files[path]?.blob {
            let ours = files[path]
            guard let branch = theirs.files[path] else {
                result.files[path] = nil
                continue
            }
            if ours?.blob == base.files[path]?.blob {
                result.files[path] = branch
            } else if case .text(let theirLines) = branch.content, let ours, case .text(let ourLines) = ours.content {
                let merged = Self.mergeLines(base: base.files[path]?.content.lines ?? [], ours: ourLines, theirs: theirLines)
                result.files[path] = File(.text(merged))
            } else {
                result.files[path] = branch
            }
        }
        return result
    }

    static func mergeLines(base: [String], ours: [String], theirs: [String]) -> [String] {
        let baseSet = Set(base)
        let removed = baseSet.subtracting(theirs)
        var result = ours.filter { !removed.contains($0) }
        for (index, line) in theirs.enumerated() where !baseSet.contains(line) && !result.contains(line) {
            if index == 0 {
                result.insert(line, at: 0)
            } else if let anchor = result.lastIndex(of: theirs[index - 1]) {
                result.insert(line, at: anchor + 1)
            } else {
                result.append(line)
            }
        }
        return result
    }

    /// Lines added and deleted from `old` to `new`, as a multiset difference over the changed paths.
    static func lineCounts(from old: FileTree, to new: FileTree) -> (additions: Int, deletions: Int, files: Int) {
        var additions = 0
        var deletions = 0
        var changed = 0
        for path in Set(old.files.keys).union(new.files.keys) where old.files[path]?.blob != new.files[path]?.blob {
            changed += 1
            var counts: [String: Int] = [:]
            for line in old.files[path]?.content.lines ?? [] { counts[line, default: 0] += 1 }
            for line in new.files[path]?.content.lines ?? [] {
                if let count = counts[line], count > 0 {
                    counts[line] = count - 1
                } else {
                    additions += 1
                }
            }
            deletions += counts.values.reduce(0, +)
        }
        return (additions, deletions, changed)
    }
}
