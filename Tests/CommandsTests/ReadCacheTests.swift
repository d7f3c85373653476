import Storage
import TestSupport
import Testing

@testable import Commands

@Suite("What a long-lived process keeps between reads")
struct ReadCacheTests {
    @Test("tasks are loaded once while the database is unchanged, and again after another connection commits")
    func reloads() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        let writer = try Database(path: path)
        let reader = try Database(readOnlyPath: path)
        let cache = ReadCache()
        var loads = 0
        func read() throws { _ = try cache.tasks(database: reader) { loads += 1; return [] } }
        try read()
        try read()
        #expect(loads == 1)
        try writer.execute("INSERT INTO repository (root, name) VALUES ('/r', 'r')")
        try read()
        try read()
        #expect(loads == 2)
        #expect(try cache.activities(database: reader).isEmpty)
    }
}
