import Foundation

/// Check 4: abstractions nobody needs yet — an added protocol, interface or abstract class with a
/// single implementation in the tree at the tip; a factory or manager that makes one type; and added
/// lines deleted again within the churn window.
package enum OverEngineeringCheck {
    /// An abstraction an added line declares.
    package struct Candidate: Sendable, Equatable {
        package var name: String
        package var kind: String
        package var line: ReviewLine
    }

    /// The protocols, interfaces and abstract classes the unit's added lines declare.
    package static func candidates(_ unit: ReviewUnit) -> [Candidate] {
        unit.lines.compactMap { line in
            let text = line.text
            switch line.language {
            case .swift:
                return Manifests.first(swiftProtocol, in: text).map { Candidate(name: $0[1], kind: "protocol", line: line) }
            case .java, .kotlin, .csharp, .javascript, .php:
                if let match = Manifests.first(interface, in: text) { return Candidate(name: match[1], kind: "interface", line: line) }
                return Manifests.first(abstractClass, in: text).map { Candidate(name: $0[1], kind: "abstract class", line: line) }
            case .python:
                return Manifests.first(pythonAbstract, in: text).map { Candidate(name: $0[1], kind: "abstract class", line: line) }
            default:
                return nil
            }
        }
    }

    package static func run(_ unit: ReviewUnit, _ context: ReviewContext) -> [Finding] {
        var findings: [Finding] = []
        for candidate in candidates(unit) {
            let implementations = (context.mentions[candidate.name] ?? []).filter { mention in
                implements(mention.text, candidate.name, Language(path: mention.path))
            }
            guard implementations.count == 1, let only = implementations.first else { continue }
            findings.append(
                Finding(
                    check: .overEngineering, rule: "single-implementation", at: candidate.line,
                    reason: "\(candidate.kind) '\(candidate.name)' has one implementation (\(only.path):\(only.line)): "
                        + "use the type directly until a second one exists",
                    weight: 1.5))
        }
        findings += oneTypeFactories(unit)
        // Human tasks too, so that the retro compares how often it fires on AI and on human work.
        if unit.churnedLines >= 10, Double(unit.churnedLines) >= 0.25 * Double(max(unit.linesAdded, 1)) {
            findings.append(
                Finding(
                    check: .overEngineering, rule: "churn",
                    evidence: "\(unit.churnedLines) of \(unit.linesAdded) added lines deleted again",
                    reason: "\(unit.churnedLines) of the \(unit.linesAdded) lines this task added were deleted within 14 days: "
                        + "ask what was not needed",
                    weight: 1.5))
        }
        return findings
    }

    /// `XFactory`/`XManager` types whose added lines construct exactly one type.
    static func oneTypeFactories(_ unit: ReviewUnit) -> [Finding] {
        var findings: [Finding] = []
        for (commit, file) in unit.files where Language(path: file.path).isCode {
            let lines = file.added
            for (index, line) in lines.enumerated() {
                guard let match = Manifests.first(factory, in: line.text) else { continue }
                let name = match[1]
                // The type's added body: until the next added type declaration.
                let rest = lines[(index + 1)...].prefix { Manifests.first(typeDeclaration, in: $0.text) == nil }
                let made = Set(rest.compactMap { Manifests.first(construction, in: $0.text)?[1] }).subtracting([name])
                guard made.count == 1, let type = made.first else { continue }
                findings.append(
                    Finding(
                        check: .overEngineering, rule: "one-type-factory", commit: commit,
                        file: file.path, line: line.number, evidence: line.text,
                        reason: "'\(name)' only ever makes '\(type)': construct it directly, add the indirection when a second type needs it",
                        weight: 1))
            }
        }
        return findings
    }

    /// Whether a line of the tree declares a type that conforms to, implements or subclasses `name`.
    static func implements(_ text: String, _ name: String, _ language: Language) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        let pattern: String
        switch language {
        case .swift: pattern = #"\b(?:class|struct|enum|actor|extension)\s+[\w.]+(?:<[^>]*>)?\s*:[^{]*\b"# + escaped + #"\b"#
        case .python: pattern = #"^\s*class\s+\w+\s*\([^)]*\b"# + escaped + #"\b"#
        case .csharp, .kotlin:
            pattern = #"\b(?:class|struct|object)\s+\w+[^{]*:\s*[^{]*\b"# + escaped + #"\b"#
        default: pattern = #"\b(?:class|enum)\s+\w+[^{]*\b(?:implements|extends)\s+[^{]*\b"# + escaped + #"\b"#
        }
        return Manifests.first(Manifests.regex(pattern), in: text) != nil
    }

    private static let swiftProtocol = Manifests.regex(#"^\s*(?:(?:public|package|internal|private|fileprivate)\s+)?protocol\s+([A-Z]\w*)"#)
    private static let interface = Manifests.regex(#"^\s*(?:(?:export|public|internal|private|protected|default|sealed|fun)\s+)*interface\s+([A-Z]\w*)"#)
    private static let abstractClass = Manifests.regex(#"^\s*(?:(?:export|public|internal|private|protected)\s+)*abstract\s+class\s+([A-Z]\w*)"#)
    private static let pythonAbstract = Manifests.regex(#"^\s*class\s+([A-Z]\w*)\s*\([^)]*\b(?:ABC|Protocol|metaclass\s*=\s*ABCMeta)\b[^)]*\)"#)
    private static let factory = Manifests.regex(#"\b(?:class|struct|object|enum)\s+(\w+(?:Factory|Manager)\d*)\b"#)
    private static let typeDeclaration = Manifests.regex(#"^\s*(?:(?:export|public|package|internal|private|final|open|abstract|data)\s+)*(?:class|struct|enum|protocol|interface|object)\s+[A-Z]"#)
    private static let construction = Manifests.regex(#"\breturn\s+(?:new\s+)?([A-Z]\w*)\s*[({]"#)
}
