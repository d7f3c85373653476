import Model

/// What a file's path says: its kind (test, docs, config, lock file, migration,
/// vendored or generated) and the categories its folder and file names speak for.
package enum PathRules {
    /// The kinds the shape rules and the size count look at.
    package enum Kind: String, Sendable {
        case test, docs, config, lockFile, manifest, migration, vendored, generated, source
    }

    /// Lock files: counted neither in size nor as work.
    package static let lockFiles: Set<String> = [
        "cargo.lock", "composer.lock", "flake.lock", "gemfile.lock", "go.sum", "mix.lock", "package-lock.json",
        "package.resolved", "packages.lock.json", "pdm.lock", "pipfile.lock", "pnpm-lock.yaml", "podfile.lock",
        "poetry.lock", "pubspec.lock", "uv.lock", "yarn.lock", "bun.lockb", "npm-shrinkwrap.json",
    ]
    /// Dependency manifests: a change to only these (and lock files) is maintenance.
    package static let manifests: Set<String> = [
        "build.gradle", "build.gradle.kts", "cargo.toml", "composer.json", "gemfile", "go.mod", "package.json",
        "package.swift", "pipfile", "pom.xml", "pubspec.yaml", "pyproject.toml", "requirements.txt", "setup.cfg",
        "setup.py", "mix.exs", "podfile",
    ]
    /// Folders whose contents are someone else's code.
    static let vendoredFolders: Set<String> = [
        "vendor", "vendors", "node_modules", "third_party", "thirdparty", "third-party", "external", "pods", "carthage",
        "bower_components", ".yarn",
    ]
    /// Folders of build output and generated code.
    static let generatedFolders: Set<String> = ["dist", "generated", "__generated__", "gen", ".next", "coverage"]
    static let generatedSuffixes: [String] = [
        ".min.js", ".min.css", ".map", ".pb.go", "_pb2.py", ".pb.swift", ".g.dart", ".freezed.dart", ".generated.ts",
        ".designer.cs", "_generated.go", ".snap",
    ]
    static let testFolders: Set<String> = [
        "__tests__", "e2e", "spec", "specs", "test", "testdata", "testing", "tests", "uitests", "fixtures",
    ]
    static let docsFolders: Set<String> = ["doc", "docs", "documentation", "man", "wiki"]
    static let docsExtensions: Set<String> = ["adoc", "md", "mdx", "rst", "txt"]
    static let docsNames: Set<String> = ["authors", "changelog", "contributing", "copying", "license", "notice", "readme"]
    static let configFolders: Set<String> = [
        ".buildkite", ".circleci", ".github", ".gitlab", ".husky", "ansible", "charts", "config", "configs", "deploy",
        "deployment", "deployments", "helm", "infra", "k8s", "kubernetes", "terraform",
    ]
    static let configExtensions: Set<String> = ["cfg", "conf", "env", "hcl", "ini", "properties", "tf", "toml", "yaml", "yml"]
    static let configNames: Set<String> = [
        ".dockerignore", ".editorconfig", ".env.example", ".gitattributes", ".gitignore", ".gitlab-ci.yml",
        ".nvmrc", ".tool-versions", ".travis.yml", "docker-compose.yml", "docker-compose.yaml", "dockerfile",
        "jenkinsfile", "makefile", "procfile", "tsconfig.json", "vite.config.ts", "webpack.config.js",
    ]
    static let migrationFolders: Set<String> = ["alembic", "flyway", "liquibase", "migrate", "migration", "migrations"]
    static let migrationNames: Set<String> = ["schema.rb", "schema.sql", "structure.sql", "schema.prisma"]

    /// The kind of a repository-relative path, the first that applies: vendored, generated,
    /// lock file, manifest, test, migration, docs, config, else source.
    ///
    /// Called for every file of every commit, so it works on the path's ASCII-lowered bytes
    /// and set lookups only (Foundation's substring search was most of task building's time).
    package static func kind(of path: String) -> Kind {
        let lower = asciiLowercased(path)
        let components = lower.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
        guard let name = components.last else { return .source }
        let folders = components.dropLast()
        if folders.contains(where: vendoredFolders.contains) { return .vendored }
        if folders.contains(where: generatedFolders.contains) || generatedSuffixes.contains(where: name.hasSuffix) {
            return .generated
        }
        if lockFiles.contains(name) { return .lockFile }
        if manifests.contains(name) { return .manifest }
        if isTest(name: name, folders: folders) { return .test }
        if folders.contains(where: migrationFolders.contains) || migrationNames.contains(name) { return .migration }
        let dot = name.firstIndex(of: ".")
        let stem = dot.map { String(name[..<$0]) } ?? name
        let ext = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
        if folders.contains(where: docsFolders.contains) || docsExtensions.contains(ext) || docsNames.contains(stem) {
            return .docs
        }
        if folders.contains(where: configFolders.contains) || configNames.contains(name)
            || configExtensions.contains(ext) || name.hasPrefix("dockerfile") || name.hasPrefix(".eslintrc")
            || name.hasPrefix(".prettierrc")
        {
            return .config
        }
        return .source
    }

    /// Test files by the conventions of the common ecosystems.
    static func isTest(name: String, folders: ArraySlice<String>) -> Bool {
        if folders.contains(where: testFolders.contains) { return true }
        if name.hasPrefix("test_") || name == "conftest.py" { return true }
        let bytes = Array(name.utf8)
        return testMarkers.contains { contains(bytes, $0) }
    }

    static let testMarkers: [[UInt8]] = [
        ".test.", ".spec.", "_test.", "_spec.", "tests.swift", "test.swift", "test.java", "test.kt", "tests.cs", "test.cs",
    ].map { Array($0.utf8) }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            var index = 1
            while index < needle.count && haystack[start + index] == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }

    /// ASCII letters lowered, everything else kept (paths are matched against ASCII names).
    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Web frameworks' routing files and folders (`routes.rb`, `routes/`, `urls.py`, `router.ts`): request routing, crud.
    static let webRoutingNames: Set<String> = ["routers", "routes", "urls", "router"]
    /// Words that speak for crud as a web framework's routing, and for nothing when a domain module uses them.
    static let routingWords: Set<String> = ["route", "router", "routes"]

    /// A path word's rules where it stands. Routing words count for crud only as a web framework's
    /// routing file or folder; in a domain module (`lib/routing/route_optimizer.rb`, `scheduler/`)
    /// a route is something the code computes, and the module's other words decide.
    static func inContext(
        _ term: String, component: String, isName: Bool, rules: [(category: Category, weight: Double)]
    ) -> [(category: Category, weight: Double)] {
        guard routingWords.contains(term) else { return rules }
        return webRoutingNames.contains(asciiLowercased(component)) ? rules : rules.filter { $0.category != .crud }
    }

    /// The routing name a path stands in (`routes.rb` → `routes`, `src/routes/users.ts` → `routes/`), if any.
    static func webRoutingStem(_ path: String) -> String? {
        let components = asciiLowercased(path).split(separator: "/").map(String.init)
        guard let name = components.last else { return nil }
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        if webRoutingNames.contains(stem) { return name }
        return components.dropLast().last { webRoutingNames.contains($0) }.map { $0 + "/" }
    }

    /// Whether a file counts toward a task's size (METHOD.md, Size).
    package static func countsTowardSize(_ change: FileChange) -> Bool {
        guard !change.isBinary else { return false }
        switch kind(of: change.path) {
        case .lockFile, .vendored, .generated: return false
        default: return true
        }
    }

    /// The categories a file's kind speaks for, before its words.
    static func kindRules(_ kind: Kind) -> [(category: Category, weight: Double)] {
        switch kind {
        case .test: [(.tests, 0.6)]
        case .docs: [(.docs, 1.5)]
        case .config: [(.config, 1.2)]
        case .lockFile, .manifest: [(.maintenance, 1.2)]
        case .migration: [(.migration, 2)]
        case .vendored: [(.maintenance, 0.8)]
        case .generated, .source: []
        }
    }
}
