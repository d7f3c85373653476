import Model

/// Check 2, first half: dependencies added to a manifest, and a manifest changed without its lock file.
package enum DependencyCheck {
    /// A dependency the unit added: where, and in which ecosystem.
    package struct Added: Sendable, Equatable {
        package var name: String
        package var kind: Manifests.Kind
        package var line: ReviewLine
    }

    /// Every dependency the unit's added manifest lines declare that the file did not declare before
    /// the commit: a package among the same file's removed lines (`CommitDiff.File.removed`) had its
    /// version changed, its entry reformatted or moved, or a comma added after it, and is not new.
    package static func added(_ unit: ReviewUnit) -> [Added] {
        unit.files.flatMap { commit, file -> [Added] in
            guard let kind = Manifests.kind(of: file.path) else { return [] }
            let before = Set(declared(file.removed, kind: kind).map { Manifests.normalise($0.name, kind.language) })
            return declared(file.added, kind: kind).compactMap { line, name in
                guard !before.contains(Manifests.normalise(name, kind.language)) else { return nil }
                return Added(name: name, kind: kind, line: ReviewLine(commit: commit, path: file.path, number: line.number, text: line.text))
            }
        }
    }

    /// Every dependency the unit's added manifest lines declare again with other text than a removed line of
    /// the same file gave it: a version changed (`"express": "^4.18.0"` → `"^4.19.2"`), which the lock file
    /// must follow too. Spaces and a trailing comma aside (a reformat, an entry that became the last). Each
    /// dependency's own entry is compared (`entries`), not its whole line: in a manifest written on one line,
    /// an edited script is no version changed.
    package static func changed(_ unit: ReviewUnit) -> [Added] {
        func shape(_ text: Substring) -> String {
            var text = text.filter { !$0.isWhitespace }
            while text.hasSuffix(",") { text.removeLast() }
            return text
        }
        return unit.files.flatMap { commit, file -> [Added] in
            guard let kind = Manifests.kind(of: file.path) else { return [] }
            var before: [String: Set<String>] = [:]
            for (_, entries) in declaredEntries(file.removed, kind: kind) {
                for (name, entry) in entries {
                    before[Manifests.normalise(name, kind.language), default: []].insert(shape(entry))
                }
            }
            return declaredEntries(file.added, kind: kind).flatMap { line, entries in
                entries.compactMap { name, entry in
                    guard let old = before[Manifests.normalise(name, kind.language)], !old.contains(shape(entry)) else { return nil }
                    return Added(name: name, kind: kind, line: ReviewLine(commit: commit, path: file.path, number: line.number, text: line.text))
                }
            }
        }
    }

    /// The dependencies each of a diff's manifest lines declares, with each one's own entry (`entries`).
    static func declaredEntries(
        _ lines: [CommitDiff.Line], kind: Manifests.Kind
    ) -> [(line: CommitDiff.Line, entries: [(name: String, entry: Substring)])] {
        var reader = Manifests.Reader(kind: kind)
        var previous: Int?
        return lines.compactMap { line in
            if previous.map({ $0 + 1 }) != line.number { reader.forget() }
            previous = line.number
            let names = reader.dependencies(in: line.text)
            return names.isEmpty ? nil : (line, entries(of: names, in: line.text))
        }
    }

    /// Each dependency's entry on its line: from where its name is written to where the next one's is, the
    /// last to the first closing bracket after it (`"react": "^18"` of `{"react": "^18"}, "scripts": {…}`).
    /// A name not found as written (an escaped JSON string) has the whole line.
    static func entries(of names: [String], in text: String) -> [(name: String, entry: Substring)] {
        var found: [Range<String.Index>?] = []
        var from = text.startIndex
        for name in names {
            let range = text.range(of: name, range: from..<text.endIndex)
            found.append(range)
            if let range { from = range.upperBound }
        }
        return names.indices.map { index in
            guard let name = found[index] else { return (names[index], text[...]) }
            let nextName = found[(index + 1)...].lazy.compactMap { $0?.lowerBound }.first
            let end = nextName ?? text[name.upperBound...].firstIndex(where: { $0 == "}" || $0 == "]" }) ?? text.endIndex
            return (names[index], text[name.lowerBound..<end])
        }
    }

    /// The dependencies a diff's lines of a manifest declare, each with its line.
    static func declared(_ lines: [CommitDiff.Line], kind: Manifests.Kind) -> [(line: CommitDiff.Line, name: String)] {
        var reader = Manifests.Reader(kind: kind)
        var previous: Int?
        return lines.flatMap { line in
            // A line that does not follow the one before is read without what that one opened.
            if previous.map({ $0 + 1 }) != line.number { reader.forget() }
            previous = line.number
            return reader.dependencies(in: line.text).map { (line, $0) }
        }
    }

    package static func run(_ unit: ReviewUnit, _ context: ReviewContext) -> [Finding] {
        var findings: [Finding] = []
        // A package of the repository itself (a workspace sibling, `"@acme/ui": "workspace:*"`; a crate's path
        // dependency) is no package to look up in a registry.
        let own = { (dependency: Added) in
            let name = Manifests.normalise(dependency.name, dependency.kind.language)
            return context.ownPackages[dependency.kind.language]?.contains(name) == true
        }
        let added = added(unit).filter { !own($0) }
        for dependency in added {
            findings.append(
                Finding(
                    check: .dependencies, rule: "new-dependency", at: dependency.line,
                    reason: "adds the \(dependency.kind.rawValue) package '\(dependency.name)': check that it exists, is maintained "
                        + "and is the one meant (names are easy to hallucinate)",
                    weight: 2))
        }
        // A manifest that gained a dependency, or changed one's version, while its lock file, present in the
        // tree, was left alone.
        let tree = context.paths
        var reported: Set<String> = []
        for dependency in added + changed(unit).filter({ !own($0) }) where !reported.contains(dependency.line.path) {
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
