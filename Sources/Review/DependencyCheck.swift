/// Check 2, first half: dependencies added to a manifest, and a manifest changed without its lock file.
package enum DependencyCheck {
    /// A dependency the unit added: where, and in which ecosystem.
    package struct Added: Sendable, Equatable {
        package var name: String
        package var kind: Manifests.Kind
        package var line: ReviewLine
    }

    /// Every dependency the unit's added manifest lines declare.
    ///
    /// In a JSON manifest an entry appended after the last one gives that one a comma: git shows
    /// it removed and added again. The first line of a run of added lines that ends in a comma,
    /// in a file that lost lines, with a last line without one, is that rewritten entry, not a new one.
    package static func added(_ unit: ReviewUnit) -> [Added] {
        unit.files.flatMap { commit, file -> [Added] in
            guard let kind = Manifests.kind(of: file.path) else { return [] }
            var rewritten: Set<Int> = []
            if kind == .npm || kind == .composer, file.deletedCount > 0 {
                var index = 0
                while index < file.added.count {
                    var end = index
                    while end + 1 < file.added.count, file.added[end + 1].number == file.added[end].number + 1 { end += 1 }
                    let first = file.added[index].text.trimmingCharacters(in: .whitespaces)
                    let last = file.added[end].text.trimmingCharacters(in: .whitespaces)
                    if end > index, first.hasSuffix(","), !last.hasSuffix(",") { rewritten.insert(file.added[index].number) }
                    index = end + 1
                }
            }
            var reader = Manifests.Reader(kind: kind)
            var previous: Int?
            return file.added.flatMap { line -> [Added] in
                // A line that does not follow the one before is read without what that one opened.
                if previous.map({ $0 + 1 }) != line.number { reader.forget() }
                previous = line.number
                let names = reader.dependencies(in: line.text)
                guard !rewritten.contains(line.number) else { return [] }
                return names.map {
                    Added(name: $0, kind: kind, line: ReviewLine(commit: commit, path: file.path, number: line.number, text: line.text))
                }
            }
        }
    }

    package static func run(_ unit: ReviewUnit, _ context: ReviewContext) -> [Finding] {
        var findings: [Finding] = []
        let added = added(unit)
        for dependency in added {
            findings.append(
                Finding(
                    check: .dependencies, rule: "new-dependency", at: dependency.line,
                    reason: "adds the \(dependency.kind.rawValue) package '\(dependency.name)': check that it exists, is maintained "
                        + "and is the one meant (names are easy to hallucinate)",
                    weight: 2))
        }
        // A manifest that gained a dependency while its lock file, present in the tree, was left alone.
        let tree = context.paths
        var reported: Set<String> = []
        for dependency in added where !reported.contains(dependency.line.path) {
            let folder = dependency.line.path.split(separator: "/").dropLast().joined(separator: "/")
            let locks = dependency.kind.lockFiles.map { folder.isEmpty ? $0 : folder + "/" + $0 }
            guard let lock = locks.first(where: tree.contains), !locks.contains(where: unit.touchedPaths.contains) else {
                continue
            }
            reported.insert(dependency.line.path)
            findings.append(
                Finding(
                    check: .dependencies, rule: "lock-file", at: dependency.line,
                    reason: "\(dependency.line.path) changed but \(lock) did not: the build may resolve a different version; "
                        + "regenerate and commit the lock file",
                    weight: 1))
        }
        return findings
    }
}
