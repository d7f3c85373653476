import Model

/// The `type(scope)!: ` prefix of a Conventional Commits subject, after any issue-key
/// prefix such as `ABC-12: ` or `[ABC-12] `.
package struct ConventionalCommit: Sendable, Equatable {
    package var type: String
    package var scope: String?

    /// Nil when the subject has no such prefix.
    package init?(subject: String) {
        // Nearly every subject is ASCII (and without a carriage return, which Swift joins with a line feed
        // into one character): read on bytes, with the same rules as `init(unicodeSubject:)`.
        let utf8 = subject.utf8
        guard subject.allUTF8Bytes({ $0 < 0x80 && $0 != 0x0D }) else {
            self.init(unicodeSubject: subject)
            return
        }
        guard let (type, scope) = Self.asciiPrefix(Array(utf8)) else { return nil }
        self.init(type: type, scope: scope)
    }

    private init(type: String, scope: String?) {
        self.type = type
        self.scope = scope
    }

    /// `init(subject:)` on an ASCII subject's bytes: the type and scope, lowered.
    private static func asciiPrefix(_ bytes: [UInt8]) -> (type: String, scope: String?)? {
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
        func lowered(_ bytes: ArraySlice<UInt8>) -> String {
            String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var text = bytes[...]
        // Skip a leading issue key: `ABC-12: `, `ABC-12 `, `[ABC-12] `.
        if let space = text.firstIndex(of: UInt8(ascii: " ")) {
            var head = text[..<space]
            let trimmed: (UInt8) -> Bool = { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: ":") }
            while let first = head.first, trimmed(first) { head = head.dropFirst() }
            while let last = head.last, trimmed(last) { head = head.dropLast() }
            if head.contains(UInt8(ascii: "-")), let first = head.first, isLetter(first), let last = head.last,
                last >= 48 && last <= 57
            {
                text = text[(space + 1)...]
            }
        }
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")), colon + 1 < text.endIndex,
            text[colon + 1] == UInt8(ascii: " ")
        else { return nil }
        var head = text[..<colon]
        if head.last == UInt8(ascii: "!") { head = head.dropLast() }
        var scope: String?
        if let open = head.firstIndex(of: UInt8(ascii: "(")), head.last == UInt8(ascii: ")") {
            scope = lowered(head[(open + 1)..<(head.endIndex - 1)])
            head = head[..<open]
        }
        guard !head.isEmpty, head.count <= 12, head.allSatisfy(isLetter) else { return nil }
        return (lowered(head), scope)
    }

    /// `init(subject:)` on characters, for subjects that are not ASCII.
    private init?(unicodeSubject subject: String) {
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
        let utf8 = subject.utf8
        if subject.allUTF8Bytes({ $0 < 0x80 && $0 != 0x0D }) {
            let bytes = Array(utf8)
            guard asciiPrefix(bytes) != nil, let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return subject }
            var rest = bytes[(colon + 1)...].drop { $0 == UInt8(ascii: " ") }
            if let first = rest.first, first >= 97 && first <= 122 { rest[rest.startIndex] = first - 32 }
            return String(decoding: rest, as: UTF8.self)
        }
        guard ConventionalCommit(subject: subject) != nil, let colon = subject.firstIndex(of: ":") else { return subject }
        let rest = subject[subject.index(after: colon)...].drop { $0 == " " }
        return rest.prefix(1).uppercased() + rest.dropFirst()
    }

    /// Scopes that name dependency updates, whatever the type.
    package static let dependencyScopes: Set<String> = ["deps", "deps-dev", "dependencies", "dev-deps"]
}
