import Testing
@testable import Classification

@Suite("Tables looked up by bytes")
struct ByteTableTests {
    @Test("a key is found by its bytes wherever they sit; others are not; non-ASCII keys are set aside")
    func lookup() {
        let table = ByteTable(["src": 1, "lib": 2, "": 3, "café": 4])
        let bytes = Array("a/src/lib".utf8)
        #expect(table.value(bytes[2..<5]) == 1)
        #expect(table.value(bytes[6..<9]) == 2)
        #expect(table.value(bytes[0..<0]) == 3)
        #expect(table.value(bytes[0..<1]) == nil)
        #expect(table.value(bytes[2..<4]) == nil)
        #expect(table.hasOtherKeys)
        #expect(!ByteTable(["a": 1]).hasOtherKeys)
    }

    @Test("the classifier's tables looked up by bytes are all ASCII, so bytes and strings agree")
    func tablesAreASCII() {
        #expect(!WordRules.entryTable.hasOtherKeys)
        #expect(!PathRules.folderKindBytes.hasOtherKeys)
        #expect(!PathRules.nameKindBytes.hasOtherKeys)
        #expect(!PathRules.extensionKindBytes.hasOtherKeys)
        #expect(!PathRules.docsNameBytes.hasOtherKeys)
    }
}

@Suite("Shortcuts of the byte-level reads")
struct ByteShortcutTests {
    @Test("every test marker holds \"test\" or \"spec\", every routing name \"rout\" or \"urls\"")
    func markers() {
        for marker in PathRules.testMarkers {
            #expect(PathRules.testWords.contains { PathRules.contains(marker, $0) })
        }
        for name in PathRules.webRoutingNames {
            #expect(PathRules.mayNameRouting(Array(name.utf8)))
        }
    }

    @Test("a pair is found by its two words and the separator, without joining them")
    func pairs() {
        let table = ByteTable(["cache_invalidation": 7, "a_b": 1])
        let bytes = Array("cache invalidation a b".utf8)
        #expect(table.value(bytes[0..<5], UInt8(ascii: "_"), bytes[6..<18]) == 7)
        #expect(table.value(bytes[19..<20], UInt8(ascii: "_"), bytes[21..<22]) == 1)
        #expect(table.value(bytes[19..<20], UInt8(ascii: "-"), bytes[21..<22]) == nil)
        #expect(table.value(bytes[0..<5], UInt8(ascii: "_"), bytes[6..<17]) == nil)
    }

    @Test("kinds, stems and words of unusual paths read on bytes as on strings")
    func unusualPaths() {
        let paths = [
            "", "/", "a//b/", ".gitignore", "foo.", "a..b.c", "...", "src/routes.rb", "src/Routes/users.ts",
            "app/urls.py", "lib/routing/route_optimizer.rb", "Tests/FooTests.swift", "pkg/foo_test.go", "web/app.min.js",
            "docs/README.md", "Dockerfile.prod", "db/migrate/001.sql", "node_modules/x/index.js", "CHANGELOG",
            "web/Schema_Generated.TS", "a.gen.", ".gen.", "x/_generated.", "src/index.ts", "Header/Index.jsx",
        ]
        for path in paths {
            #expect(PathRules.kind(of: path) == PathRules.unicodeKind(of: path), "\(path)")
            var ranges: [Range<Int>] = []
            let bytes = Array(path.utf8)
            Classifier.componentRanges(bytes, into: &ranges)
            let viaBytes = ranges.map { WordRules.asciiWords(in: String(decoding: bytes[$0], as: UTF8.self)) }
            #expect(viaBytes == Classifier.components(path).map { WordRules.words(in: $0) }, "\(path)")
        }
    }
}
