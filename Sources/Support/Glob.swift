/// A gitignore-style path pattern, matched against repository-relative paths with `/`.
///
/// - A pattern without a `/` (other than a trailing one) matches a name at any depth:
///   `*.sql` matches `db/schema.sql`, `migrations` matches `db/migrations/001.sql`.
/// - A pattern with a `/` is anchored at the root (a leading `/` only says so).
/// - `*` and `?` never cross a `/`; `**` does: `**/x`, `a/**`, `a/**/b`.
/// - `[abc]`, `[a-z]` and `[!a]` match one character of (or not of) a set.
/// - A pattern that matches a folder matches everything inside it.
package struct Glob: Sendable, Equatable, CustomStringConvertible {
    package let description: String
    private let characters: [Character]
    private let anchored: Bool

    package init(_ pattern: String) {
        description = pattern
        var text = Substring(pattern)
        while text.hasSuffix("/") { text = text.dropLast() }
        let hasInnerSlash = text.dropFirst().contains("/") || text.hasPrefix("/")
        while text.hasPrefix("/") { text = text.dropFirst() }
        anchored = hasInnerSlash
        characters = Array(text)
    }

    /// Whether the path, or one of the folders it lies in, matches.
    package func matches(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !components.isEmpty, !characters.isEmpty else { return false }
        if anchored {
            // The path itself or any of its leading folders.
            for end in 1...components.count where Self.match(characters[...], Array(components[0..<end].joined(separator: "/"))[...]) {
                return true
            }
            return false
        }
        // Unanchored: any single component (a name), or a suffix of components when the
        // pattern holds `**`.
        for start in components.indices {
            for end in (start + 1)...components.count {
                let candidate = Array(components[start..<end].joined(separator: "/"))
                if Self.match(characters[...], candidate[...]) { return true }
                if !characters.contains("/") { break }
            }
        }
        return false
    }

    /// Classic backtracking match; `**` may span `/`, `*` and `?` may not.
    private static func match(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        while p < pattern.endIndex {
            let c = pattern[p]
            if c == "*" {
                let doubled = p + 1 < pattern.endIndex && pattern[p + 1] == "*"
                if doubled {
                    var rest = p + 2
                    // `**/` also matches zero folders.
                    if rest < pattern.endIndex, pattern[rest] == "/" {
                        rest += 1
                        if match(pattern[rest...], text[t...]) { return true }
                    }
                    var i = t
                    while i < text.endIndex {
                        i += 1
                        if (rest == p + 2 || text[i - 1] == "/") && match(pattern[rest...], text[i...]) { return true }
                    }
                    return rest == pattern.endIndex
                }
                var i = t
                while true {
                    if match(pattern[(p + 1)...], text[i...]) { return true }
                    guard i < text.endIndex, text[i] != "/" else { return false }
                    i += 1
                }
            }
            guard t < text.endIndex else { return false }
            switch c {
            case "?":
                if text[t] == "/" { return false }
                p += 1
            case "[":
                guard let (matched, next) = matchClass(pattern, from: p, character: text[t]) else {
                    // An unclosed `[` is a literal.
                    if text[t] != "[" { return false }
                    p += 1
                    t += 1
                    continue
                }
                if !matched { return false }
                p = next
            case "\\" where p + 1 < pattern.endIndex:
                if text[t] != pattern[p + 1] { return false }
                p += 2
            default:
                if text[t] != c { return false }
                p += 1
            }
            t += 1
        }
        return t == text.endIndex
    }

    /// Matches one character against `[...]` starting at `start`; nil when the class is not closed.
    private static func matchClass(
        _ pattern: ArraySlice<Character>, from start: Int, character: Character
    ) -> (matched: Bool, next: Int)? {
        var i = start + 1
        var negated = false
        if i < pattern.endIndex, pattern[i] == "!" || pattern[i] == "^" {
            negated = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            let c = pattern[i]
            if c == "]" && !first { return (matched != negated && character != "/", i + 1) }
            first = false
            if i + 2 < pattern.endIndex, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                if c <= character && character <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if c == character { matched = true }
                i += 1
            }
        }
        return nil
    }
}
