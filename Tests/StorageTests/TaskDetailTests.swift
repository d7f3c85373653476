import Foundation
import Model
import Storage
import Support
import TestSupport
import Testing

/// A task's stored detail is written by hand (`WorkTask.storedDetail`) for speed; these hold it
/// byte for byte to what `JSONEncoder` with sorted keys writes for its `StoredTaskDetail` (what
/// `TaskStore.tasks()` decodes), and a task equal to itself through the store, detail and columns.
@Suite("A task's stored detail")
struct TaskDetailTests {
    private static func encoded(_ task: WorkTask) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(StoredTaskDetail(task))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every optional set, texts with every character JSON escapes, non-ASCII and slashes.
    private static var everyField: WorkTask {
        var awkward = ""
        for value in 0..<0x21 { awkward.unicodeScalars.append(Unicode.Scalar(value)!) }
        awkward += "/\\\"é\u{7f}\u{2028}😀 </script>"
        var task = TaskStoreTests.sample(repositories: ["/r/é"])[5]
        task.title = awkward
        task.branch = "feature/" + awkward
        task.classificationNote = awkward
        task.aiLabel = false
        task.weakLinksOnly = true
        task.aiTools = ["claude-code", awkward]
        task.aiReasons = [awkward]
        task.pullRequest = 12
        task.reviewRounds = 0
        task.changeRequests = 3
        task.reviewComments = 7
        task.firstReviewWaitHours = -0.0
        task.mergeWaitHours = 1e-9
        task.reviewerHours = 1e300
        task.estimateHours = 12345678.5
        task.evidence = [Evidence(family: "path", detail: awkward, category: .security, weight: 0.1 + 0.2)]
        task.commits[0].rework = awkward
        task.commits[0].subject = awkward
        task.sessions = [WorkTask.TaskSession(tool: "aider", id: awkward, reason: awkward, evidence: .key, activeSeconds: -5)]
        return task
    }

    @Test("equals JSONEncoder's sorted-key output for tasks with and without every optional field")
    func equalsEncoder() {
        let tasks = TaskStoreTests.sample(repositories: ["/a", "/b"]) + [Self.everyField]
        for task in tasks {
            #expect(task.storedDetail == Self.encoded(task), "task \(task.id)")
        }
        #expect(Self.everyField.storedDetail?.contains("\\/script") == true)
    }

    @Test("writes numbers of every magnitude as JSONEncoder does")
    func numbers() {
        var generator = SplitMix(seed: 7)
        var task = Self.everyField
        var weights: [Double] = [0, -0.0, 1, -1, 1e15, 1e16, 9_007_199_254_740_993, 1e-5, 5e-324, .greatestFiniteMagnitude, 0.5]
        while weights.count < 3000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            weights.append(value)
            // Values near everyday figures too: whole and fractional hours, large and small.
            weights.append(Double(Int64(bitPattern: generator.next()) % 10_000_000) / [1, 4, 1000, 3][weights.count % 4])
        }
        task.evidence = weights.map { Evidence(family: "shape", detail: "", category: .crud, weight: $0) }
        task.effortHours = weights[weights.count / 2]
        #expect(task.storedDetail == Self.encoded(task))
    }

    @Test("is nil for a figure JSON cannot hold, where the encoder throws, and for one a column cannot")
    func nonFinite() {
        var task = Self.everyField
        task.confidence = .nan
        #expect(task.storedDetail == nil)
        task.confidence = 0.5
        task.reviewerHours = .infinity
        #expect(task.storedDetail == nil)
        task.reviewerHours = nil
        task.commits[0].effortHours = .infinity
        #expect(task.storedDetail == nil)
    }

    @Test("a task reads back from its row equal to itself: every field from the detail or a column")
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        for root in ["/a", "/b", "/r/é"] { _ = try CommitStore(database: database).upsertRepository(root: root, origin: nil, name: root) }
        var tasks = TaskStoreTests.sample(repositories: ["/a", "/b"])
        var every = Self.everyField
        // A whole task never carries the figures-only flag (its column is derived).
        every.weakLinksOnly = nil
        every.id = "eeeeeeeeeeee"
        tasks.append(every)
        let store = TaskStore(database: database)
        _ = try store.replaceAll(with: tasks)
        let read = try store.tasks()
        #expect(read.count == tasks.count)
        for task in tasks {
            #expect(read.first { $0.id == task.id } == task, "task \(task.id)")
        }
        // The detail holds none of what the columns hold.
        let detail = try #require(every.storedDetail)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: Any]).keys
        #expect(Set(keys).isDisjoint(with: ["id", "repository", "key", "category", "effortHours", "author", "pullRequest", "branch", "start"]))
    }

    /// The sample tasks of one repository, saved in a database in `directory`.
    private static func storedSample(in directory: TemporaryDirectory) throws -> (Database, TaskStore, [WorkTask]) {
        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try CommitStore(database: database).upsertRepository(root: "/a", origin: nil, name: "a")
        let tasks = TaskStoreTests.sample(repositories: ["/a"])
        let store = TaskStore(database: database)
        _ = try store.replaceAll(with: tasks)
        return (database, store, tasks)
    }

    @Test("a row an earlier build stored, its detail the whole task, reads back the same, and a rebuild rewrites it")
    func earlierDetail() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (database, store, tasks) = try Self.storedSample(in: directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for task in tasks {
            let whole = String(decoding: try encoder.encode(task), as: UTF8.self)
            try database.prepare("UPDATE task SET detail = ? WHERE id = ?").execute([.text(whole), .text(task.id)])
        }
        #expect(try store.tasks() == tasks.sorted { ($0.start, $0.id) < ($1.start, $1.id) })
        #expect(try store.replaceAll(with: tasks) == TaskStore.SaveResult(changed: tasks.count))
        #expect(try store.replaceAll(with: tasks) == TaskStore.SaveResult(unchanged: tasks.count))
    }

    @Test("a change held by a column alone is a change")
    func columnChange() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (_, store, stored) = try Self.storedSample(in: directory)
        var tasks = stored
        tasks[1].reviewerHours = 2
        tasks[2].branch = "spike/x"
        tasks[3].author = "someone@else"
        #expect(tasks[5].pullRequest != nil)
        tasks[5].pullRequest = nil
        #expect(try store.replaceAll(with: tasks) == TaskStore.SaveResult(changed: 4, unchanged: tasks.count - 4))
        let changed = [tasks[1], tasks[2], tasks[3], tasks[5]]
        #expect(try store.tasks(ids: changed.map(\.id)) == changed.sorted { ($0.start, $0.id) < ($1.start, $1.id) })
    }
}
