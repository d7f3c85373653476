import Model
import Support

/// What a file's path says: its kind (test, docs, config, lock file, migration,
/// vendored or generated) and the categories its folder and file names speak for.
package enum PathRules {
    /// The kinds the shape rules and the size count look at.
    package enum Kind: String, Sendable, CaseIterable {
        case test, docs, config, lockFile, manifest, migration, vendored, generated, source

        /// A bit of its own, for sets of kinds as masks.
        package var bit: Int {
            switch self {
            case .test: 1 << 0
            case .docs: 1 << 1
            case .config: 1 << 2
            case .lockFile: 1 << 3
            case .manifest: 1 << 4
            case .migration: 1 << 5
            case .vendored: 1 << 6
            case .generated: 1 << 7
            case .source: 1 << 8
            }
        }
    }

    /// Lock files: counted neither in size nor as work.
    package static let lockFiles: Set<String> = [
        "cargo.lock", "composer.lock", "flake.lock", "gemfile.lock", "go.sum", "mix.lock", "package-lock.json",
        "package.resolved", "packages.lock.json", "pdm.lock", "pipfile.lock", "pnpm-lock.yaml", "podfile.lock",
        "poetry.lock", "pubspec.lock", "uv.lock", "yarn.lock", "bun.lockb", "bun.lock", "npm-shrinkwrap.json", "go.work.sum",
    ]
    /// Dependency manifests: a change to only these (and lock files) is maintenance.
    package static let manifests: Set<String> = [
        "build.gradle", "build.gradle.kts", "cargo.toml", "composer.json", "gemfile", "go.mod", "package.json",
        "package.swift", "pipfile", "pom.xml", "pubspec.yaml", "pyproject.toml", "requirements.txt", "setup.cfg",
        "setup.py", "mix.exs", "podfile",
    ]
    /// Folders whose contents are someone else's code.
    static let vendoredFolders: Set<String> = [
        "vendor", "node_modules", "third_party", "thirdparty", "third-party", "external", "pods", "carthage",
        "bower_components", ".yarn",
    ]
    /// Of those, the folders no one names for code of their own (`external/` and a generator's
    /// `gen/` may be): what `review` leaves out with the generators' file names.
    static let packageFolders: Set<String> = [
        "vendor", "node_modules", "third_party", "thirdparty", "third-party", "pods", "carthage", "bower_components", ".yarn",
    ]
    /// Folders of build output and generated code.
    static let generatedFolders: Set<String> = ["dist", "generated", "__generated__", "gen", ".next", "coverage"]
    static let generatedSuffixes: [String] = [
        ".min.js", ".min.css", ".map", ".pb.go", "_pb2.py", "_pb2.pyi", "_pb2_grpc.py", ".pb.swift", ".pb.cc", ".pb.h",
        "_pb.js", "_pb.d.ts", ".g.dart", ".freezed.dart", ".designer.cs", "wire_gen.go", ".snap",
    ]
    /// What code generators put in a file's name before its extension, whatever the language:
    /// `schema_generated.ts`, `zz_generated.deepcopy.go`, `api.generated.cs`, `graphql.gen.ts`
    /// (not in a name that starts with `test`: `test_generated.py` tests what was generated).
    static let generatedInfixes: [String] = ["_generated.", ".generated.", ".gen."]
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
    /// Called for every file of every commit, so an ASCII path (nearly all) is read once as lowered
    /// bytes, each folder and the name looked up once in a table of what they are; other paths go
    /// through `unicodeKind(of:)`, which gives the same answer for ASCII paths.
    package static func kind(of path: String) -> Kind {
        kind(of: PathBytes(path))
    }

    /// `kind(of:)` of a path already read as bytes.
    static func kind(of path: PathBytes) -> Kind {
        guard path.isASCII else { return unicodeKind(of: path.text) }
        let bytes = path.lowered
        var folders: FolderKinds = []
        var name: ArraySlice<UInt8> = []
        var start = 0
        for position in 0...bytes.count where position == bytes.count || bytes[position] == UInt8(ascii: "/") {
            if position > start {
                if !name.isEmpty { folders.formUnion(folderKindBytes.value(name) ?? []) }
                name = bytes[start..<position]
            }
            start = position + 1
        }
        guard !name.isEmpty else { return .source }
        if folders.contains(.vendored) { return .vendored }
        if folders.contains(.generated) || generatedSuffixBytes.contains(where: { hasSuffix(name, $0) })
            || (!name.starts(with: "test".utf8) && generatedInfixBytes.contains(where: { contains(name, $0) }))
        {
            return .generated
        }
        let named = nameKindBytes.value(name) ?? []
        if named.contains(.lockFile) { return .lockFile }
        if named.contains(.manifest) { return .manifest }
        if folders.contains(.test) || name.starts(with: "test_".utf8) || name.elementsEqual("conftest.py".utf8)
            || ((contains(name, testWords[0]) || contains(name, testWords[1])) && testMarkers.contains(where: { contains(name, $0) }))
        {
            return .test
        }
        if folders.contains(.migration) || named.contains(.migration) { return .migration }
        let dot = UInt8(ascii: ".")
        let stem = name[..<(name.firstIndex(of: dot) ?? name.endIndex)]
        let ext = name.lastIndex(of: dot).map { name[($0 + 1)...] } ?? []
        let extensionKinds = extensionKindBytes.value(ext) ?? []
        if folders.contains(.docs) || extensionKinds.contains(.docs) || docsNameBytes.value(stem) != nil {
            return .docs
        }
        if folders.contains(.config) || named.contains(.config) || extensionKinds.contains(.config)
            || name.starts(with: "dockerfile".utf8) || name.starts(with: ".eslintrc".utf8) || name.starts(with: ".prettierrc".utf8)
        {
            return .config
        }
        return .source
    }

    /// Whether `bytes` end with `suffix`.
    static func hasSuffix(_ bytes: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool {
        guard bytes.count >= suffix.count else { return false }
        var position = bytes.endIndex - suffix.count
        for byte in suffix {
            guard bytes[position] == byte else { return false }
            position += 1
        }
        return true
    }

    /// A path's bytes as the rules read them, made once per file: ASCII letters lowered, and whether
    /// the path is ASCII (else the rules read its text, as strings).
    struct PathBytes {
        let text: String
        let lowered: [UInt8]
        let isASCII: Bool

        init(_ text: String) {
            var bytes = Array(text.utf8)
            var ascii = true
            for index in bytes.indices {
                let byte = bytes[index]
                if byte >= 65 && byte <= 90 { bytes[index] = byte + 32 } else if byte >= 0x80 { ascii = false }
            }
            self.text = text
            lowered = bytes
            isASCII = ascii
        }
    }

    /// What a folder, a file name or an extension can say about a file's kind (several at once).
    struct FolderKinds: OptionSet, Sendable {
        let rawValue: UInt8
        static let vendored = FolderKinds(rawValue: 1)
        static let generated = FolderKinds(rawValue: 2)
        static let test = FolderKinds(rawValue: 4)
        static let migration = FolderKinds(rawValue: 8)
        static let docs = FolderKinds(rawValue: 16)
        static let config = FolderKinds(rawValue: 32)
        static let lockFile = FolderKinds(rawValue: 64)
        static let manifest = FolderKinds(rawValue: 128)
    }

    /// The folder sets as one table: one lookup per folder.
    static let folderKinds: [String: FolderKinds] = table([
        (vendoredFolders, .vendored), (generatedFolders, .generated), (testFolders, .test), (migrationFolders, .migration),
        (docsFolders, .docs), (configFolders, .config),
    ])
    /// The name sets as one table.
    static let nameKinds: [String: FolderKinds] = table([
        (lockFiles, .lockFile), (manifests, .manifest), (migrationNames, .migration), (configNames, .config),
    ])
    /// The extension sets as one table.
    static let extensionKinds: [String: FolderKinds] = table([(docsExtensions, .docs), (configExtensions, .config)])
    static let generatedSuffixBytes: [[UInt8]] = generatedSuffixes.map { Array($0.utf8) }
    static let generatedInfixBytes: [[UInt8]] = generatedInfixes.map { Array($0.utf8) }
    /// The tables by bytes (every name in them is ASCII, as a test checks).
    static let folderKindBytes = ByteTable(folderKinds)
    static let nameKindBytes = ByteTable(nameKinds)
    static let extensionKindBytes = ByteTable(extensionKinds)
    static let docsNameBytes = ByteTable(Dictionary(uniqueKeysWithValues: docsNames.map { ($0, true) }))

    private static func table(_ sets: [(Set<String>, FolderKinds)]) -> [String: FolderKinds] {
        var table: [String: FolderKinds] = [:]
        for (names, kinds) in sets {
            for name in names { table[name, default: []].formUnion(kinds) }
        }
        return table
    }

    /// `kind(of:)` on strings, for paths that are not ASCII.
    static func unicodeKind(of path: String) -> Kind {
        let lower = asciiLowercased(path)
        let components = lower.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
        guard let name = components.last else { return .source }
        let folders = components.dropLast()
        if folders.contains(where: vendoredFolders.contains) { return .vendored }
        if folders.contains(where: generatedFolders.contains) || generatedSuffixes.contains(where: name.hasSuffix)
            || (!name.hasPrefix("test") && generatedInfixes.contains(where: { name.contains($0) }))
        {
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

    /// What every test marker holds: a name with neither has none.
    static let testWords: [[UInt8]] = [Array("test".utf8), Array("spec".utf8)]
    static let testMarkers: [[UInt8]] = [
        ".test.", ".spec.", "_test.", "_spec.", "tests.swift", "test.swift", "test.java", "test.kt", "tests.cs", "test.cs",
    ].map { Array($0.utf8) }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        contains(haystack[...], needle)
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        ByteSearch.contains(haystack, needle)
    }

    /// ASCII letters lowered, everything else kept (paths are matched against ASCII names).
    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Web frameworks' routing files and folders (`routes.rb`, `routes/`, `urls.py`, `router.ts`): request routing, crud.
    static let webRoutingNames: Set<String> = ["routers", "routes", "urls", "router"]
    /// Whether an ASCII path's lowered bytes may name a routing file: most hold neither "rout" nor
    /// "urls", which every `webRoutingNames` member holds, and so are not one.
    static func mayNameRouting(_ lowered: [UInt8]) -> Bool {
        contains(lowered, routingMarkers[0]) || contains(lowered, routingMarkers[1])
    }

    /// What every `webRoutingNames` member holds.
    static let routingMarkers: [[UInt8]] = [Array("rout".utf8), Array("urls".utf8)]
    /// Words that speak for crud as a web framework's routing, and for nothing when a domain module uses them.
    static let routingWords: Set<String> = ["route", "router", "routes"]

    /// Path words whose rules depend on the component they stand in (`inContext`).
    static let contextWords: Set<String> = routingWords.union(["index"])
    /// The ids of the terms that are context words (a plural's match is its singular's): a path word is
    /// told by its id, with no string hashed per word.
    static let contextWordIDs: [Int] = WordRules.entries.values.compactMap(\.match).filter { contextWords.contains($0.term) }
        .map(\.id)

    /// Whether a path word's rules depend on its component: its term is one of `contextWords`.
    static func isContextWord(_ match: WordRules.Match) -> Bool {
        contextWordIDs.contains(match.id)
    }

    /// A path word's rules where it stands. Routing words count for crud only as a web framework's
    /// routing file or folder; in a domain module (`lib/routing/route_optimizer.rb`, `scheduler/`)
    /// a route is something the code computes, and the module's other words decide. `index` counts
    /// for a migration beside other words (`add_index_to_users.rb`) or as SQL, not as a file or
    /// folder named just that: `index.ts`, `index.html`, `Header/index.jsx` are a module's entry or
    /// a page, `search/index/` a search index. `component` is a folder or a file's stem, `path` the file.
    static func inContext(
        _ term: String, component: String, path: String, rules: [(category: Category, weight: Double)]
    ) -> [(category: Category, weight: Double)] {
        if term == "index" {
            guard asciiLowercased(component) == "index", !asciiLowercased(path).hasSuffix(".sql") else { return rules }
            return rules.filter { $0.category != .migration }
        }
        guard routingWords.contains(term) else { return rules }
        return webRoutingNames.contains(asciiLowercased(component)) ? rules : rules.filter { $0.category != .crud }
    }

    /// The routing name a path stands in (`routes.rb` → `routes`, `src/routes/users.ts` → `routes/`), if any.
    static func webRoutingStem(_ path: String) -> String? {
        if path.allUTF8Bytes({ $0 < 0x80 }) {
            var bytes = Array(path.utf8)
            for index in bytes.indices where bytes[index] >= 65 && bytes[index] <= 90 { bytes[index] += 32 }
            guard mayNameRouting(bytes) else { return nil }
        }
        let components = asciiLowercased(path).split(separator: "/").map(String.init)
        guard let name = components.last else { return nil }
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        if webRoutingNames.contains(stem) { return name }
        return components.dropLast().last { webRoutingNames.contains($0) }.map { $0 + "/" }
    }

    /// The layers of a web application's resource, by the words that name their folders and files
    /// (`models/`, `serializers.py`, `OrderController.java`, `customer.repository.ts`), singular and
    /// plural as one. A change to two or more of them is CRUD work on the resource (Classifier, shape).
    static let resourceLayers: [String: String] = [
        "controller": "controller", "controllers": "controller", "dao": "repository", "endpoint": "endpoint",
        "endpoints": "endpoint", "entities": "model", "entity": "model", "handler": "handler", "handlers": "handler",
        "model": "model", "models": "model", "repositories": "repository", "repository": "repository",
        "router": "routes", "routers": "routes", "routes": "routes", "serializer": "serializer",
        "serializers": "serializer", "urls": "routes", "view": "view", "views": "view",
    ]
    static let resourceLayerBytes = ByteTable(resourceLayers)

    /// Whether a file is someone else's package or a generator's output by its name alone (a folder
    /// `review` leaves out, `packageFolders`, or a generated file name): `review` reads the rest,
    /// hand-written code in a `gen/` or `external/` folder too.
    package static func isPackageOrGeneratedName(_ path: String) -> Bool {
        let components = asciiLowercased(path).split(separator: "/").map(String.init)
        guard let name = components.last else { return false }
        if components.dropLast().contains(where: packageFolders.contains) { return true }
        return generatedSuffixes.contains(where: name.hasSuffix)
            || (!name.hasPrefix("test") && generatedInfixes.contains(where: { name.contains($0) }))
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
