/// A source file's language, by its extension.
package enum Language: String, Sendable, CaseIterable {
    case swift, python, javascript, go, rust, ruby, java, kotlin, csharp, php, shell, other

    package init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        switch ext {
        case "swift": self = .swift
        case "py", "pyi": self = .python
        case "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts": self = .javascript
        case "go": self = .go
        case "rs": self = .rust
        case "rb", "rake": self = .ruby
        case "java": self = .java
        case "kt", "kts": self = .kotlin
        case "cs": self = .csharp
        case "php": self = .php
        case "sh", "bash", "zsh": self = .shell
        default: self = name == "Rakefile" ? .ruby : .other
        }
    }

    /// Whether it is code (not data, docs or configuration).
    package var isCode: Bool { self != .other }

    /// Whether a line holds only a comment (`//`, `/*`, a block comment's `*` lines, `#`, as the
    /// language writes them); a line of a file that is not code is none.
    package func isComment(_ line: some StringProtocol) -> Bool {
        let text = line.drop { $0 == " " || $0 == "\t" }
        let slashes = text.hasPrefix("//") || text.hasPrefix("/*") || text.hasPrefix("*/")
            || (text.hasPrefix("*") && (text.count == 1 || text.dropFirst().first == " "))
        switch self {
        case .python, .ruby, .shell: return text.hasPrefix("#")
        case .php: return slashes || (text.hasPrefix("#") && !text.hasPrefix("#["))  // `#[…]`: an attribute
        case .swift, .javascript, .go, .rust, .java, .kotlin, .csharp: return slashes
        case .other: return false
        }
    }
}
