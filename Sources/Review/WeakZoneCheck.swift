import Foundation
import Model
import Support

/// Check 1: work in a category where AI helps little, or security-sensitive code (not its tests, docs or lock files).
package enum WeakZoneCheck {
    /// Path words that mark security-sensitive code (whole words of a path, camelCase split).
    static let sensitiveWords: Set<String> = [
        "acl", "auth", "authentication", "authenticator", "authn", "authorization", "authz", "billing",
        "cipher", "credential", "credentials", "crypto", "cryptography", "decrypt", "encrypt", "encryption",
        "keychain", "login", "oauth", "password", "passwords", "payment", "payments", "permission", "permissions",
        "rbac", "secret", "secrets", "signin", "sso", "vault",
    ]

    package static func run(_ unit: ReviewUnit, _ context: ReviewContext) -> [Finding] {
        var findings: [Finding] = []
        if unit.category.zone == .weak {
            let ratio = context.ratios[unit.category].map { "the team's AI/human effort ratio here is \(Format.fixed($0, 2))" }
                ?? "the team has too few tasks here for a ratio"
            findings.append(
                Finding(
                    check: .weakZone, rule: "weak-category", evidence: "category \(unit.category.rawValue)",
                    reason: "weak-zone work (\(unit.category.rawValue)): \(ratio); review the logic, not only the style",
                    weight: 2))
        }
        var seen: Set<String> = []
        for (commit, file) in unit.files
        where !file.added.isEmpty && !seen.contains(file.path) && !unit.testDocAndLockPaths.contains(file.path) {
            guard let word = sensitiveWord(in: file.path) else { continue }
            seen.insert(file.path)
            let ratio = context.ratios[.security].map { " (security work: AI/human ratio \(Format.fixed($0, 2)))" } ?? ""
            findings.append(
                Finding(
                    check: .weakZone, rule: "sensitive-path", commit: commit, file: file.path, line: file.added.first?.number,
                    evidence: file.path,
                    reason: "changes security-sensitive code ('\(word)')\(ratio): check access rules and failure paths",
                    weight: 2))
        }
        return findings
    }

    /// The first sensitive word among the path's words, if any.
    static func sensitiveWord(in path: String) -> String? {
        words(of: path).first { sensitiveWords.contains($0) }
    }

    /// A path's words: split at non-letters and at lower→upper case changes, lower-cased.
    static func words(of path: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in path {
            if !character.isLetter {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
                previousLower = false
                continue
            }
            if character.isUppercase && previousLower {
                words.append(current.lowercased())
                current = ""
            }
            current.append(character)
            previousLower = character.isLowercase
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }
}
