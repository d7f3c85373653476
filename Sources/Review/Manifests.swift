import Foundation

/// Dependency manifests: which files they are, the names a line declares, and their lock files.
package enum Manifests {
    /// The kinds of manifest, by ecosystem.
    package enum Kind: String, Sendable, CaseIterable {
        case npm, pip, pyproject, gomod, cargo, gem, swiftpm, maven, gradle, composer, nuget

        /// The ecosystem whose standard library and package families apply.
        package var language: Language {
            switch self {
            case .npm: .javascript
            case .pip, .pyproject: .python
            case .gomod: .go
            case .cargo: .rust
            case .gem: .ruby
            case .swiftpm: .swift
            case .maven, .gradle: .java
            case .composer: .php
            case .nuget: .csharp
            }
        }

        /// Lock files that go with the manifest in the same folder (none for kinds without a standard one).
        package var lockFiles: [String] {
            switch self {
            case .npm: ["package-lock.json", "yarn.lock", "pnpm-lock.yaml", "npm-shrinkwrap.json", "bun.lockb"]
            case .pyproject: ["poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock"]
            case .gomod: ["go.sum"]
            case .cargo: ["Cargo.lock"]
            case .gem: ["Gemfile.lock"]
            case .swiftpm: ["Package.resolved"]
            case .composer: ["composer.lock"]
            case .nuget: ["packages.lock.json"]
            case .pip, .maven, .gradle: []
            }
        }
    }

    /// The manifest kind of a path, or nil.
    package static func kind(of path: String) -> Kind? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch name {
        case "package.json": return .npm
        case "pyproject.toml": return .pyproject
        case "go.mod": return .gomod
        case "Cargo.toml": return .cargo
        case "Gemfile": return .gem
        case "Package.swift": return .swiftpm
        case "pom.xml": return .maven
        case "build.gradle", "build.gradle.kts": return .gradle
        case "composer.json": return .composer
        default:
            if name.hasPrefix("requirements") && name.hasSuffix(".txt") { return .pip }
            if name.hasSuffix(".csproj") { return .nuget }
            return nil
        }
    }

    /// The dependency a manifest line declares, as written (nil for other lines).
    package static func dependency(in line: String, kind: Kind) -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.hasPrefix("#"), !text.hasPrefix("//") else { return nil }
        switch kind {
        case .npm, .composer:
            guard let match = first(jsonEntry, in: text), !jsonKeys.contains(match[1]) else { return nil }
            return match[1]
        case .pip:
            guard !text.hasPrefix("-"), let match = first(requirement, in: text) else { return nil }
            return match[1]
        case .pyproject:
            if let match = first(quotedRequirement, in: text) { return match[1] }
            if let match = first(tomlEntry, in: text), !tomlKeys.contains(match[1].lowercased()) { return match[1] }
            return nil
        case .cargo:
            guard let match = first(tomlEntry, in: text), !tomlKeys.contains(match[1].lowercased()) else { return nil }
            return match[1]
        case .gomod:
            guard let match = first(goRequire, in: text), match[1] != "go", match[1] != "module" else { return nil }
            return match[1]
        case .gem:
            return first(gem, in: text)?[1]
        case .swiftpm:
            if let match = first(swiftPackageURL, in: text) { return match[1] }
            return first(swiftPackageName, in: text)?[1]
        case .maven:
            return first(artifact, in: text)?[1]
        case .gradle:
            guard let match = first(gradle, in: text) else { return nil }
            return match[1] + ":" + match[2]
        case .nuget:
            return first(packageReference, in: text)?[1]
        }
    }

    /// Every dependency the manifest texts declare, normalised, per ecosystem; plus the modules they name themselves.
    package static func declared(_ manifests: [String: String]) -> [Language: Set<String>] {
        var result: [Language: Set<String>] = [:]
        for (path, text) in manifests {
            guard let kind = kind(of: path) else { continue }
            for line in text.split(whereSeparator: \.isNewline) {
                if let name = dependency(in: String(line), kind: kind) {
                    result[kind.language, default: []].insert(normalise(name, kind.language))
                }
                if kind == .gomod, line.hasPrefix("module "), let module = line.split(separator: " ").dropFirst().first {
                    result[.go, default: []].insert(String(module))
                }
            }
        }
        return result
    }

    /// The name as imports are compared against it: lower case, `-` and `_` alike for Python and Rust.
    package static func normalise(_ name: String, _ language: Language) -> String {
        switch language {
        case .python, .rust: name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
        case .go: name
        default: name.lowercased()
        }
    }

    // MARK: - Patterns

    private static let jsonKeys: Set<String> = [
        "name", "version", "description", "main", "module", "types", "typings", "license", "type", "node", "npm", "php",
        "private", "homepage", "author", "packageManager", "browser", "bin", "engines",
    ]
    private static let tomlKeys: Set<String> = [
        "name", "version", "edition", "authors", "description", "license", "readme", "python", "requires-python",
        "homepage", "repository", "documentation", "keywords", "categories", "build-backend", "rust-version", "publish",
        "workspace", "resolver", "path", "features", "default", "members", "exclude", "include", "packages",
    ]
    private static let jsonEntry = regex(#"^"(@?[a-z0-9][a-z0-9._\-]*(?:/[a-z0-9][a-z0-9._\-]*)?)"\s*:\s*"(?:[~^<>=v*]|\d|latest|workspace:|npm:|file:|git|https?:|dev-)[^"]*"\s*,?$"#)
    private static let requirement = regex(#"^([A-Za-z0-9][A-Za-z0-9._\-]*)\s*(?:\[[^\]]*\])?\s*(?:(?:==|>=|<=|~=|!=|<|>|===)\s*[^\s;#]+.*)?(?:\s*;.*)?(?:\s+#.*)?$"#)
    private static let quotedRequirement = regex(#"^["']([A-Za-z0-9][A-Za-z0-9._\-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~^]=?\s*[^"']*)?["']\s*,?\s*(?:#.*)?$"#)
    private static let tomlEntry = regex(#"^([A-Za-z0-9][A-Za-z0-9_\-]*)\s*=\s*(?:"[\^~<>=*]?\s*\d[^"]*"|\{[^}]*(?:version|git|path)\s*=)"#)
    private static let goRequire = regex(#"^(?:require\s+)?([a-z0-9][\w.\-]*\.[a-z]{2,}[\w.\-/~]*)\s+v\d[^\s]*(?:\s*//.*)?$"#)
    private static let gem = regex(#"^gem\s+['"]([A-Za-z0-9_\-.]+)['"]"#)
    private static let swiftPackageURL = regex(#"\.package\(\s*(?:name:\s*"[^"]*",\s*)?url:\s*"[^"]*/([A-Za-z0-9_.\-]+?)(?:\.git)?/?""#)
    private static let swiftPackageName = regex(#"\.package\(\s*(?:id|name):\s*"([A-Za-z0-9_.\-]+)""#)
    private static let artifact = regex(#"<artifactId>\s*([A-Za-z0-9_.\-]+)\s*</artifactId>"#)
    private static let gradle = regex(#"^(?:implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|kapt|ksp|annotationProcessor|androidTestImplementation)\s*\(?\s*["']([\w.\-]+):([\w.\-]+)(?::[^"']*)?["']"#)
    private static let packageReference = regex(#"<PackageReference\s+Include\s*=\s*"([A-Za-z0-9_.\-]+)""#)

    static func regex(_ pattern: String) -> NSRegularExpression? {
        // The patterns are constants the tests exercise; one that failed to compile would match nothing.
        try? NSRegularExpression(pattern: pattern)
    }

    /// The capture groups of the first match (index 0 the whole match), or nil.
    static func first(_ regex: NSRegularExpression?, in text: String) -> [String]? {
        guard let regex, let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return nil
        }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
