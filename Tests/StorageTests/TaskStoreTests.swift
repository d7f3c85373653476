import Foundation
import Model
import Storage
import TestSupport
import Testing

/// What reports compute from, as a comparable value: every figure `TaskStore.figures` carries,
/// and the evidence floor's flag with the task counted AI-assisted and not.
private struct Figures: Equatable, CustomStringConvertible {
    var values: [String]

    init(_ task: WorkTask) {
        var asAI = task
        asAI.ai = true
        var asHuman = task
        asHuman.ai = false
        func number(_ value: Double?) -> String { value.map { "\($0.bitPattern)" } ?? "nil" }
        values = [
            task.id, task.repository, "\(task.start)", "\(task.end)", task.category.rawValue, "\(task.ai)", "\(task.bot)",
            task.author, number(task.confidence), "\(task.labelled)", "\(asAI.aiOnWeakEvidenceOnly)",
            "\(asHuman.aiOnWeakEvidenceOnly)", number(task.effortHours), task.effortSource, number(task.reworkHours),
            "\(task.activeSeconds)", "\(task.linesAdded)", "\(task.linesDeleted)", "\(task.filesTouched)",
            "\(task.aiLinesAdded)", "\(task.churnedLines)", "\(task.pullRequest.map(String.init) ?? "nil")",
            "\(task.reviewRounds.map(String.init) ?? "nil")", number(task.firstReviewWaitHours), number(task.mergeWaitHours),
            number(task.reviewerHours), task.branch ?? "nil",
        ]
    }

    var description: String { values.joined(separator: " ") }
}

extension SplitMix {
    /// A uniform value in [0, 1).
    fileprivate var unit: Double {
        mutating get { Double(next() >> 11) / Double(1 << 53) }
    }
}

@Suite("Tasks' figures beside their detail")
struct TaskStoreTests {
    /// Tasks covering what the figures must carry: weak and strong links, labels, marks, review
    /// figures or none, awkward floating-point values, bots, another repository.
    static func sample(repositories: [String]) -> [WorkTask] {
        var generator = SplitMix(seed: 19)
        let awkward = [0.1 + 0.2, 1.0 / 3, 1e-7, 123_456.789_012_345_67, 2.5e-300, 0]
        return (0..<60).map { index in
            let effort = index < awkward.count ? awkward[index] : generator.unit * 30
            let mark = index % 7 == 0 ? ["claude-code"] : [String]()
            let commit = WorkTask.TaskCommit(
                hash: String(format: "%040x", index), subject: "change \(index)", authorTime: Int64(index) * 100,
                effortHours: effort, effortReason: "lead-in", reason: "first", rework: nil, aiTools: mark, linesAdded: index,
                linesDeleted: 1)
            let evidence: WorkTask.LinkEvidence = [.time, .file, .key, .commit][index % 4]
            let sessions = index % 3 == 0 ? [] : [
                WorkTask.TaskSession(tool: "codex", id: "s\(index)", reason: "linked", evidence: evidence, activeSeconds: index * 7)
            ]
            var task = WorkTask(
                id: String(format: "%012x", index), repository: repositories[index % repositories.count], key: "K-\(index)",
                kind: .issue, title: "task \(index)", author: "dev\(index % 5)@x", branch: index % 6 == 2 ? "poc/try-\(index)" : nil,
                commits: [commit],
                sessions: sessions, bot: index % 11 == 0, category: Category.allCases[index % Category.allCases.count],
                confidence: generator.unit, labelled: index % 13 == 0, ai: !sessions.isEmpty || !mark.isEmpty,
                effortHours: effort, effortSource: index % 9 == 0 ? "time log" : "git", reworkHours: effort * generator.unit,
                activeSeconds: index * 7, start: Int64(index % 17) * 1000, end: Int64(index % 17) * 1000 + Int64(index),
                linesAdded: index * 3, linesDeleted: index, filesTouched: index % 8, aiLinesAdded: index, churnedLines: index / 2)
            if index % 10 == 4 { task.aiLabel = true }
            if index % 4 == 1 {
                task.pullRequest = index
                task.reviewRounds = index % 3
                task.firstReviewWaitHours = generator.unit * 48
                task.mergeWaitHours = index % 8 == 1 ? nil : generator.unit * 100
                task.reviewerHours = index % 12 == 1 ? 0.75 : nil
            }
            return task
        }
    }

    @Test("the figures read from the index equal the whole tasks' figures, in the same order, after adds, changes and removals")
    func figuresFollowTasks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let commits = CommitStore(database: database)
        let roots = ["/a", "/b"]
        for root in roots { _ = try commits.upsertRepository(root: root, origin: nil, name: root) }
        let store = TaskStore(database: database)
        var tasks = Self.sample(repositories: roots)
        _ = try store.replaceAll(with: tasks)
        #expect(try store.figures().map(Figures.init) == store.tasks().map(Figures.init))
        #expect(try store.figures().allSatisfy { $0.title.isEmpty && $0.commits.isEmpty && $0.weakLinksOnly != nil })

        tasks[3].effortHours = 7.25
        tasks[3].sessions = []
        tasks[8].category = .tests
        tasks[8].reviewRounds = nil
        tasks[8].branch = "spike/faster"
        tasks.remove(at: 20)
        let saved = try store.replaceAll(with: tasks)
        #expect(saved.changed == 2 && saved.removed == 1)
        #expect(try store.figures().contains { $0.branch == "spike/faster" })
        let whole = try store.tasks()
        #expect(try store.figures().map(Figures.init) == whole.map(Figures.init))
        #expect(whole.count == tasks.count)
    }

    @Test("a save of more tasks than one chunk adds, changes, keeps and removes across the chunks")
    func chunkedSave() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let commits = CommitStore(database: database)
        let roots = ["/a", "/b"]
        for root in roots { _ = try commits.upsertRepository(root: root, origin: nil, name: root) }
        let store = TaskStore(database: database)
        let base = Self.sample(repositories: roots)
        var tasks = (0..<(TaskStore.writeChunk * 2 + 300)).map { index in
            var task = base[index % base.count]
            task.id = String(format: "%012x", index)
            task.key = "K-\(index)"
            return task
        }
        #expect(try store.replaceAll(with: tasks) == TaskStore.SaveResult(added: tasks.count))
        #expect(try store.replaceAll(with: tasks) == TaskStore.SaveResult(unchanged: tasks.count))
        // One change in each chunk, one removal in the first, one new task at the end.
        for index in [5, TaskStore.writeChunk + 5, TaskStore.writeChunk * 2 + 5] { tasks[index].effortHours += 1 }
        tasks.remove(at: 7)
        var added = base[0]
        added.id = "ffffffffffff"
        added.key = "K-new"
        tasks.append(added)
        #expect(
            try store.replaceAll(with: tasks)
                == TaskStore.SaveResult(added: 1, changed: 3, removed: 1, unchanged: tasks.count - 4))
        let whole = try store.tasks()
        #expect(whole.count == tasks.count)
        #expect(Set(whole.map(\.id)) == Set(tasks.map(\.id)))
        #expect(whole.first { $0.id == tasks[TaskStore.writeChunk * 2 + 4].id }?.effortHours == tasks[TaskStore.writeChunk * 2 + 4].effortHours)
    }

    @Test("a build whose inputs changed before it was saved (another process stored commits) saves nothing; a build of the inputs as stored saves; a new root's ids replace the old ones")
    func supersededAndNewIDs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try CommitStore(database: database).upsertRepository(root: "/a", origin: nil, name: "a")
        let store = TaskStore(database: database)
        let tasks = Self.sample(repositories: ["/a"])
        let before = try store.inputDigest()
        _ = try CommitStore(database: database).upsertRepository(root: "/b", origin: nil, name: "b")
        let stale = try store.replaceAll(with: tasks, builtFrom: before)
        #expect(stale.superseded && stale.added == 0)
        #expect(try store.taskCount() == 0)
        #expect(try store.replaceAll(with: tasks, builtFrom: try store.inputDigest()) == TaskStore.SaveResult(added: tasks.count))
        // The same keys under new ids (the history's root commit changed): the old rows go first.
        let renamed = tasks.map { task in
            var task = task
            task.id = "r" + task.id.dropFirst()
            return task
        }
        #expect(try store.replaceAll(with: renamed) == TaskStore.SaveResult(added: tasks.count, removed: tasks.count))
        #expect(Set(try store.tasks().map(\.id)) == Set(renamed.map(\.id)))
    }

    @Test("whole tasks are read by id and by the week they ended in")
    func wholeTasks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try CommitStore(database: database).upsertRepository(root: "/a", origin: nil, name: "a")
        let store = TaskStore(database: database)
        let tasks = Self.sample(repositories: ["/a"])
        _ = try store.replaceAll(with: tasks)
        let all = try store.tasks()
        #expect(try store.tasks(ids: [tasks[5].id, tasks[2].id, "unknown", tasks[5].id]) == all.filter { [tasks[5].id, tasks[2].id].contains($0.id) })
        #expect(try store.tasks(endingFrom: 3000, before: 5000) == all.filter { $0.end >= 3000 && $0.end < 5000 })
        #expect(try store.tasks(endingFrom: 3000, before: nil) == all.filter { $0.end >= 3000 })
    }

    @Test("a database from before the figures gets them from its stored tasks, old link evidence included")
    func upgradeFillsFigures() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        let before = Array(Migrations.all.prefix { $0.name != "task figures" })
        #expect(before.count < Migrations.all.count)
        var tasks = Self.sample(repositories: ["/a"])
        // Tasks stored before links carried their evidence: the reason says which rule linked.
        for (index, reason, evidence) in [
            (1, "no file edits; active time overlaps the task's", WorkTask.LinkEvidence.time),
            (2, "the session names commit abc", .commit), (4, "edited a.swift", .file),
        ] {
            tasks[index].sessions[0].reason = reason
            tasks[index].sessions[0].evidence = evidence
        }
        let stripped: Set<String> = [tasks[1].id, tasks[2].id, tasks[4].id]
        do {
            let old = try Database(path: path, migrations: before)
            try old.execute("INSERT INTO repository (id, root, name) VALUES (1, '/a', 'a')")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let insert = try old.prepare(
                """
                INSERT INTO task (id, repository_id, key, category, ai, bot, start_time, end_time, detail)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)
                """)
            for task in tasks {
                var detail = String(decoding: try encoder.encode(task), as: UTF8.self)
                if stripped.contains(task.id) {
                    for evidence in ["commit", "key", "file", "time"] {
                        detail = detail.replacingOccurrences(of: "\"evidence\":\"\(evidence)\",", with: "")
                    }
                }
                try insert.execute([
                    .text(task.id), .text(task.key), .text(task.category.rawValue), .bool(task.ai), .bool(task.bot),
                    .integer(task.start), .integer(task.end), .text(detail),
                ])
            }
        }
        let upgraded = try Database(path: path)
        #expect(try upgraded.schemaVersion() == Migrations.all.count)
        let store = TaskStore(database: upgraded)
        let whole = try store.tasks()
        #expect(whole.filter { stripped.contains($0.id) }.map { $0.sessions[0].evidence } == [.time, .commit, .file])
        #expect(try store.figures().map(Figures.init) == whole.map(Figures.init))
        #expect(whole.map(Figures.init) == tasks.sorted { ($0.start, $0.id) < ($1.start, $1.id) }.map(Figures.init))
    }

    @Test("a database from before gives up task_commit, which nothing read, and keeps its tasks")
    func upgradeDropsTaskCommits() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        let before = Array(Migrations.all.prefix { $0.name != "no task_commit" })
        #expect(before.count < Migrations.all.count)
        let tasks = Self.sample(repositories: ["/a"])
        do {
            let old = try Database(path: path, migrations: before)
            try old.execute("INSERT INTO repository (id, root, name) VALUES (1, '/a', 'a')")
            try TaskStore(database: old).replaceAll(with: tasks)
            try old.prepare("INSERT INTO task_commit (task_id, hash) VALUES (?, ?)").execute([.text(tasks[0].id), .text("abc")])
        }
        let upgraded = try Database(path: path)
        let left = try upgraded.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'task_commit%'").first { $0.int(0) }
        #expect(left == 0)
        #expect(try TaskStore(database: upgraded).tasks() == tasks.sorted { ($0.start, $0.id) < ($1.start, $1.id) })
    }

    @Test("space per table names the task table")
    func space() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let space = try database.spaceByTable()
        // dbstat is optional in SQLite builds: without it the list is empty.
        #expect(space.isEmpty || space.contains { $0.name == "task" })
    }
}
