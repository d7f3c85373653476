import Foundation
import Model
import Storage
import TestSupport
import Testing

@Suite("Time logs read from several files")
struct ReviewStoreTests {
    static func row(_ author: String, _ task: String, _ hours: Double, date: String = "2026-11-16") -> TimeEntry {
        TimeEntry(date: date, author: author, task: task, hours: hours, activity: .work, estimateHours: nil)
    }

    /// The hours `files` count once read in this order into a fresh database.
    static func hours(_ files: [(String, [TimeEntry])]) throws -> (total: Double, equal: [[String: Int]]) {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = ReviewStore(database: try Database(path: directory.path + "/db.sqlite"))
        var equal: [[String: Int]] = []
        for (source, entries) in files { equal.append(try store.replaceTimeEntries(source: source, with: entries)) }
        return (try store.timeEntries().reduce(0) { $0 + $1.hours }, equal)
    }

    @Test("a row several files hold counts as often as the file that holds it most, whatever the order (probe 28)")
    func orderAndMultiplicity() throws {
        // Alice's morning and afternoon hour on ABC-1 are two equal rows; the lead's export holds one of them.
        let alice = ("alice.csv", [Self.row("alice", "ABC-1", 1), Self.row("alice", "ABC-1", 1)])
        let lead = ("lead.csv", [Self.row("alice", "ABC-1", 1), Self.row("bob", "ABC-2", 2, date: "2026-11-17")])
        let forward = try Self.hours([alice, lead])
        let backward = try Self.hours([lead, alice])
        #expect(forward.total == 4 && backward.total == 4)
        // The note counts the rows of the file just read that the other holds: one, not two.
        #expect(forward.equal == [[:], ["alice.csv": 1]])
        #expect(backward.equal == [[:], ["lead.csv": 1]])
        // The same file read again replaces its own rows.
        #expect(try Self.hours([alice, alice]).total == 2)
    }

    @Test("a re-download spelling the key or the author in another case is the same row (probe 28)")
    func caseOfKeyAndAuthor() throws {
        let first = ("export-1.csv", [Self.row("alice", "ABC-1", 3)])
        let lower = ("export-2.csv", [Self.row("Alice", "abc-1", 3)])
        let result = try Self.hours([first, lower])
        #expect(result.total == 3)
        #expect(result.equal.last == ["export-1.csv": 1])
        // `PR #7` and GitLab's `!7` name one pull request: one row.
        #expect(try Self.hours([("a.csv", [Self.row("ann", "PR #7", 2)]), ("b.csv", [Self.row("ann", "!7", 2)])]).total == 2)
        // Another day, person or number of hours is another row.
        #expect(try Self.hours([first, ("b.csv", [Self.row("bob", "ABC-1", 3)])]).total == 6)
        #expect(try Self.hours([first, ("b.csv", [Self.row("alice", "ABC-1", 2)])]).total == 5)
    }
}
