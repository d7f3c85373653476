import Testing
@testable import Support

@Suite("Gitignore-style globs")
struct GlobTests {
    @Test("a name without a slash matches at any depth, and a matched folder matches its contents",
          arguments: [
            ("*.sql", "db/schema.sql", true), ("*.sql", "schema.sql", true), ("*.sql", "db/schema.sqlx", false),
            ("migrations", "db/migrations/001_init.sql", true), ("migrations/", "db/migrations/x.sql", true),
            ("migrations", "db/migrationsx/a.sql", false), ("package-lock.json", "web/package-lock.json", true),
            ("test_*.py", "pkg/tests/test_x.py", true), ("?.md", "a.md", true), ("?.md", "ab.md", false),
          ])
    func unanchored(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test("a pattern with a slash is anchored at the root",
          arguments: [
            ("src/api", "src/api/users.ts", true), ("src/api", "lib/src/api/users.ts", false),
            ("/docs", "docs/a.md", true), ("/docs", "x/docs/a.md", false), ("src/*.ts", "src/a.ts", true),
            ("src/*.ts", "src/api/a.ts", false), ("db/migrate/*.rb", "db/migrate/001_x.rb", true),
          ])
    func anchored(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test("** spans folders, including none",
          arguments: [
            ("**/vendor/**", "a/b/vendor/x/y.go", true), ("**/vendor/**", "vendor/y.go", true),
            ("src/**/test_*.py", "src/test_a.py", true), ("src/**/test_*.py", "src/a/b/test_a.py", true),
            ("src/**/test_*.py", "lib/a/test_a.py", false), ("a/**", "a/b/c", true), ("**/*.min.js", "x/y/z.min.js", true),
            ("**/*.min.js", "z.min.js", true), ("**/gen/*.go", "gen/a.go", true),
          ])
    func doubleStar(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test("character classes, negation, escapes and an unclosed bracket",
          arguments: [
            ("[0-9]*.sql", "001_init.sql", true), ("[0-9]*.sql", "init.sql", false), ("[!a]x", "bx", true),
            ("[!a]x", "ax", false), ("\\*.md", "*.md", true), ("\\*.md", "a.md", false), ("a[b", "a[b", true),
            ("*", "", false), ("", "a", false),
          ])
    func classes(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test("unicode and spaces in names are plain characters")
    func unicode() {
        #expect(Glob("docs/*.md").matches("docs/über uns.md"))
        #expect(Glob("*über*").matches("x/über.txt"))
    }
}
