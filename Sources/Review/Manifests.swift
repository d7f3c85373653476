import Foundation
import Support

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

    /// Reads a manifest's lines in order and names the dependencies each declares, as written.
    ///
    /// A dependency list may sit on one line (`"dependencies": { "react": "^18.2.0" }`, a whole
    /// `package.json` on one line, PEP 621's `dependencies = ["httpx>=0.25", "pydantic>=2"]`) or
    /// spread over many. What a line opens (a JSON object, a TOML table or array) says what the lines
    /// after it hold; a line read without the lines before it (an added line of a diff) is judged by
    /// its own shape: a JSON entry with a version for a value, a TOML `name = "1.2"`, a line of
    /// quoted requirements.
    package struct Reader {
        package let kind: Kind
        /// JSON: the keys of the objects and arrays open around the line, innermost last (empty: not known).
        private var open: [String] = []
        /// TOML: the table the line is in (nil: not known).
        private var table: String?
        /// TOML: whether an open array holds dependencies (nil: no array known to be open).
        private var array: Bool?

        package init(kind: Kind) {
            self.kind = kind
        }

        /// The dependencies `line` declares, in the order written.
        package mutating func dependencies(in line: some StringProtocol) -> [String] {
            let text = String(line)
            switch kind {
            case .npm, .composer: return json(text)
            case .pyproject, .cargo: return toml(text)
            default: return Manifests.dependency(in: text, kind: kind).map { [$0] } ?? []
            }
        }

        /// Forgets what the lines read so far opened: the next line does not follow them.
        package mutating func forget() {
            open = []
            table = nil
            array = nil
        }

        // MARK: JSON

        private mutating func json(_ line: String) -> [String] {
            var names: [String] = []
            let bytes = Array(line.utf8)
            var index = 0
            var string: String?  // the last string read, a key if a colon follows
            var key: String?  // the key whose value comes next
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    let (value, end) = Manifests.jsonString(bytes, from: index)
                    index = end
                    if let name = key {
                        key = nil
                        if isDependency(name, value) { names.append(name) }
                    } else {
                        string = value
                    }
                    continue
                case UInt8(ascii: ":"):
                    key = string
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    open.append(key ?? "")
                    key = nil
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !open.isEmpty { open.removeLast() }
                    key = nil
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    index += 1
                    continue  // a key keeps its colon across spaces
                default:
                    key = nil  // a comma, or a number, true, false or null for a value
                }
                string = nil
                index += 1
            }
            return names
        }

        /// An entry of an object of dependencies, or, where the object is not known, an entry shaped like one.
        private func isDependency(_ name: String, _ value: String) -> Bool {
            guard !jsonKeys.contains(name), Manifests.first(jsonName, in: name) != nil else { return false }
            if let object = open.last { return jsonSections.contains(object) }
            return Manifests.first(jsonVersion, in: value) != nil
        }

        // MARK: TOML

        private mutating func toml(_ line: String) -> [String] {
            let (strings, rest) = Manifests.tomlStrings(line)
            let shape = rest.trimmingCharacters(in: .whitespaces)
            guard !shape.isEmpty || !strings.isEmpty else { return [] }
            if let dependencies = array {
                // Inside an array: its elements, until it closes.
                if shape.contains("]") { array = nil }
                return dependencies ? requirements(strings) : []
            }
            if let header = Manifests.first(tomlHeader, in: shape) {
                table = header[1].trimmingCharacters(in: .whitespaces)
                return []
            }
            if let assignment = Manifests.first(tomlArray, in: shape) {
                let key = assignment[1]
                let closed = shape.hasSuffix("]")
                if kind == .pyproject && holdsDependencies(key) {
                    if !closed { array = true }
                    return requirements(strings)
                }
                guard kind == .pyproject, table == nil, !tomlKeys.contains(key.lowercased()) else {
                    if !closed { array = false }
                    return []
                }
                // An array whose table is not known (an optional group's, or a tool's setting): the lines of a
                // longer one are judged as they come; on one line, requirements, one with a version, are dependencies.
                let names = requirements(strings)
                let versioned = strings.contains { $0.contains { "<>=~!^".contains($0) } }
                return closed && versioned && names.count == strings.count ? names : []
            }
            if let entry = Manifests.first(tomlEntry, in: line.trimmingCharacters(in: .whitespaces)) {
                let name = entry[1]
                guard !tomlKeys.contains(name.lowercased()) else { return [] }
                if let table { return Self.isDependencyTable(table) ? [name] : [] }
                return [name]
            }
            if let table, Self.isDependencyTable(table), let entry = Manifests.first(tomlAnyEntry, in: shape),
                !tomlKeys.contains(entry[1].lowercased())
            {
                return [entry[1]]
            }
            // Elements of an array opened before what was read: quoted requirements, commas and the closing bracket.
            guard kind == .pyproject, table == nil, shape.allSatisfy({ $0 == "," || $0 == "]" || $0 == " " || $0 == "\t" })
            else { return [] }
            return requirements(strings)
        }

        /// Whether an array `key = [...]` in the current table lists dependencies (PEP 621's and PEP 735's
        /// lists, optional groups, build requirements, the tools' development dependencies).
        private func holdsDependencies(_ key: String) -> Bool {
            let key = key.lowercased()
            if key == "dependencies" || key == "requires" || key.hasSuffix("-dependencies") { return true }
            guard let table else { return false }
            return table == "project.optional-dependencies" || table == "dependency-groups"
                || table.hasSuffix(".dev-dependencies")
        }

        /// A table of `name = version` entries: Cargo's (`[dependencies]`, `[target.….dev-dependencies]`,
        /// `[workspace.dependencies]`) and Poetry's (`[tool.poetry.group.dev.dependencies]`).
        private static func isDependencyTable(_ table: String) -> Bool {
            ["dependencies", "dev-dependencies", "build-dependencies"].contains {
                table == $0 || table.hasSuffix("." + $0)
            }
        }

        /// The package names of PEP 508 requirement strings (others left out).
        private func requirements(_ strings: [String]) -> [String] {
            strings.compactMap { Manifests.first(pep508, in: $0.trimmingCharacters(in: .whitespaces))?[1] }
        }
    }

    /// The dependency a line of a line-per-entry manifest declares, as written (nil for other lines and
    /// for JSON and TOML manifests, which `Reader` reads).
    static func dependency(in line: String, kind: Kind) -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.hasPrefix("#"), !text.hasPrefix("//") else { return nil }
        switch kind {
        case .npm, .composer, .pyproject, .cargo:
            return nil
        case .pip:
            guard !text.hasPrefix("-"), let match = first(requirement, in: text) else { return nil }
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

    /// Every dependency a whole manifest's text declares, as written, in order.
    package static func dependencies(in text: String, kind: Kind) -> [String] {
        var reader = Reader(kind: kind)
        return text.split(whereSeparator: \.isNewline).flatMap { reader.dependencies(in: $0) }
    }

    /// Every dependency the manifest texts declare, normalised, per ecosystem; plus the modules they name
    /// themselves (a Go module, the packages of a JavaScript workspace).
    package static func declared(_ manifests: [String: String]) -> [Language: Set<String>] {
        var result: [Language: Set<String>] = [:]
        for (path, text) in manifests {
            guard let kind = kind(of: path) else { continue }
            for name in ownNames(in: text, kind: kind) {
                result[kind.language, default: []].insert(normalise(name, kind.language))
            }
            var reader = Reader(kind: kind)
            for line in text.split(whereSeparator: \.isNewline) {
                for name in reader.dependencies(in: line) {
                    result[kind.language, default: []].insert(normalise(name, kind.language))
                }
                if kind == .gomod, line.hasPrefix("module "), let module = line.split(separator: " ").dropFirst().first {
                    result[.go, default: []].insert(String(module))
                }
            }
        }
        return result
    }

    /// The packages the manifests name as their own (`ownNames`), normalised, per ecosystem.
    package static func ownPackages(_ manifests: [String: String]) -> [Language: Set<String>] {
        var result: [Language: Set<String>] = [:]
        for (path, text) in manifests {
            guard let kind = kind(of: path) else { continue }
            for name in ownNames(in: text, kind: kind) { result[kind.language, default: []].insert(normalise(name, kind.language)) }
        }
        return result
    }

    /// The names a manifest gives its own package, which code imports without declaring them:
    /// - a package.json's top-level `"name"`: the packages of a monorepo's workspace (npm's and Yarn's
    ///   `workspaces`, `pnpm-workspace.yaml`) import each other by it (`import { Button } from "@acme/ui"`),
    ///   which no dependency list need hold; any package.json of the tree counts, whichever tool lists the workspace;
    /// - a Cargo.toml's `[package]` and `[lib]` `name`: a crate's integration tests, examples and benches
    ///   `use` it by that name (`use my_core::parse`, the `-` read as `_`).
    /// Other manifests name nothing here.
    package static func ownNames(in text: String, kind: Kind) -> [String] {
        switch kind {
        case .npm: packageJSONName(in: text).map { [$0] } ?? []
        case .cargo: crateNames(in: text)
        default: []
        }
    }

    /// The `name` of a Cargo.toml's `[package]` and `[lib]` tables.
    private static func crateNames(in text: String) -> [String] {
        var names: [String] = []
        var section = ""
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                section = trimmed.filter { $0 != " " }
            } else if section == "[package]" || section == "[lib]", trimmed.hasPrefix("name"),
                let equals = trimmed.firstIndex(of: "="), trimmed[..<equals].trimmingCharacters(in: .whitespaces) == "name"
            {
                let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                guard let quote = value.first, quote == "\"" || quote == "'",
                    let end = value.dropFirst().firstIndex(of: quote)
                else { continue }
                let name = String(value[value.index(after: value.startIndex)..<end])
                if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                    names.append(name)
                }
            }
        }
        return names
    }

    /// A package.json's top-level `"name"`, nil when it has none or is no JSON.
    private static func packageJSONName(in text: String) -> String? {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a byte-order mark, as some editors save
        // A file that is not JSON (a template, a merge conflict left in) names nothing.
        guard case .object(let members)? = try? JSONValue.parse(bytes), case .string(let name)? = members["name"],
            first(jsonName, in: name) != nil
        else { return nil }
        return name
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
    /// JSON objects whose entries are dependencies (npm's, Composer's).
    private static let jsonSections: Set<String> = [
        "dependencies", "devDependencies", "peerDependencies", "optionalDependencies", "require", "require-dev",
    ]
    private static let jsonName = regex(#"^@?[a-z0-9][a-z0-9._\-]*(?:/[a-z0-9][a-z0-9._\-]*)?$"#)
    /// What an npm or Composer version starts with, for an entry outside a known object.
    private static let jsonVersion = regex(#"^(?:[~^<>=v*]|\d|latest|workspace:|npm:|file:|git|https?:|dev-)"#)
    private static let requirement = regex(#"^([A-Za-z0-9][A-Za-z0-9._\-]*)\s*(?:\[[^\]]*\])?\s*(?:(?:==|>=|<=|~=|!=|<|>|===)\s*[^\s;#]+.*)?(?:\s*;.*)?(?:\s+#.*)?$"#)
    /// A PEP 508 requirement inside a TOML string: name, extras, versions or a URL, markers.
    private static let pep508 = regex(#"^([A-Za-z0-9][A-Za-z0-9._\-]*)\s*(?:\[[^\]]*\])?\s*(?:(?:===|[<>=!~^]=?)\s*[^;@]*|@\s*\S.*)?\s*(?:;.*)?$"#)
    /// TOML, on a line without its strings and comment: a table header, an array assigned, any entry.
    private static let tomlHeader = regex(#"^\[\[?\s*([A-Za-z0-9_\-][^\[\]]*)\]\]?$"#)
    private static let tomlArray = regex(#"^([A-Za-z0-9_\-.]+)\s*=\s*\["#)
    private static let tomlAnyEntry = regex(#"^([A-Za-z0-9][A-Za-z0-9_\-]*)\s*=\s*(?:\{|$)"#)
    /// TOML, on the whole line: `name = "1.2"` or `name = { version = … }`.
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

    /// The text of the JSON string whose opening quote is at `start`, and the index after its closing quote.
    static func jsonString(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var text: [UInt8] = []
        var index = start + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
            text.append(bytes[index])
            index += 1
        }
        return (String(decoding: text, as: UTF8.self), min(index + 1, bytes.count))
    }

    /// A TOML line's strings (basic and literal), and the line without them and without its comment.
    static func tomlStrings(_ line: some StringProtocol) -> (strings: [String], rest: String) {
        var strings: [String] = []
        var rest = ""
        var quote: Character?
        var current = ""
        var escaped = false
        for character in line {
            if let open = quote {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else if character == open {
                    strings.append(current)
                    current = ""
                    quote = nil
                } else {
                    current.append(character)
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                break
            } else {
                rest.append(character)
            }
        }
        return (strings, rest)
    }
}
