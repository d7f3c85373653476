import Model

/// The `type(scope)!: ` prefix of a Conventional Commits subject, after any issue-key
/// prefix such as `ABC-12: ` or `[ABC-12] `.
package struct ConventionalCommit: Sendable, Equatable {
    package var type: String
    package var scope: String?

    /// Nil when the subject has no such prefix.
    package init?(subject: String) {
        var text = Substring(subject)
        // Skip a leading issue key: `ABC-12: `, `ABC-12 `, `[ABC-12] `.
        if let space = text.firstIndex(of: " ") {
            let head = text[..<space].trimmingCharacters(in: ["[", "]", ":"])
            if head.contains("-"), head.first?.isLetter == true, head.last?.isNumber == true {
                text = text[text.index(after: space)...]
            }
        }
        guard let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].hasPrefix(" ") else { return nil }
        var head = text[..<colon]
        if head.hasSuffix("!") { head = head.dropLast() }
        var scope: String?
        if let open = head.firstIndex(of: "("), head.hasSuffix(")") {
            scope = String(head[head.index(after: open)..<head.index(before: head.endIndex)])
            head = head[..<open]
        }
        guard !head.isEmpty, head.count <= 12, head.allSatisfy({ $0.isLetter }) else { return nil }
        type = head.lowercased()
        self.scope = scope.map { $0.lowercased() }
    }

    /// What a type says about the category; feature and fix types say nothing.
    package static let typeRules: [(type: String, category: Category, weight: Double)] = [
        ("build", .config, 0.5), ("chore", .maintenance, 0.4), ("ci", .config, 1), ("doc", .docs, 1), ("docs", .docs, 1),
        ("perf", .performance, 1), ("refactor", .maintenance, 0.7), ("style", .maintenance, 1), ("test", .tests, 1),
        ("tests", .tests, 1),
    ]

    /// The category a type (and scope) names when a repository's own types serve as labels
    /// (`classify --evaluate --conventional`; the development set's mapping): nil for types
    /// that name no category (`feat`, `fix`, `refactor`, `chore`, …).
    package var label: Category? {
        if let scope, Self.dependencyScopes.contains(scope) { return .maintenance }
        switch type {
        case "test", "tests": return .tests
        case "doc", "docs": return .docs
        case "perf": return .performance
        case "build", "ci": return .config
        case "style": return .maintenance
        default: return nil
        }
    }

    /// The subject without its `type(scope)!: ` prefix (and any issue key before it), first letter upper-cased.
    package static func strippingPrefix(_ subject: String) -> String {
        guard ConventionalCommit(subject: subject) != nil, let colon = subject.firstIndex(of: ":") else { return subject }
        let rest = subject[subject.index(after: colon)...].drop { $0 == " " }
        return rest.prefix(1).uppercased() + rest.dropFirst()
    }

    /// Scopes that name dependency updates, whatever the type.
    package static let dependencyScopes: Set<String> = ["deps", "deps-dev", "dependencies", "dev-deps"]
}
