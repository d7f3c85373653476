/// Issue keys in subjects and branch names (METHOD.md, grouping rule 1): `ABC-123`
/// style, `#123` and `GH-123` (both as `#123`). Pull-request references are not keys:
/// `Merge pull request #12` and a trailing `(#12)` are rules 2 and 3.
package enum IssueKeys {
    /// Prefixes of `ABC-123` that are standards, algorithms and versions, not trackers.
    static let notProjects: Set<String> = [
        "AES", "ARM", "CP", "CVE", "CWE", "ECMA", "ES", "GHSA", "GPT", "HTTP", "IEC", "IEEE", "IPV", "ISO", "MD", "PEP",
        "PR", "RFC", "RSA", "SHA", "SSL", "TLS", "UCS", "UTF", "WIN", "X",
    ]

    /// The first key in a commit subject, if any (a squash merge's trailing `(#12)` is not one).
    package static func inSubject(_ subject: String) -> String? {
        // `Revert "Merge pull request #12 from org/SHOP-3-x"`, `Revert "Add webhooks (#12)"`: git's
        // revert of a merge or of a squash merge names the reverted pull request, not an issue; the
        // revert is work of its own (often a pull request of its own, its `(#N)` after the quote).
        if subject.hasPrefix("Revert \"") {
            var quoted = Substring(subject)
            while quoted.hasPrefix("Revert \"") { quoted = quoted.dropFirst("Revert \"".count) }
            if let close = quoted.lastIndex(of: "\"") { quoted = quoted[..<close] }
            while quoted.hasSuffix("\"") { quoted = quoted.dropLast() }
            if quoted.hasPrefix("Merge ") || squashNumber(String(quoted)) != nil { return nil }
        }
        var text = Substring(subject)
        if let squash = squashNumber(subject) {
            text = text.dropLast(String(squash).count + 3)  // "(#" + digits + ")"
            while text.hasSuffix(" ") { text = text.dropLast() }
        }
        return keys(in: text, lowercaseProjects: []).first
    }

    /// The first key in a branch name. Lower-case keys (`feat/abc-12-x`) count only for
    /// projects already seen in upper case, so `fix-2-bugs` is not a key.
    package static func inBranch(_ branch: String, knownProjects: Set<String>) -> String? {
        keys(in: Substring(branch), lowercaseProjects: knownProjects).first
    }

    /// The keys a free text names (a prompt): upper-case `ABC-123`, `GH-123` and `#123`, each once,
    /// in order, at most `limit` (a pasted changelog names many and tells nothing).
    package static func inText(_ text: String, limit: Int = 20) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for key in keys(in: Substring(text), lowercaseProjects: []) where seen.insert(key).inserted {
            result.append(key)
            if result.count == limit { break }
        }
        return result
    }

    /// The project part of a key (`ABC` of `ABC-12`), nil for `#12`.
    package static func project(of key: String) -> String? {
        key.hasPrefix("#") ? nil : key.split(separator: "-").first.map(String.init)
    }

    /// The `N` of a squash commit's subject: ending in `(#N)` (GitHub) or `(pull request #N)` (Bitbucket), or
    /// starting `Merged PR N:` (Azure DevOps).
    package static func squashNumber(_ subject: String) -> Int? {
        var text = Substring(subject)
        while text.hasSuffix(" ") { text = text.dropLast() }
        // Azure DevOps squashes as `Merged PR N: title`.
        if text.hasPrefix("Merged PR ") {
            let rest = text.dropFirst("Merged PR ".count)
            let digits = rest.prefix { $0.isASCIIDigit }
            return rest.dropFirst(digits.count).hasPrefix(":") ? Int(digits) : nil
        }
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        var inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        // Bitbucket squashes as `Merged in branch (pull request #N)`.
        if inner.hasPrefix("pull request #") { inner = inner.dropFirst("pull request ".count) }
        guard inner.hasPrefix("#"), inner.count > 1, inner.dropFirst().allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(inner.dropFirst())
    }

    static func keys(in text: Substring, lowercaseProjects: Set<String>) -> [String] {
        // Every key has a `-` or a `#`; most subjects have neither.
        guard text.utf8.contains(where: { $0 == 0x2D || $0 == 0x23 }) else { return [] }
        let characters = Array(text)
        var keys: [String] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let boundary = index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber)
            guard boundary else {
                index += 1
                continue
            }
            if character == "#" {
                var end = index + 1
                while end < characters.count, characters[end].isASCIIDigit { end += 1 }
                if end > index + 1, end == characters.count || !characters[end].isLetter {
                    keys.append("#" + String(characters[(index + 1)..<end]))
                }
                index = end
                continue
            }
            guard character.isASCIILetter else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isASCIILetter || characters[end].isASCIIDigit { end += 1 }
            let project = String(characters[index..<end])
            var digitsEnd = end + 1
            if end < characters.count, characters[end] == "-" {
                while digitsEnd < characters.count, characters[digitsEnd].isASCIIDigit { digitsEnd += 1 }
            }
            let hasNumber = end < characters.count && characters[end] == "-" && digitsEnd > end + 1
                && (digitsEnd == characters.count || !(characters[digitsEnd].isLetter || characters[digitsEnd].isNumber))
            if hasNumber, let key = key(project: project, number: String(characters[(end + 1)..<digitsEnd]), lowercaseProjects) {
                keys.append(key)
                index = digitsEnd
            } else {
                index = end
            }
        }
        return keys
    }

    private static func key(project: String, number: String, _ lowercaseProjects: Set<String>) -> String? {
        let upper = project.uppercased()
        guard project.count >= 2, project.count <= 10, project.first?.isLetter == true else { return nil }
        if upper == "GH" { return "#" + String(Int(number) ?? 0) }
        if notProjects.contains(upper) { return nil }
        if project == upper { return upper + "-" + number }
        return lowercaseProjects.contains(upper) ? upper + "-" + number : nil
    }
}

extension Character {
    package var isASCIIDigit: Bool { isASCII && isNumber }
    package var isASCIILetter: Bool { isASCII && isLetter }
}
