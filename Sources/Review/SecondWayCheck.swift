/// Check 3: a second way of doing what the project already does — a dependency of a family the
/// project already has a member of, and added blocks that closely repeat code already in the tree.
package enum SecondWayCheck {
    package static func run(_ unit: ReviewUnit, _ context: ReviewContext) -> [Finding] {
        var findings: [Finding] = []
        // Dependencies at the tip, by ecosystem and family, without the ones this unit added: a
        // JavaScript front end's HTTP client is no second way beside a Python back end's.
        let added = DependencyCheck.added(unit)
        let addedNames = Set(added.map { $0.name.lowercased() })
        var existing: [Language: [String: Set<String>]] = [:]
        for (path, text) in context.manifests {
            guard let kind = Manifests.kind(of: path) else { continue }
            for name in Manifests.dependencies(in: text, kind: kind).map({ $0.lowercased() }) {
                guard !addedNames.contains(name), let family = PackageFamilies.family(of: name) else { continue }
                existing[kind.language, default: [:]][family, default: []].insert(name)
            }
        }
        for dependency in added {
            guard let family = PackageFamilies.family(of: dependency.name),
                let others = existing[dependency.kind.language]?[family], !others.isEmpty
            else { continue }
            findings.append(
                Finding(
                    check: .secondWay, rule: "second-dependency", at: dependency.line,
                    // The tip is all this check sees: the other may have come before this work or after it.
                    reason: "adds '\(dependency.name)'; the project's tip also has '\(others.sorted().joined(separator: "', '"))', "
                        + "another \(family): two ways of doing one thing, keep one of them",
                    weight: 2))
        }
        findings += RepeatedCode.findings(unit, index: context.sourceIndex, sources: context.sources)
        return findings
    }
}
