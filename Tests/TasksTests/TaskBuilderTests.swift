import Classification
import Model
import Testing
@testable import Tasks

/// A small hand-made history: hashes are readable names, times are minutes from a start.
struct History {
    static let start: Int64 = 1_780_000_000
    var commits: [Commit] = []

    @discardableResult
    mutating func commit(
        _ hash: String, _ subject: String, author: String = "ann", minute: Int64, parents: [String]? = nil,
        files: [String] = ["src/a.ts"], body: String = "", marks: [AIMark] = [], bot: Bool = false
    ) -> String {
        let time = Self.start + minute * 60
        commits.append(
            Commit(
                hash: hash, parents: parents ?? (commits.last.map { [$0.hash] } ?? []), authorName: author.capitalized,
                authorEmail: "\(author)@example.com", authorTime: time, authorOffsetMinutes: 0, committerName: author,
                committerEmail: "\(author)@example.com", committerTime: time, subject: subject, body: body,
                files: files.map { FileChange(path: $0, linesAdded: 10, linesDeleted: 2) }, aiMarks: marks, isBot: bot))
        return hash
    }

    /// A commit with these file changes (line counts, renames) rather than the default ones.
    mutating func commit(_ hash: String, _ subject: String, author: String = "ann", minute: Int64, changes: [FileChange]) {
        commit(hash, subject, author: author, minute: minute)
        commits[commits.count - 1].files = changes
    }

    func build(
        sessions: [SessionActivity] = [], labels: [Label] = [], config: RuleConfig = RuleConfig(),
        pullRequests: [PullRequest] = [], timeEntries: [TimeEntry] = []
    ) -> [WorkTask] {
        TaskBuilder(config: config).build(
            [TaskBuilder.History(root: "/repo", commits: commits)], sessions: sessions, labels: labels,
            pullRequests: ["/repo": pullRequests], timeEntries: timeEntries)
    }
}

@Suite("Task grouping (METHOD.md rules 1–5)")
struct GroupingTests {
    @Test("rule 1: one task per issue key in subjects, wherever the commits are")
    func issueKeys() {
        var history = History()
        history.commit("a1", "ABC-1: start the parser", minute: 0)
        history.commit("b1", "Unrelated fix", author: "bob", minute: 10)
        history.commit("a2", "[ABC-1] finish the parser", minute: 600)
        history.commit("a3", "Fix #42: crash on empty input", minute: 700)
        let tasks = history.build()
        let abc = tasks.first { $0.key == "ABC-1" }
        #expect(abc?.commits.map(\.hash) == ["a1", "a2"])
        #expect(abc?.kind == .issue)
        #expect(tasks.contains { $0.key == "#42" })
    }

    @Test("a pull request whose branch merged another branch first: the inner branch is its key's task, the rest the pull request's")
    func mergeOfMerges() {
        var history = History()
        history.commit("m0", "Initial commit", minute: 0)
        history.commit("i1", "Prepare integration", author: "eve", minute: 2_880, parents: ["m0"])
        history.commit("l1", "Add LRU cache", author: "eve", minute: 2_940, parents: ["m0"])
        history.commit("im", "Merge branch 'feat/ABC-4-cache' into integration", author: "eve", minute: 3_000, parents: ["i1", "l1"])
        history.commit("pm", "Merge pull request #10 from org/integration", minute: 4_500, parents: ["m0", "im"])
        let tasks = history.build()
        #expect(tasks.first { $0.key == "ABC-4" }?.commits.map(\.hash).sorted() == ["im", "l1"])
        let pullRequest = tasks.first { $0.key == "PR #10" }
        #expect(pullRequest?.commits.map(\.hash).sorted() == ["i1", "pm"])
        #expect(pullRequest?.end == History.start + 4_500 * 60)
    }

    @Test("a pull request merged into a long-lived branch is what it brought in, not the branch's earlier commits")
    func pullRequestIntoLongLivedBranch() {
        var history = History()
        let day: Int64 = 24 * 60
        history.commit("m0", "Initial commit", minute: 0)
        // Probe 25: PR #45 (frank's two commits, merged into big-rewrite) took erin's earlier commits too.
        history.commit("e1", "Rewrite engine part 1", author: "erin", minute: day, parents: ["m0"])
        history.commit("e2", "Rewrite engine part 2", author: "erin", minute: 2 * day)
        history.commit("f1", "Add cache layer 1", author: "frank", minute: 3 * day, parents: ["e2"])
        history.commit("f2", "Add cache layer 2", author: "frank", minute: 4 * day)
        history.commit("pm45", "Merge pull request #45 from acme/sub-cache", author: "erin", minute: 4 * day + 60, parents: ["e2", "f2"])
        history.commit("e3", "Rewrite engine part 3", author: "erin", minute: 5 * day)
        history.commit("pm50", "Merge pull request #50 from acme/big-rewrite", minute: 6 * day, parents: ["m0", "e3"])
        let tasks = history.build()
        #expect(tasks.first { $0.key == "PR #45" }?.commits.map(\.hash).sorted() == ["f1", "f2", "pm45"])
        #expect(tasks.first { $0.key == "PR #50" }?.commits.map(\.hash).sorted() == ["e1", "e2", "e3", "pm50"])
    }

    @Test("an octopus merge is one merge per branch: each branch's key is its task, ending at the merge")
    func octopusMerge() {
        var history = History()
        history.commit("m0", "Initial commit", minute: 0)
        history.commit("p1", "Implement part 1", author: "dev1", minute: 60, parents: ["m0"])
        history.commit("p2", "Implement part 2", author: "dev2", minute: 120, parents: ["m0"])
        history.commit("p3", "Implement part 3", author: "dev3", minute: 180, parents: ["m0"])
        history.commit(
            "om", "Merge branches 'feat/ABC-1-work', 'feat/ABC-2-work' and 'feat/ABC-3-work'", minute: 1_800,
            parents: ["m0", "p1", "p2", "p3"])
        let tasks = history.build()
        for (key, hash) in [("ABC-1", "p1"), ("ABC-2", "p2"), ("ABC-3", "p3")] {
            let task = tasks.first { $0.key == key }
            #expect(task?.commits.map(\.hash).contains(hash) == true, "\(key)")
            #expect(task?.end == History.start + 1_800 * 60, "\(key)")
        }
        #expect(tasks.filter { $0.commits.contains { $0.hash == "om" } }.count == 1)
        #expect(Grouping.MergeSubject.octopusBranches("Merge branches 'a', 'b' and 'c' into main") == ["a", "b", "c"])
        #expect(Grouping.MergeSubject.octopusBranches("Merge branch 'a'").isEmpty)
    }

    @Test("merge subjects of each host give the pull request and branch", arguments: [
        ("Merge pull request #7 from acme/bob/endpoint", "", 7, "bob/endpoint"),
        ("Merge branch 'feature/XY-9-dates' into 'main'", "See merge request acme/shop!12", 12, "feature/XY-9-dates"),
        ("Merged in feature/ABC-1-refunds (pull request #4)", "Add refunds\n\nApproved-by: Ann", 4, "feature/ABC-1-refunds"),
        ("Merge pull request #31 in SHOP/web from feature/ABC-2-cart to master", "", 31, "feature/ABC-2-cart"),
        ("Merged PR 123: Add the cart page", "Related work items: #45", 123, nil),
    ] as [(String, String, Int?, String?)])
    func mergeSubjects(subject: String, body: String, pullRequest: Int?, branch: String?) throws {
        let parsed = try #require(Grouping.MergeSubject(subject: subject, body: body))
        #expect(parsed.pullRequest == pullRequest)
        #expect(parsed.branch == branch)
    }

    @Test("two checkouts of one history (a clone, an older checkout) give each task once, the fuller history's")
    func twoCheckouts() {
        var history = History()
        history.commit("c1", "ABC-1 cart", minute: 0)
        history.commit("c2", "ABC-2 orders", minute: 30)
        history.commit("c3", "ABC-2 orders, tests", minute: 60)
        let older = Array(history.commits.prefix(2))
        let tasks = TaskBuilder().build(
            [TaskBuilder.History(root: "/a-old", commits: older), TaskBuilder.History(root: "/b", commits: history.commits)],
            sessions: [])
        #expect(tasks.count == 2)
        #expect(Set(tasks.map(\.id)).count == 2)
        #expect(tasks.allSatisfy { $0.repository == "/b" })
        #expect(tasks.first { $0.key == "ABC-2" }?.commits.count == 2)
    }

    @Test("a checkout gone from disk (the folder moved) gives its tasks to the one that is there, sessions and all")
    func movedCheckout() {
        var history = History()
        history.commit("c1", "ABC-1 cart", minute: 0)
        history.commit("c2", "ABC-2 orders", minute: 30)
        let tasks = TaskBuilder().build(
            [TaskBuilder.History(root: "/a-before", commits: history.commits, present: false),
             TaskBuilder.History(root: "/b-after", commits: history.commits)],
            sessions: [])
        #expect(tasks.count == 2)
        #expect(tasks.allSatisfy { $0.repository == "/b-after" }, "\(tasks.map(\.repository))")
        // Both on disk: the first repository's, as before.
        let both = TaskBuilder().build(
            [TaskBuilder.History(root: "/a-before", commits: history.commits), TaskBuilder.History(root: "/b-after", commits: history.commits)],
            sessions: [])
        #expect(both.allSatisfy { $0.repository == "/a-before" })
    }

    @Test("a cherry-pick (-x) of a commit of the history is a copy: no task, no lines, no effort of its own")
    func cherryPicks() {
        var history = History()
        let base = history.commit("m0", "init", minute: 0)
        let fix = history.commit("f1", "BE-5: add shipment endpoint", minute: 60, files: ["app/shipment.py"])
        history.commit("f2", "More shipment checks", minute: 90, files: ["app/shipment.py"])
        history.commit(
            "r1", "BE-5: add shipment endpoint", author: "carol", minute: 2000, parents: [base], files: ["app/shipment.py"],
            body: "(cherry picked from commit \(fix))")
        // Picked from a commit this history does not hold: work of its own.
        history.commit("r2", "Backport the cache", author: "carol", minute: 2010, files: ["app/cache.py"], body: "(cherry picked from commit 0123abc)")
        let tasks = history.build()
        #expect(!tasks.contains { $0.commits.contains { $0.hash == "r1" } })
        #expect(tasks.first { $0.key == "BE-5" }?.commits.map(\.hash) == ["f1", "f2"])
        #expect(tasks.contains { $0.commits.contains { $0.hash == "r2" } })
    }

    @Test("the order commits are stored in changes no task: ties of time are broken by hash, not by which was read first")
    func storedOrder() {
        var history = History()
        history.commit("c1", "Add cart", minute: 0, files: ["src/cart.ts"])
        history.commit("c2", "Cart totals", minute: 30, files: ["src/cart.ts"])
        // An amend kept by another branch: the same author time, another hash.
        history.commit("c4", "Cart totals, redone", minute: 30, parents: ["c1"], files: ["src/cart.ts"])
        history.commit("c3", "ABC-7: orders", author: "bob", minute: 30, files: ["src/orders.ts"])
        history.commit("c5", "Orders page", author: "bob", minute: 31, files: ["src/orders.ts"])
        let tasks = history.build()
        #expect(tasks.first { $0.commits.contains { $0.hash == "c2" } }?.key == "burst c1")
        for order in [Array(history.commits.reversed()), Array(history.commits[2...] + history.commits[..<2])] {
            var other = history
            other.commits = order
            #expect(other.build() == tasks)
        }
        // The tie itself: c2 and c4 alone, in either order, name the burst after the same commit.
        var tie = History()
        tie.commit("c4", "Cart totals, redone", minute: 30, files: ["src/cart.ts"])
        tie.commit("c2", "Cart totals", minute: 30, parents: [], files: ["src/cart.ts"])
        var swapped = tie
        swapped.commits.reverse()
        #expect(tie.build().map(\.key) == ["burst c2"])
        #expect(swapped.build() == tie.build())
    }

    @Test("a worktree still on its branch: its burst of commits the main checkout merged under a key is left out")
    func worktreeBranch() {
        var main = History()
        let base = main.commit("m0", "init", minute: 0)
        main.commit("h1", "Fix crash", author: "bob", minute: 10, parents: [base], files: ["app/crash.py"])
        main.commit("m1", "Merge branch 'hotfix/BE-3-crash'", minute: 30, parents: [base, "h1"], files: [])
        // The worktree: the hotfix branch, not merged there.
        let worktree = Array(main.commits.prefix(2))
        let tasks = TaskBuilder().build(
            [TaskBuilder.History(root: "/backend", commits: main.commits), TaskBuilder.History(root: "/wt/hotfix", commits: worktree)],
            sessions: [])
        let holding = tasks.filter { task in task.commits.contains { $0.hash == "h1" } }
        #expect(holding.count == 1)
        #expect(holding.first?.key == "BE-3" && holding.first?.repository == "/backend")
        #expect(tasks.count == 2)
    }

    @Test("squash subjects of each host give the pull request's number", arguments: [
        ("Add retries (#7)", 7), ("Merged in feature/x (pull request #4)", 4), ("Merged PR 123: Add the cart page", 123),
        ("Fix (see #7 later)", nil), ("Merged PR review notes", nil), ("Merged in feature/x", nil),
    ] as [(String, Int?)])
    func squashSubjects(subject: String, number: Int?) {
        #expect(IssueKeys.squashNumber(subject) == number)
    }

    @Test("rules 1 and 2: a merged pull request's commits, keyed by the branch's issue key when it has one")
    func pullRequests() {
        var history = History()
        let base = history.commit("m0", "init", minute: 0)
        history.commit("f1", "add endpoint", author: "bob", minute: 10, parents: [base])
        history.commit("f2", "add tests", author: "bob", minute: 20)
        history.commit("m1", "Merge pull request #7 from acme/bob/endpoint", minute: 30, parents: [base, "f2"], files: [], body: "Add the endpoint")
        history.commit("g1", "parse dates", author: "cy", minute: 40, parents: ["m1"])
        history.commit("m2", "Merge pull request #8 from acme/feature/XY-9-dates", minute: 50, parents: ["m1", "g1"], files: [])
        let tasks = history.build()
        let pr = tasks.first { $0.key == "PR #7" }
        #expect(pr?.commits.map(\.hash) == ["f1", "f2", "m1"])
        #expect(pr?.title == "Add the endpoint")
        #expect(pr?.branch == "bob/endpoint")
        #expect(pr?.commits.last?.effortHours == 0)
        let keyed = tasks.first { $0.key == "XY-9" }
        #expect(keyed?.commits.map(\.hash) == ["g1", "m2"])
        #expect(keyed?.commits.first?.reason.contains("branch feature/XY-9-dates") == true)
    }

    @Test("a merged branch without a key whose commits name one key is that key's task, whole, with its merge commit")
    func pullRequestNamedByItsCommits() {
        var history = History()
        let base = history.commit("m0", "init", minute: 0)
        history.commit("f1", "SHOP-113 integrate klarna", author: "bob", minute: 10, parents: [base])
        history.commit("f2", "Add missing spec", author: "bob", minute: 20)
        history.commit("m1", "Merge pull request #20 from acme/bob/fix-klarna-api", minute: 30, parents: [base, "f2"], files: [], body: "Fix Klarna")
        // Two keys on one branch: each keyed commit to its key, the merge with the one that took most.
        history.commit("g1", "ABC-1 one", author: "cy", minute: 40, parents: ["m1"])
        history.commit("g2", "ABC-1 two", author: "cy", minute: 45)
        history.commit("g3", "ABC-2 three", author: "cy", minute: 50)
        history.commit("m2", "Merge pull request #21 from acme/cy/both", minute: 60, parents: ["m1", "g3"], files: [])
        let tasks = history.build()
        let shop = tasks.first { $0.key == "SHOP-113" }
        #expect(shop?.commits.map(\.hash) == ["f1", "f2", "m1"])
        #expect(shop?.branch == "bob/fix-klarna-api")
        #expect(shop?.title == "Fix Klarna")
        #expect(shop?.commits[1].reason == "in pull request #20, merged by m1, whose commits name SHOP-113")
        #expect(!tasks.contains { $0.key == "PR #20" || $0.key == "PR #21" })
        #expect(tasks.first { $0.key == "ABC-1" }?.commits.map(\.hash) == ["g1", "g2", "m2"])
        #expect(tasks.first { $0.key == "ABC-2" }?.commits.map(\.hash) == ["g3"])
    }

    @Test("rule 3: a squash merge's (#N) makes it task PR #N")
    func squash() {
        var history = History()
        history.commit("s1", "Add retries to the client (#12)", minute: 0)
        let tasks = history.build()
        #expect(tasks.map(\.key) == ["PR #12"])
        #expect(tasks.first?.kind == .squash)
        #expect(tasks.first?.title == "Add retries to the client (#12)")
    }

    @Test("rule 5: an author's commits with gaps of at most 4 hours form a burst; a longer gap starts another")
    func bursts() {
        var history = History()
        history.commit("a1", "one", minute: 0)
        history.commit("b1", "bob's", author: "bob", minute: 30)
        history.commit("a2", "two", minute: 200)
        history.commit("a3", "three", minute: 200 + 241)
        let tasks = history.build().filter { $0.author == "ann@example.com" }
        #expect(tasks.map { $0.commits.map(\.hash) } == [["a1", "a2"], ["a3"]])
        #expect(tasks.allSatisfy { $0.kind == .burst })
    }

    @Test("rule 5: unkeyed commits straight after the author's keyed one, within the burst gap, are its follow-ups")
    func followUps() {
        var history = History()
        history.commit("a1", "ABC-1: add refunds", minute: 0)
        history.commit("b1", "bob's", author: "bob", minute: 10)
        history.commit("a2", "Tidy up", minute: 20)
        history.commit("a3", "Fix lint", minute: 60)
        // More than 4 hours later, on another file: new work.
        history.commit("a4", "Rename helpers", minute: 60 + 300, files: ["src/helpers.ts"])
        history.commit("a5", "ABC-2 export", minute: 1000)
        // The author's merged branch between a keyed commit and an unkeyed one: the latter is no follow-up.
        let base = history.commits.last?.hash ?? ""
        history.commit("f1", "branch work", minute: 1010, parents: [base])
        history.commit("m1", "Merge pull request #9 from acme/ann/branch", minute: 1020, parents: [base, "f1"], files: [])
        history.commit("a6", "Tweak", minute: 1030)
        let tasks = history.build().filter { $0.author == "ann@example.com" }
        #expect(tasks.first { $0.key == "ABC-1" }?.commits.map(\.hash) == ["a1", "a2", "a3"])
        #expect(tasks.first { $0.key == "ABC-1" }?.commits.last?.reason.contains("a follow-up of the author's commit naming ABC-1") == true)
        #expect(tasks.first { $0.key == "ABC-2" }?.commits.map(\.hash) == ["a5"])
        #expect(tasks.contains { $0.kind == .burst && $0.commits.map(\.hash) == ["a4"] })
        #expect(tasks.contains { $0.kind == .burst && $0.commits.map(\.hash) == ["a6"] })
    }

    @Test("rule 5: a follow-up on another day joins the keyed work when it touches one of its files, within 4 days")
    func laterFollowUps() {
        var history = History()
        history.commit("a1", "PLAT-145: add ADR for the event bus", minute: 0, files: ["docs/adr/7-event-bus.md"])
        // The next morning, the same file: the same work.
        history.commit("a2", "docs: tidy up", minute: 18 * 60, files: ["docs/adr/7-event-bus.md", "docs/index.md"])
        // Over the weekend, a file the follow-up touched.
        history.commit("a3", "Link it", minute: (18 + 64) * 60, files: ["docs/index.md"])
        // Five days on: new work, though on the same file.
        history.commit("a4", "Fix a typo", minute: (18 + 64 + 120) * 60, files: ["docs/index.md"])
        history.commit("b1", "PLAT-200: fix login", author: "bob", minute: 0, files: ["src/login.ts"])
        // The next day on another file: new work.
        history.commit("b2", "Bump the linter", author: "bob", minute: 20 * 60, files: ["package.json"])
        let tasks = history.build()
        #expect(tasks.first { $0.key == "PLAT-145" }?.commits.map(\.hash) == ["a1", "a2", "a3"])
        #expect(tasks.contains { $0.kind == .burst && $0.commits.map(\.hash) == ["a4"] })
        #expect(tasks.first { $0.key == "PLAT-200" }?.commits.map(\.hash) == ["b1"])
        #expect(tasks.contains { $0.kind == .burst && $0.commits.map(\.hash) == ["b2"] })
    }

    /// A linear history as `git rebase` leaves it: each branch's commits consecutive on the main
    /// line, written over days but all committed at the moment of the rebase.
    static func rebased(_ history: inout History, _ hashes: [String], at minute: Int64) {
        for index in history.commits.indices where hashes.contains(history.commits[index].hash) {
            history.commits[index].committerTime = History.start + minute * 60 + Int64(index % 2)
        }
    }

    @Test("a rebased branch (no merge): its unkeyed commits join the one key among them, across days")
    func rebasedBranchJoinsItsKey() {
        var history = History()
        let day: Int64 = 24 * 60
        history.commit("m0", "init", author: "bob", minute: -600)
        history.commit("a1", "Add coupon model", minute: 0)
        history.commit("a2", "Edge case for empty list", minute: day)
        history.commit("a3", "[SHOP-12] Handle nil coupon", minute: 2 * day)
        history.commit("a4", "Small cleanup", minute: 2 * day + 30)
        Self.rebased(&history, ["a1", "a2", "a3", "a4"], at: 3 * day)
        // The same author's next branch, rebased later, with no key at all: one task too.
        history.commit("a5", "Configure redis", minute: 4 * day)
        history.commit("a6", "Tune redis timeouts", minute: 5 * day)
        Self.rebased(&history, ["a5", "a6"], at: 6 * day)
        let tasks = history.build()
        #expect(tasks.map { $0.commits.map(\.hash) } == [["m0"], ["a1", "a2", "a3", "a4"], ["a5", "a6"]])
        let shop = tasks.first { $0.key == "SHOP-12" }
        #expect(shop?.commits.first?.reason.contains("rebased onto the main line") == true)
        #expect(shop?.commits.first?.reason.contains("a3 of SHOP-12") == true)
        #expect(tasks.last?.kind == .burst)
    }

    @Test("a rewrite of the whole history (rebase --root, filter-repo) is no rebased branch: the author times tell the tasks apart")
    func historyRewriteIsNoBatch() {
        var history = History()
        let day: Int64 = 24 * 60
        // Probe 25: twelve days of separate work, one task after `git rebase --root --force-rebase`.
        history.commit("m0", "init", author: "bob", minute: -600)
        for task in 0..<6 {
            history.commit("a\(task)x", "Feature \(task)", minute: Int64(task) * day)
            history.commit("a\(task)y", "Feature \(task) tests", minute: Int64(task) * day + 30)
        }
        // Every commit committed at the rewrite, within seconds: ann's run sits on a commit
        // rewritten with it.
        for index in history.commits.indices {
            history.commits[index].committerTime = History.start + 30 * day * 60 + Int64(index / 5)
        }
        let tasks = history.build()
        #expect(tasks.filter { $0.author == "ann@example.com" }.map { $0.commits.map(\.hash) } == (0..<6).map { ["a\($0)x", "a\($0)y"] })
        #expect(tasks.allSatisfy { $0.commits.allSatisfy { !$0.reason.contains("rebased onto the main line at") } })
        // The same branch landing on a commit made as written is still one task.
        history.commits[0].committerTime = history.commits[0].authorTime
        #expect(history.build().filter { $0.author == "ann@example.com" }.count == 1)
        // Two branches landing within a minute (a merge queue), on older work: two tasks (probe 26).
        var queue = History()
        queue.commit("m0", "init", author: "bob", minute: -600)
        queue.commit("b1", "Add export", author: "bob", minute: 0)
        queue.commit("b2", "Export tests", author: "bob", minute: day)
        queue.commit("c1", "Add import", author: "carol", minute: 0)
        queue.commit("c2", "Import edge cases", author: "carol", minute: day)
        queue.commit("c3", "Import docs", author: "carol", minute: 2 * day)
        Self.rebased(&queue, ["b1", "b2"], at: 3 * day)
        Self.rebased(&queue, ["c1", "c2", "c3"], at: 3 * day)
        for index in 3...5 { queue.commits[index].committerTime += 30 }
        #expect(Set(queue.build().map { $0.commits.map(\.hash) }) == [["m0"], ["b1", "b2"], ["c1", "c2", "c3"]])
    }

    @Test("a pull request merged by rebase whose export lists a reviewer's commit in it is one task, with the review once")
    func rebaseMergedPullRequestWithReviewerCommit() throws {
        var history = History()
        let day: Int64 = 24 * 60
        history.commit("m0", "init", author: "bob", minute: -600)
        history.commit("a1", "Add refunds endpoint", minute: 0)
        history.commit("b1", "Apply suggestions from code review", author: "rev", minute: 90)
        history.commit("a2", "Refund tests", minute: 120)
        Self.rebased(&history, ["a1", "b1", "a2"], at: day)
        // New hashes after the rebase: the export knows its commits by author time and subject.
        let times = ["a1", "b1", "a2"].map { hash in history.commits.first { $0.hash == hash }?.authorTime ?? 0 }
        let pullRequest = PullRequest(
            number: 31, title: "Refunds", author: "ann", created: History.start + 10, merged: History.start + day * 60,
            closed: nil, headBranch: "refunds", baseBranch: "main", additions: nil, deletions: nil, reviewRounds: 2,
            changeRequests: 1, firstReview: History.start + 3600, reviewComments: 3, commits: ["x1", "x2", "x3"], commitTimes: times,
            commitHeadlines: ["Add refunds endpoint", "Apply suggestions from code review", "Refund tests"])
        let tasks = history.build(pullRequests: [pullRequest])
        let refunds = try #require(tasks.first { $0.commits.contains { $0.hash == "a1" } })
        #expect(refunds.commits.map(\.hash) == ["a1", "b1", "a2"], "\(tasks.map { $0.commits.map(\.hash) })")
        #expect(refunds.key == "PR #31" && refunds.pullRequest == 31)
        #expect(tasks.filter { $0.pullRequest == 31 }.count == 1)
        // Without the export, the reviewer's commit is the author's run's break: two tasks, as before.
        #expect(history.build().filter { $0.commits.contains { ["a1", "b1", "a2"].contains($0.hash) } }.count > 1)
    }

    @Test("no batch where commits were not rewritten, or where a batch holds two tasks' keys")
    func rebaseBatchesNeedOneKeyAndRewrittenCommits() {
        var history = History()
        let day: Int64 = 24 * 60
        // Committed as written, a minute apart: the burst rule, with its gap, decides.
        history.commit("a1", "one", minute: 0)
        history.commit("a2", "two", minute: 1)
        history.commit("a3", "three", minute: 1 + 241)
        history.commit("a4", "four", minute: 1 + 242)
        var tasks = history.build()
        #expect(tasks.map { $0.commits.map(\.hash) } == [["a1", "a2"], ["a3", "a4"]])
        #expect(tasks.allSatisfy { $0.commits.allSatisfy { !$0.reason.contains("rebased") } })

        // One rebase of two branches (two keys): unkeyed commits are not given to either.
        history = History()
        history.commit("b1", "ABC-1 start", minute: 0)
        history.commit("b2", "ABC-2 start", minute: day)
        history.commit("b3", "tidy", minute: 3 * day)
        Self.rebased(&history, ["b1", "b2", "b3"], at: 4 * day)
        tasks = history.build()
        #expect(tasks.map { $0.commits.map(\.hash) } == [["b1"], ["b2"], ["b3"]])

        // Two one-commit branches of one author, written within the burst gap but rebased at
        // different moments: two tasks.
        history = History()
        history.commit("c1", "Fix the cart total", minute: 0)
        history.commit("c2", "Tidy checkout copy", minute: 60)
        Self.rebased(&history, ["c1"], at: day)
        Self.rebased(&history, ["c2"], at: 2 * day)
        tasks = history.build()
        #expect(tasks.map { $0.commits.map(\.hash) } == [["c1"], ["c2"]])
        #expect(tasks.last?.commits.first?.reason.contains("rebased onto the main line apart from the previous one") == true)
    }

    @Test("rule 1 from a session log: a commit the session made goes to its branch's issue key")
    func sessionBranchKey() {
        var history = History()
        history.commit("c0ffee1234", "Add refund policy", minute: 0)
        history.commit("beef005678", "Unrelated spike", minute: 10)
        let session = SessionActivity(
            tool: "claude-code", id: "s-1", repository: "/repo", branch: "SHOP-7-refunds",
            eventTimes: [History.start * 1000], filesEdited: [], commits: ["c0ffee1"], promptWords: [:])
        let tasks = history.build(sessions: [session])
        let shop = tasks.first { $0.key == "SHOP-7" }
        #expect(shop?.commits.map(\.hash) == ["c0ffee1234"])
        #expect(shop?.branch == "SHOP-7-refunds")
        #expect(shop?.commits.first?.reason == "issue key SHOP-7 in branch SHOP-7-refunds of claude-code session s-1, which made this commit")
        #expect(shop?.ai == true)
        #expect(tasks.contains { $0.commits.map(\.hash) == ["beef005678"] && $0.kind == .burst })
    }

    @Test("effort: gaps up to 2 hours are earned, else a 30-minute lead-in, the first commit too; bots earn nothing")
    func effort() {
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0)
        history.commit("a2", "ABC-1 two", minute: 90)
        history.commit("a3", "ABC-1 three", minute: 90 + 121)
        history.commit("d1", "chore(deps): bump x (#3)", author: "dependabot[bot]", minute: 5, bot: true)
        let tasks = history.build()
        let task = tasks.first { $0.key == "ABC-1" }
        #expect(task?.commits.map(\.effortHours) == [0.5, 1.5, 0.5])
        #expect(task?.effortHours == 2.5)
        let bot = tasks.first { $0.key == "PR #3" }
        #expect(bot?.bot == true && bot?.effortHours == 0)
    }

    @Test("size leaves out lock files, vendored, generated and binary files")
    func size() {
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0, files: ["src/a.ts", "package-lock.json", "vendor/x/y.go", "dist/app.min.js"])
        let task = history.build().first
        #expect(task?.filesTouched == 1)
        #expect(task?.linesAdded == 10 && task?.linesDeleted == 2)
    }

    @Test("rework: fixup!, review words, and another author's commits after the first")
    func rework() {
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0)
        history.commit("a2", "fixup! ABC-1 one", minute: 30)
        history.commit("b1", "ABC-1 address review comments", author: "bob", minute: 60)
        history.commit("a3", "ABC-1 polish", minute: 90)
        let task = history.build().first { $0.key == "ABC-1" }
        #expect(task?.commits.map { $0.rework != nil } == [false, true, true, false])
        #expect(task?.reworkHours == 0.5 + 0.5)
    }

    @Test("churn: lines deleted by other tasks within 14 days, capped by what was added")
    func churn() {
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0, files: ["src/x.ts"])
        history.commit("b1", "XY-2 other", author: "bob", minute: 60 * 24, files: ["src/x.ts"])
        history.commit("b2", "XY-3 much later", author: "bob", minute: 60 * 24 * 20, files: ["src/x.ts"])
        let task = history.build().first { $0.key == "ABC-1" }
        #expect(task?.churnedLines == 2)
    }

    @Test("churn per file: capped by each file's additions, the window's last second counts, the task's own deletions do not")
    func churnPerFile() {
        var history = History()
        let day: Int64 = 24 * 60
        history.commit("a1", "ABC-1 add", author: "ann", minute: 0, changes: [
            FileChange(path: "src/x.ts", linesAdded: 10, linesDeleted: 0), FileChange(path: "src/y.ts", linesAdded: 5, linesDeleted: 0),
        ])
        history.commit("b1", "XY-2 trim", author: "bob", minute: day, changes: [FileChange(path: "src/x.ts", linesAdded: 0, linesDeleted: 4)])
        history.commit("b2", "XY-3 rewrite", author: "bob", minute: 2 * day, changes: [FileChange(path: "src/x.ts", linesAdded: 1, linesDeleted: 20)])
        history.commit("a2", "ABC-1 tidy", author: "ann", minute: 3 * day, changes: [FileChange(path: "src/y.ts", linesAdded: 0, linesDeleted: 2)])
        history.commit("b3", "XY-5 edge", author: "bob", minute: 14 * day, changes: [FileChange(path: "src/y.ts", linesAdded: 0, linesDeleted: 3)])
        history.commit("b4", "XY-6 late", author: "bob", minute: 14 * day + 1, changes: [FileChange(path: "src/y.ts", linesAdded: 0, linesDeleted: 1)])
        let tasks = history.build()
        // x.ts: 4 + 20 deleted, capped at the 10 added; y.ts: 3 at exactly 14 days, not ann's own 2 nor the 1 a minute late.
        #expect(tasks.first { $0.key == "ABC-1" }?.churnedLines == 10 + 3)
        #expect(tasks.first { $0.key == "XY-3" }?.churnedLines == 0)
    }

    @Test("churn follows a file through a rename: deletions in its new name count against the lines added in the old one")
    func churnAcrossRename() {
        var history = History()
        let day: Int64 = 24 * 60
        history.commit("a1", "ABC-1 add", author: "ann", minute: 0, changes: [FileChange(path: "app/auth/x.py", linesAdded: 10, linesDeleted: 0)])
        history.commit("m1", "XY-2 move", author: "bob", minute: day, changes: [
            FileChange(path: "app/authentication/x.py", oldPath: "app/auth/x.py", linesAdded: 0, linesDeleted: 0),
        ])
        history.commit("b1", "XY-3 trim", author: "bob", minute: 2 * day, changes: [FileChange(path: "app/authentication/x.py", linesAdded: 1, linesDeleted: 6)])
        let tasks = history.build()
        #expect(tasks.first { $0.key == "ABC-1" }?.churnedLines == 6)
    }

    @Test("a sweep (a formatter over the repository: many files, as much deleted as added in most) is no task's churn; a large edit is")
    func churnNotBySweep() {
        var history = History()
        let day: Int64 = 24 * 60
        let files = (0..<12).map { "src/f\($0).js" }
        history.commit("a1", "ABC-1 add", author: "ann", minute: 0, changes: files.map { FileChange(path: $0, linesAdded: 40, linesDeleted: 0) })
        // Probe 25: one prettier run made this task's churn 100%.
        history.commit("s1", "Run prettier on the whole repo", author: "carol", minute: day, changes: files.map {
            FileChange(path: $0, linesAdded: 40, linesDeleted: 40)
        })
        #expect(history.build().first { $0.key == "ABC-1" }?.churnedLines == 0)
        // Not a sweep: deletions of what was written (fewer files, or mostly deleted), as before.
        var few = History()
        few.commit("a1", "ABC-1 add", author: "ann", minute: 0, changes: files.map { FileChange(path: $0, linesAdded: 40, linesDeleted: 0) })
        few.commit("s1", "XY-2 rework", author: "carol", minute: day, changes: files.prefix(9).map {
            FileChange(path: $0, linesAdded: 40, linesDeleted: 40)
        })
        #expect(few.build().first { $0.key == "ABC-1" }?.churnedLines == 9 * 40)
        var cut = History()
        cut.commit("a1", "ABC-1 add", author: "ann", minute: 0, changes: files.map { FileChange(path: $0, linesAdded: 40, linesDeleted: 0) })
        cut.commit("s1", "XY-2 drop the exports", author: "carol", minute: day, changes: files.map {
            FileChange(path: $0, linesAdded: 2, linesDeleted: 30)
        })
        #expect(cut.build().first { $0.key == "ABC-1" }?.churnedLines == 12 * 30)
        // A rewrite that does not say it is mechanical is rework (probe 26: half of every file replaced).
        var rewrite = History()
        rewrite.commit("a1", "ABC-1 add", author: "ann", minute: 0, changes: files.map { FileChange(path: $0, linesAdded: 40, linesDeleted: 0) })
        rewrite.commit("s1", "XY-2 rework the exports", author: "carol", minute: day, changes: files.map {
            FileChange(path: $0, linesAdded: 20, linesDeleted: 20)
        })
        #expect(rewrite.build().first { $0.key == "ABC-1" }?.churnedLines == 12 * 20)
        // A formatter run that also deletes a file: that file's lines are churn.
        var mixed = History()
        mixed.commit("a1", "ABC-1 add", author: "ann", minute: 0, changes: files.map { FileChange(path: $0, linesAdded: 40, linesDeleted: 0) })
        mixed.commit("s1", "Format everything with black", author: "carol", minute: day, changes: files.dropLast().map {
            FileChange(path: $0, linesAdded: 40, linesDeleted: 40)
        } + [FileChange(path: files[11], linesAdded: 0, linesDeleted: 40)])
        #expect(mixed.build().first { $0.key == "ABC-1" }?.churnedLines == 40)
    }

    @Test("a time log's work hours replace the git estimate; review hours and estimates are kept beside")
    func timeLog() throws {
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0)
        history.commit("s1", "Add retries (#7)", author: "bob", minute: 600)
        let tasks = history.build(timeEntries: [
            TimeEntry(date: "2026-01-01", author: "ann", task: "abc-1", hours: 3, activity: .work, estimateHours: 2),
            TimeEntry(date: "2026-01-02", author: "ann", task: "ABC-1", hours: 1, activity: .work, estimateHours: 2),
            TimeEntry(date: "2026-01-02", author: "cy", task: "#7", hours: 0.5, activity: .review, estimateHours: nil),
        ])
        let abc = try #require(tasks.first { $0.key == "ABC-1" })
        #expect(abc.effortHours == 4 && abc.effortSource == "time log" && abc.estimateHours == 2)
        let pr = try #require(tasks.first { $0.key == "PR #7" })
        #expect(pr.effortSource == "git" && pr.reviewerHours == 0.5)
    }

    @Test("a time-log key two repositories' tasks name gives each a share of its hours, not all of them")
    func timeLogSharedAcrossRepositories() throws {
        var front = History()
        front.commit("f1", "SHOP-7 checkout page", minute: 0)
        front.commit("f2", "SHOP-7 checkout styles", minute: 60)
        var back = History()
        back.commit("b0", "init", author: "bob", minute: -10_000)
        back.commit("b1", "SHOP-7 checkout endpoint", author: "bob", minute: 0)
        let entries = [
            TimeEntry(date: "2026-01-01", author: "ann", task: "SHOP-7", hours: 6, activity: .work, estimateHours: nil),
            TimeEntry(date: "2026-01-01", author: "bob", task: "SHOP-7", hours: 4, activity: .work, estimateHours: nil),
            TimeEntry(date: "2026-01-02", author: "cy", task: "SHOP-7", hours: 1, activity: .review, estimateHours: nil),
        ]
        let tasks = TaskBuilder(config: RuleConfig()).build(
            [TaskBuilder.History(root: "/front", commits: front.commits), TaskBuilder.History(root: "/back", commits: back.commits)],
            sessions: [], timeEntries: entries
        ).filter { $0.key == "SHOP-7" }
        try #require(tasks.count == 2)
        #expect(abs(tasks.reduce(0) { $0 + $1.effortHours } - 10) < 1e-9)
        #expect(abs(tasks.reduce(0) { $0 + ($1.reviewerHours ?? 0) } - 1) < 1e-9)
        #expect(tasks.allSatisfy { $0.effortSource == "time log" && $0.effortHours < 10 })
        // In proportion to git's hours: the front end's two commits earned more than the back end's one.
        let frontTask = try #require(tasks.first { $0.repository == "/front" })
        #expect(frontTask.effortHours > 5)
    }

    @Test("a time log naming a task by its pull request (PR #202) gives it the hours; a row of 0 h keeps the git estimate")
    func timeLogByPullRequest() throws {
        var history = History()
        history.commit("m0", "init", author: "bob", minute: -600)
        history.commit("k1", "SHOP-202 add invoices", minute: 0)
        history.commit("k2", "SHOP-205 add credit notes", minute: 300)
        let pullRequest = PullRequest(
            number: 202, title: "Invoices", author: "ann", created: History.start + 600, merged: History.start + 7200,
            closed: nil, headBranch: "feat/SHOP-202-invoices", baseBranch: "main", additions: nil, deletions: nil,
            reviewRounds: 1, changeRequests: 0, firstReview: nil, reviewComments: 0, commits: ["k1"])
        let tasks = history.build(
            pullRequests: [pullRequest],
            timeEntries: [
                TimeEntry(date: "2026-01-01", author: "ann", task: "PR #202", hours: 2.5, activity: .work, estimateHours: nil),
                TimeEntry(date: "2026-01-01", author: "cy", task: "PR #202", hours: 0.75, activity: .review, estimateHours: nil),
                TimeEntry(date: "2026-01-01", author: "ann", task: "SHOP-205", hours: 0, activity: .work, estimateHours: nil),
            ])
        let invoices = try #require(tasks.first { $0.key == "SHOP-202" })
        #expect(invoices.pullRequest == 202 && invoices.effortHours == 2.5 && invoices.effortSource == "time log")
        #expect(invoices.reviewerHours == 0.75)
        // Two repositories' own pull requests #202: the hours logged for PR #202 are shared, not given twice.
        var other = History()
        other.commit("o0", "init", author: "dan", minute: -900)
        other.commit("o1", "SHOP-202 invoices api", author: "dan", minute: 10)
        var otherRequest = pullRequest
        otherRequest.commits = ["o1"]
        let both = TaskBuilder(config: RuleConfig()).build(
            [TaskBuilder.History(root: "/repo", commits: history.commits), TaskBuilder.History(root: "/other", commits: other.commits)],
            sessions: [], pullRequests: ["/repo": [pullRequest], "/other": [otherRequest]],
            timeEntries: [TimeEntry(date: "2026-01-01", author: "ann", task: "PR #202", hours: 2.5, activity: .work, estimateHours: nil)]
        ).filter { $0.pullRequest == 202 }
        #expect(both.count == 2 && abs(both.reduce(0) { $0 + $1.effortHours } - 2.5) < 1e-9)
        let credit = try #require(tasks.first { $0.key == "SHOP-205" })
        #expect(credit.effortSource == "git" && credit.effortHours > 0)
        #expect(
            TimeLogIndex.unmatched(
                [TimeEntry(date: "2026-01-01", author: "ann", task: "PR #202", hours: 1, activity: .work, estimateHours: nil)],
                tasks: [(key: "SHOP-202", branch: nil, pullRequest: 202)]
            ).isEmpty)
    }

    @Test("with a time log's hours, rework is git's share of rework in them, never more than the effort")
    func loggedRework() throws {
        var history = History()
        history.commit("a1", "ABC-1 add export", minute: 0)
        history.commit("a2", "ABC-1 address review comments", minute: 90)
        history.commit("a3", "fixup! ABC-1 add export", minute: 180)
        let git = try #require(history.build().first { $0.key == "ABC-1" })
        #expect(git.reworkHours > 0.5 && git.reworkHours < git.effortHours)
        let logged = try #require(
            history.build(timeEntries: [
                TimeEntry(date: "2026-01-01", author: "ann", task: "ABC-1", hours: 0.5, activity: .work, estimateHours: nil)
            ]).first { $0.key == "ABC-1" })
        #expect(logged.effortHours == 0.5 && logged.effortSource == "time log")
        #expect(abs(logged.reworkHours - git.reworkHours / git.effortHours * 0.5) < 1e-9)
        #expect(logged.reworkHours <= logged.effortHours)
    }

    @Test("a squash-merged pull request's folded commits that answered the review are its rework")
    func squashRework() throws {
        var history = History()
        history.commit("s1", "Add refunds (#12)", minute: 300)
        let created = History.start
        let pullRequest = PullRequest(
            number: 12, title: "Add refunds", author: "ann", created: created, merged: created + 30_000, closed: nil,
            headBranch: "feat/refunds", baseBranch: "main", additions: nil, deletions: nil, reviewRounds: 2,
            changeRequests: 1, firstReview: created + 7_200, reviewComments: 1, commits: ["0badc0de", "0badc0df", "0badc0e0"],
            // Written out of order: the export's order is not the time order.
            commitTimes: [created + 18_000, created + 60, created + 3_600],
            commitHeadlines: ["Address review feedback", "Add refunds", "Handle partial refunds"])
        let task = try #require(history.build(pullRequests: [pullRequest]).first { $0.key == "PR #12" })
        // Lead-in 0.5 h, then 59 min, then 4 h later another lead-in 0.5 h: the last is rework.
        #expect(abs(task.effortHours - (0.5 + 59.0 / 60 + 0.5)) < 1e-9)
        #expect(task.reworkHours == 0.5)
        #expect(task.commits.first?.rework?.contains("answered the review") == true)
        // An export without subjects (older rows) counts no rework.
        var bare = pullRequest
        bare.commitHeadlines = nil
        #expect(try #require(history.build(pullRequests: [bare]).first { $0.key == "PR #12" }).reworkHours == 0)
    }

    @Test("a squash-merged pull request's task takes the time-log rows of the key its head branch names")
    func squashTimeLogByBranchKey() throws {
        var history = History()
        history.commit("s1", "Add refunds (#12)", minute: 600)
        history.commit("k1", "SHOP-50 other work", author: "bob", minute: 10)
        let created = History.start
        let pullRequest = PullRequest(
            number: 12, title: "Add refunds", author: "ann", created: created, merged: created + 36_000, closed: nil,
            headBranch: "feat/SHOP-41-refunds", baseBranch: "main", additions: nil, deletions: nil, reviewRounds: 1,
            changeRequests: 0, firstReview: nil, reviewComments: 0, commits: ["0badc0de"], commitTimes: [created + 60, created + 3600])
        let entries = [
            TimeEntry(date: "2026-01-01", author: "ann", task: "SHOP-41", hours: 3, activity: .work, estimateHours: 4),
            TimeEntry(date: "2026-01-02", author: "bob", task: "SHOP-41", hours: 0.5, activity: .review, estimateHours: nil),
            // A key that is a task of its own is not taken by a branch that names it.
            TimeEntry(date: "2026-01-02", author: "bob", task: "SHOP-50", hours: 2, activity: .work, estimateHours: nil),
        ]
        let tasks = history.build(pullRequests: [pullRequest], timeEntries: entries)
        let squash = try #require(tasks.first { $0.key == "PR #12" })
        #expect(squash.branch == "feat/SHOP-41-refunds")
        #expect(squash.effortHours == 3 && squash.effortSource == "time log")
        #expect(squash.reviewerHours == 0.5 && squash.estimateHours == 4)
        #expect(tasks.first { $0.key == "SHOP-50" }?.effortHours == 2)
        #expect(TimeLogIndex.unmatched(entries, tasks: [("PR #12", "feat/SHOP-41-refunds", nil), ("SHOP-50", nil, nil)]).isEmpty)
        #expect(TimeLogIndex.unmatched(entries, tasks: [("PR #12", nil, nil), ("SHOP-50", nil, nil)]) == ["SHOP-41"])
    }

    @Test("a 'PR #N' row goes to the repositories whose pull request #N it is dated in; 'web#N' names one (probe 28)")
    func timeLogPullRequestByDate() throws {
        // Each repository's own pull request #1: web's merged on day 0, api's begun on day 3.
        // Day 0 is 2026-05-29 (History.start is 2026-05-28 20:26 UTC).
        func repository(_ prefix: String, day: Int64) -> History {
            let base = 240 + day * 1440
            var history = History()
            history.commit("\(prefix)0", "init", minute: base - 600)
            history.commit("\(prefix)1", "add x", minute: base)
            history.commit("\(prefix)2", "more x", minute: base + 90)
            history.commit("\(prefix)m", "Merge pull request #1 from acme/feature/x", minute: base + 180, parents: ["\(prefix)0", "\(prefix)2"])
            return history
        }
        func build(_ entries: [TimeEntry]) -> [String: WorkTask] {
            let tasks = TaskBuilder(config: RuleConfig()).build(
                [
                    TaskBuilder.History(root: "/team/web", commits: repository("a", day: 0).commits),
                    TaskBuilder.History(root: "/team/api", commits: repository("b", day: 3).commits),
                ], sessions: [], timeEntries: entries)
            return Dictionary(tasks.filter { $0.key == "PR #1" }.map { ($0.repository, $0) }, uniquingKeysWith: { a, _ in a })
        }
        func row(_ task: String, _ date: String, _ hours: Double, _ activity: TimeEntry.Activity = .work, estimate: Double? = nil) -> TimeEntry {
            TimeEntry(date: date, author: "alice", task: task, hours: hours, activity: activity, estimateHours: estimate)
        }
        // Web's pull request's day, three days before api's existed.
        let early = build([row("PR #1", "2026-05-29", 6, estimate: 5), row("PR #1", "2026-05-29", 1, .review)])
        let web = try #require(early["/team/web"])
        let api = try #require(early["/team/api"])
        #expect(web.effortHours == 6 && web.effortSource == "time log" && web.reviewerHours == 1 && web.estimateHours == 5)
        #expect(api.effortSource == "git" && api.effortHours > 0 && api.reviewerHours == nil && api.estimateHours == nil)
        // A row dated when both were open is shared as before; `api#1` (or `acme/api#1`) is api's alone.
        let shared = build([row("PR #1", "2026-06-02", 4), row("api#1", "2026-05-29", 2), row("acme/API#1", "2026-05-30", 1)])
        let both = try #require(shared["/team/web"]?.effortHours)
        let apiShare = try #require(shared["/team/api"]?.effortHours)
        #expect(abs(both + apiShare - 7) < 1e-9 && apiShare > 3 && both > 0 && both < 4)
        // A repository no task has: its rows go nowhere, and the name is said to match no task.
        let elsewhere = build([row("PR #1", "2026-05-29", 6), row("shop#1", "2026-05-29", 2)])
        #expect(elsewhere["/team/web"]?.effortHours == 6)
        let names = [
            TimeLogIndex.TaskName(key: "PR #1", branch: nil, pullRequest: nil, repository: "/team/web", start: web.start, end: web.end),
            TimeLogIndex.TaskName(key: "PR #1", branch: nil, pullRequest: nil, repository: "/team/api", start: api.start, end: api.end),
        ]
        let entries = [row("PR #1", "2026-05-29", 6), row("shop#1", "2026-05-29", 2), row("API#1", "2026-05-29", 2)]
        #expect(TimeLogIndex.unmatched(entries, tasks: names) == ["shop#1"])
        // Ambiguous only where the row's date falls in both pull requests' spans.
        #expect(TimeLogIndex.ambiguousPullRequests(entries, tasks: names).isEmpty)
        let ambiguous = TimeLogIndex.ambiguousPullRequests([row("PR #1", "2026-06-02", 6), row("api#1", "2026-06-02", 1)], tasks: names)
        #expect(ambiguous.map(\.task) == ["PR #1"] && ambiguous.first?.repositories == ["api", "web"])
    }

    @Test("a task's estimate is its earliest work row's, a review row's only where no work row has one (probe 28)")
    func timeLogEstimates() throws {
        func row(_ date: String, _ activity: TimeEntry.Activity, _ estimate: Double?, task: String = "ABC-1") -> TimeEntry {
            TimeEntry(date: date, author: "alice", task: task, hours: 1, activity: activity, estimateHours: estimate)
        }
        let entries = [
            row("2026-11-18", .review, 99), row("2026-11-17", .work, 8), row("2026-11-16", .work, 2), row("2026-11-16", .work, 3),
            row("2026-11-20", .review, 5, task: "ABC-2"), row("2026-11-21", .work, nil, task: "ABC-2"),
            row("2026-11-20", .work, 4, task: "ABC-3"), row("2026-11-21", .work, 4, task: "abc-3"),
        ]
        let index = TimeLogIndex(entries)
        #expect(index.estimate == ["ABC-1": 2, "ABC-2": 5, "ABC-3": 4])
        let conflicts = TimeLogIndex.estimateConflicts(entries)
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.task == "ABC-1" && conflicts.first?.values == [99, 8, 2, 3] && conflicts.first?.used == 2)
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0)
        #expect(history.build(timeEntries: entries).first { $0.key == "ABC-1" }?.estimateHours == 2)
    }

    @Test("time-log keys: spaces and tabs trimmed, upper case, a pull request's 'PR #N' as '#N', any script")
    func timeLogKeys() {
        #expect(TimeLogIndex.normalized("  shop-41\t") == "SHOP-41")
        #expect(TimeLogIndex.normalized("pr #12") == "#12")
        #expect(TimeLogIndex.normalized("PR #12") == TimeLogIndex.normalized("#12"))
        // GitLab's `!12` and the other ways a pull request is written (probe 28); not a Jira project `PR-12`.
        for spelling in ["!12", "PR#12", "pr 12", " PR #12 ", "#12"] { #expect(TimeLogIndex.normalized(spelling) == "#12", "\(spelling)") }
        #expect(TimeLogIndex.normalized("PR-12") == "PR-12" && TimeLogIndex.normalized("PR 12a") == "PR 12A")
        #expect(TimeLogIndex.normalized("acme/web#12") == "WEB#12" && TimeLogIndex.normalized("web #12") == "WEB #12")
        #expect(TimeLogIndex.normalized("burst 47766aac550e") == "BURST 47766AAC550E")
        // Not ASCII: Foundation's trimming (a no-break space is whitespace) and Unicode upper case.
        #expect(TimeLogIndex.normalized("\u{00A0}straße-7 ") == "STRASSE-7")
        #expect(TimeLogIndex.normalized("") == "")
        #expect(TimeLogIndex.normalized(" \t ") == "")
    }

    @Test("pull requests join tasks by number, branch or commits; merge time ends the cycle")
    func exportedPullRequests() throws {
        var history = History()
        history.commit("s1", "Add retries (#7)", minute: 0)
        history.commit("a1", "ABC-1 one", author: "bob", minute: 10)
        let created = History.start
        func pullRequest(_ number: Int, commits: [String]) -> PullRequest {
            PullRequest(
                number: number, title: "t", author: "ann", created: created, merged: created + 7200, closed: nil,
                headBranch: nil, baseBranch: "main", additions: nil, deletions: nil, reviewRounds: 2, changeRequests: 1,
                firstReview: created + 3600, reviewComments: 3, commits: commits)
        }
        let tasks = history.build(pullRequests: [pullRequest(7, commits: []), pullRequest(9, commits: ["a1"])])
        let squash = try #require(tasks.first { $0.key == "PR #7" })
        #expect(squash.pullRequest == 7 && squash.reviewRounds == 2 && squash.firstReviewWaitHours == 1)
        #expect(squash.mergeWaitHours == 2 && squash.end == created + 7200 && squash.cycleHours == 2)
        #expect(tasks.first { $0.key == "ABC-1" }?.pullRequest == 9)
    }

    @Test("a pull request merged by 'Rebase and merge' (new hashes) joins its task by its commits' author times and subjects")
    func rebasedPullRequest() throws {
        var history = History()
        history.commit("m0", "init", author: "bob", minute: -600)
        history.commit("r1", "Add report page", minute: 0)
        history.commit("r2", "Report page tests", minute: 60)
        let created = History.start + 30 * 60
        let pullRequest = PullRequest(
            number: 302, title: "Report page", author: "ann", created: created, merged: History.start + 7 * 3600, closed: nil,
            headBranch: "feat/report", baseBranch: "main", additions: nil, deletions: nil, reviewRounds: 2, changeRequests: 1,
            firstReview: created + 3600, reviewComments: 1, commits: ["0ld1", "0ld2"],
            commitTimes: [History.start, History.start + 3600], commitHeadlines: ["Add report page", "Report page tests"])
        let tasks = history.build(pullRequests: [pullRequest])
        let task = try #require(tasks.first { $0.commits.contains { $0.hash == "r1" } })
        #expect(task.pullRequest == 302 && task.reviewRounds == 2)
        #expect(task.cycleHours == 7)
        #expect(tasks.first { $0.commits.contains { $0.hash == "m0" } }?.pullRequest == nil)
    }

    @Test("a pull request found by number is not joined when its head branch and commits are another's (an export of another repository)")
    func foreignPullRequest() {
        var history = History()
        let base = history.commit("m0", "init", minute: 0)
        history.commit("f1", "add refunds", author: "bob", minute: 10, parents: [base])
        history.commit("m1", "Merge pull request #1 from acme/feature/refund-api", minute: 30, parents: [base, "f1"], files: [])
        func pullRequest(branch: String, commits: [String]) -> PullRequest {
            PullRequest(
                number: 1, title: "t", author: "ann", created: History.start, merged: History.start + 90 * 3600, closed: nil,
                headBranch: branch, baseBranch: "main", additions: nil, deletions: nil, reviewRounds: 2, changeRequests: 1,
                firstReview: History.start + 3600, reviewComments: 3, commits: commits)
        }
        let foreign = history.build(pullRequests: [pullRequest(branch: "feature/checkout-page", commits: ["zz9"])])
        let task = foreign.first { $0.key == "PR #1" }
        #expect(task?.pullRequest == nil && task?.reviewRounds == nil && (task?.cycleHours ?? 99) < 1)
        // The same number with this merge's branch, or with one of its commits, is this task's.
        #expect(history.build(pullRequests: [pullRequest(branch: "feature/refund-api", commits: [])]).first { $0.key == "PR #1" }?.pullRequest == 1)
        #expect(history.build(pullRequests: [pullRequest(branch: "renamed", commits: ["f1"])]).first { $0.key == "PR #1" }?.pullRequest == 1)
    }

    @Test("a squash merge's effort comes from its pull request's commit times when an export gives them")
    func squashTimeline() throws {
        var history = History()
        history.commit("a0", "ABC-1 earlier work", minute: 0)
        history.commit("s1", "Add coupons (#12)", minute: 360)  // 6 h later: alone, a lead-in
        history.commit("a2", "ABC-3 next", minute: 380)
        func pullRequest(_ number: Int, minutes: [Int64], commits: [String] = ["x1", "x2", "x3", "x4"]) -> PullRequest {
            PullRequest(
                number: number, title: "Add coupons", author: "ann", created: History.start + 350 * 60,
                merged: History.start + 360 * 60, closed: nil, headBranch: nil, baseBranch: "main", additions: nil,
                deletions: nil, reviewRounds: 0, changeRequests: 0, firstReview: nil, reviewComments: 0, commits: commits,
                commitTimes: minutes.map { History.start + $0 * 60 })
        }
        let plain = try #require(history.build().first { $0.key == "PR #12" })
        #expect(plain.effortHours == 0.5)
        // Worked at 3:00 (3 h after a0: a lead-in), 3:40, 4:30 and 5:10; a2 follows the squash by 20 minutes.
        let tasks = history.build(pullRequests: [pullRequest(12, minutes: [250, 180, 220, 310])])
        let squash = try #require(tasks.first { $0.key == "PR #12" })
        #expect(abs(squash.effortHours - (0.5 + 40.0 / 60 + 50.0 / 60 + 40.0 / 60)) < 1e-9)
        #expect(squash.commits.first?.effortReason.contains("4 commits of pull request #12") == true)
        // The squash's own time (the merge) is no work: a2 earns the 70 minutes since 5:10.
        #expect(abs((tasks.first { $0.key == "ABC-3" }?.effortHours ?? 0) - 70.0 / 60) < 1e-9)
        // Not restored: the pull request's commits are in the history, or a time is after the squash.
        let ingested = history.build(pullRequests: [pullRequest(12, minutes: [180, 220], commits: ["a0"])])
        #expect(ingested.first { $0.key == "PR #12" }?.effortHours == 0.5)
        let later = history.build(pullRequests: [pullRequest(12, minutes: [180, 400])])
        #expect(later.first { $0.key == "PR #12" }?.effortHours == 0.5)
        // A cherry-pick keeps the `(#12)` subject: only the first such commit takes the timeline.
        var picked = history
        picked.commit("c1", "Add coupons (#12)", author: "ann", minute: 900)
        let restoredPick = picked.build(pullRequests: [pullRequest(12, minutes: [250, 180, 220, 310])])
        let pickedTask = try #require(restoredPick.first { $0.key == "PR #12" })
        #expect(pickedTask.commits.first { $0.hash == "c1" }?.effortReason.contains("pull request #12") == false)
    }

    @Test("a squash's (#N) takes an export's #N only when its title or its merge time agrees (not another repository's #N)")
    func squashAgreement() throws {
        var history = History()
        history.commit("a0", "ABC-1 earlier work", minute: 0)
        history.commit("s1", "Add coupons (#12)", minute: 360)
        func pullRequest(title: String, mergedMinute: Int64) -> PullRequest {
            PullRequest(
                number: 12, title: title, author: "ann", created: History.start + (mergedMinute - 600) * 60,
                merged: History.start + mergedMinute * 60, closed: nil, headBranch: "other", baseBranch: "main", additions: nil,
                deletions: nil, reviewRounds: 4, changeRequests: 0, firstReview: nil, reviewComments: 0, commits: ["x1", "x2"],
                commitTimes: [History.start + (mergedMinute - 700) * 60, History.start + (mergedMinute - 650) * 60])
        }
        // Another repository's #12: another title, merged three days later.
        let foreign = history.build(pullRequests: [pullRequest(title: "Bump lodash", mergedMinute: 360 + 3 * 1440)])
        let alone = try #require(foreign.first { $0.key == "PR #12" })
        #expect(alone.effortHours == 0.5 && alone.branch == nil)
        #expect(!alone.commits[0].effortReason.contains("pull request #12"))
        // The same title (case and spacing aside), merged a day later: it is this squash's.
        let titled = history.build(pullRequests: [pullRequest(title: "add  Coupons", mergedMinute: 360 + 1440)])
        #expect(try #require(titled.first { $0.key == "PR #12" }).branch == "other")
        // A squash whose message was edited, committed at the merge: it is this squash's too.
        let timed = history.build(pullRequests: [pullRequest(title: "Coupons at checkout", mergedMinute: 361)])
        #expect(try #require(timed.first { $0.key == "PR #12" }).branch == "other")
        #expect(Reviews.squashTitle("Merged PR 12: Add  X") == "add x" && Reviews.squashTitle("Add X (pull request #3)") == "add x")
    }

    @Test("ids are stable and distinct")
    func ids() {
        #expect(TaskBuilder.id(repository: "/r", key: "PR #1") == TaskBuilder.id(repository: "/r", key: "PR #1"))
        let ids = Set((1...2000).map { TaskBuilder.id(repository: "/r", key: "PR #\($0)") })
        #expect(ids.count == 2000)
        #expect(TaskBuilder.id(repository: "/r", key: "x").count == 12)
    }
}

@Suite("Classification of whole tasks")
struct TaskClassificationTests {
    @Test("a folder moved or renamed with no line changed is maintenance, whatever the folder is called")
    func movedOnly() {
        var history = History()
        history.commit("m1", "Move app/auth to app/authentication", minute: 0, files: [])
        history.commits[0].files = ["login.py", "tokens.py", "permissions.py"].map {
            FileChange(path: "app/authentication/" + $0, oldPath: "app/auth/" + $0, linesAdded: 0, linesDeleted: 0)
        }
        history.commit("e1", "Add login throttling", minute: 600, files: ["app/auth/login.py"])
        let tasks = history.build()
        #expect(tasks.first { $0.commits.map(\.hash) == ["m1"] }?.category == .maintenance, "\(tasks.first { $0.commits.map(\.hash) == ["m1"] }?.evidence ?? [])")
        #expect(tasks.first { $0.commits.map(\.hash) == ["m1"] }?.evidence.contains { $0.detail.contains("moved or renamed") } == true)
        // Edited as well as moved: the move is no longer the whole story.
        #expect(tasks.first { $0.commits.map(\.hash) == ["e1"] }?.evidence.contains { $0.detail.contains("moved or renamed") } == false)
    }
}

@Suite("Issue keys")
struct IssueKeyTests {
    @Test("keys in subjects", arguments: [
        ("ABC-123: fix", "ABC-123"), ("fix [PROJ-7] thing", "PROJ-7"), ("Fix #12 crash", "#12"), ("GH-44 flaky", "#44"),
        ("Use UTF-8 everywhere", nil), ("Move to SHA-256", nil), ("Fix thing (#12)", nil), ("abc-12 lower", nil),
        ("Bump to ES-2015", nil), ("x#12", nil),
        // git's revert of a merge names the merge, not an issue.
        ("Revert \"Merge pull request #1 from acme/SHOP-3-search\"", nil), ("Revert \"SHOP-3: add search\"", "SHOP-3"),
        // Nor does a revert of a squash merge, or a revert of that revert (probe 25: a task "#12" beside "PR #12").
        ("Revert \"Add payment webhooks (#12)\"", nil), ("Revert \"Revert \"Add payment webhooks (#12)\"\"", nil),
        ("Revert \"Revert \"Merge pull request #3 from acme/x\"\"", nil), ("Revert \"Add webhooks (#12)\" (#15)", nil),
        ("Revert \"Fix #12 crash\"", "#12"),
    ] as [(String, String?)])
    func subjects(subject: String, key: String?) {
        #expect(IssueKeys.inSubject(subject) == key)
    }

    @Test("lower-case keys in branches count only for known projects")
    func branches() {
        #expect(IssueKeys.inBranch("feat/abc-12-add", knownProjects: ["ABC"]) == "ABC-12")
        #expect(IssueKeys.inBranch("fix-2-bugs", knownProjects: ["ABC"]) == nil)
        #expect(IssueKeys.inBranch("feature/ABC-9", knownProjects: []) == "ABC-9")
    }
}

@Suite("Session linking and AI attribution")
struct LinkingTests {
    static let hour: Int64 = 3_600_000

    func session(
        _ id: String, files: Set<String> = [], minutes: [Int64], branch: String? = nil, commits: [String] = [],
        directory: String? = nil, repository: String? = "/repo"
    ) -> SessionActivity {
        SessionActivity(
            tool: "claude-code", id: id, repository: repository, branch: branch, workingDirectory: directory,
            eventTimes: minutes.map { (History.start + $0 * 60) * 1000 }, filesEdited: files, commits: commits,
            promptWords: ["parser": 2])
    }

    func history() -> History {
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0, files: ["src/parser.ts"])
        history.commit("a2", "ABC-1 two", minute: 60, files: ["src/parser.ts"])
        history.commit("b1b2c3d4e5", "XY-2 other", author: "bob", minute: 3000, files: ["src/other.ts"])
        return history
    }

    @Test("a session that edited a task's file, with an event from 24 h before the first commit to the last, links")
    func fileOverlap() throws {
        let tasks = history().build(sessions: [
            session("s1", files: ["src/parser.ts"], minutes: [-600, -590]),
            session("too-early", files: ["src/parser.ts"], minutes: [-1500]),
            session("other-file", files: ["src/x.ts"], minutes: [10]),
        ])
        let task = try #require(tasks.first { $0.key == "ABC-1" })
        #expect(task.sessions.map(\.id) == ["s1"])
        #expect(task.ai && task.aiTools == ["claude-code"])
        #expect(task.aiLinesAdded == 20)
        #expect(task.start == History.start - 600 * 60)
        #expect(tasks.first { $0.key == "XY-2" }?.ai == false)
    }

    @Test("a log without file edits links by active time within 2 hours before the first commit up to the last, weakly, only when its owner is known")
    func timeOverlap() throws {
        let tasks = history().build(sessions: [
            session("near", minutes: [-100, -95, -90], directory: "/home/ann/repo"),
            session("far", minutes: [-200, -190], directory: "/home/ann/repo"),
            session("anyone", minutes: [-100, -95], directory: "/workspace/repo"),
        ])
        let task = try #require(tasks.first { $0.key == "ABC-1" })
        #expect(task.sessions.map(\.id) == ["near"])
        #expect(task.sessions.first?.evidence == .time)
        #expect(task.aiOnWeakEvidenceOnly)
    }

    @Test("weak evidence links a session to one task: the one with the most of its events in the window, never to every candidate")
    func weakLinksPickOne() throws {
        var history = History()
        // Two of ann's tasks touch the same file within a day; her session edited it, mostly
        // while the second was being written.
        history.commit("a1", "ABC-1 one", minute: 0, files: ["db/schema.rb", "src/a.ts"])
        history.commit("a2", "ABC-2 two", minute: 600, files: ["db/schema.rb", "src/b.ts"])
        let tasks = history.build(sessions: [
            session("owned", files: ["db/schema.rb"], minutes: [-30, -25, 500, 505, 510, 515, 520, 525, 530], directory: "/home/ann/repo")
        ])
        let linked = tasks.filter { !$0.sessions.isEmpty }
        #expect(linked.map(\.key) == ["ABC-2"])
        let reason = try #require(linked.first?.sessions.first?.reason)
        #expect(reason.contains("which 2 of its owner's tasks touched then (weak); the likeliest of 2 such tasks, with the most of its events from 2.0 h before"))
    }

    @Test("a session whose branch names a key no task carries links by file to an unkeyed task, never to another issue of the tracker")
    func branchKeyWithoutTask() throws {
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0, files: ["src/parser.ts"])
        history.commit("b1", "Tidy the lexer", author: "bob", minute: 0, files: ["src/lexer.ts"])
        let tasks = history.build(sessions: [
            session("other-issue", files: ["src/parser.ts"], minutes: [-30, -25, -20], branch: "ABC-9-cache"),
            session("unkeyed", files: ["src/lexer.ts"], minutes: [-30, -25, -20], branch: "ABC-9-cache"),
        ])
        #expect(tasks.first { $0.key == "ABC-1" }?.sessions.isEmpty == true)
        #expect(tasks.first { $0.author == "bob@example.com" }?.sessions.map(\.id) == ["unkeyed"])
    }

    @Test("a file or time link needs the session active for 10% of the task's effort; a key link of a session that edited does not; a one-timestamp log is exempt")
    func materialShare() throws {
        // ABC-1's effort is 1.5 hours (a 30-minute lead-in, then 60 minutes): 9 minutes is 10%.
        let tasks = history().build(sessions: [
            session("question", files: ["src/parser.ts"], minutes: [5, 9, 12]),
            session("work", files: ["src/parser.ts"], minutes: [5, 10, 14]),
            session("brief-owner", minutes: [20, 25], directory: "/home/ann/repo"),
            session("keyed", files: ["src/other.ts"], minutes: [20, 21], branch: "ABC-1-parser"),
            session("keyed-no-edit", minutes: [20, 21], branch: "ABC-1-parser"),
            session("one-stamp", files: ["src/parser.ts"], minutes: [30]),
        ])
        let task = try #require(tasks.first { $0.key == "ABC-1" })
        #expect(task.sessions.map(\.id).sorted() == ["keyed", "one-stamp", "work"])
    }

    @Test("a squash-merged pull request's task links sessions around its own commits (export times, ids, head branch), however long the review waited")
    func squashWindow() throws {
        var history = History()
        history.commit("s1", "Ledger sums (#7)", author: "ann", minute: 3 * 1440, files: ["src/ledger.py"])
        let pullRequest = PullRequest(
            number: 7, title: "Ledger sums", author: "ann", created: History.start + 300 * 60,
            merged: History.start + 3 * 1440 * 60, closed: nil, headBranch: "ledger-sums", baseBranch: "main",
            additions: nil, deletions: nil, reviewRounds: 1, changeRequests: 0, firstReview: nil, reviewComments: 0,
            commits: ["c1c1c1c1c1", "c2c2c2c2c2"], commitTimes: [History.start + 60 * 60, History.start + 240 * 60])
        let tasks = history.build(
            sessions: [
                session("editing", files: ["src/ledger.py"], minutes: [30, 40, 50], directory: "/workspace"),
                session("committing", minutes: [200], commits: ["c2c2c2c2"], directory: "/workspace"),
                session("on-branch", minutes: [100], branch: "ledger-sums", directory: "/workspace"),
            ],
            pullRequests: [pullRequest])
        let task = try #require(tasks.first { $0.key == "PR #7" })
        #expect(task.sessions.map(\.id) == ["editing", "committing", "on-branch"])
        #expect(task.sessions.map(\.evidence) == [.file, .commit, .key])
        #expect(task.branch == "ledger-sums")
        #expect(task.firstCommitTime == History.start + 60 * 60)
        // From the work's first commit (the first session event is earlier still) to the merge.
        #expect(task.start == History.start + 30 * 60)
        #expect(abs(task.cycleHours - (3 * 24 - 0.5)) < 1e-9)
    }

    @Test("a merge request squashed into one commit and merged (GitLab) is looked for from its creation, however long before the squash")
    func gitLabSquashAndMerge() throws {
        var history = History()
        let base = history.commit("m0", "init", minute: 0, files: ["README.md"])
        history.commit("s1", "Wishlist bundle optimizer", minute: 3 * 1440, parents: [base], files: ["src/bundle.ts"])
        history.commit(
            "m1", "Merge branch 'wishlist-bundle' into 'main'", minute: 3 * 1440 + 5, parents: [base, "s1"], files: [],
            body: "Wishlist bundle optimizer\n\nSee merge request acme/shop!12")
        let mergeRequest = PullRequest(
            number: 12, title: "Wishlist bundle optimizer", author: "ann", created: History.start + 60 * 60,
            merged: History.start + (3 * 1440 + 5) * 60, closed: nil, headBranch: "wishlist-bundle", baseBranch: "main",
            additions: nil, deletions: nil, reviewRounds: 1, changeRequests: 0, firstReview: nil, reviewComments: 0,
            commits: ["m1"], commitTimes: nil)  // GitLab's list names the merge commit (`merge_commit_sha`)
        let sessions = [session("on-branch", files: ["src/bundle.ts"], minutes: [120, 130, 140], branch: "wishlist-bundle", directory: "/workspace")]
        let task = try #require(history.build(sessions: sessions, pullRequests: [mergeRequest]).first { $0.key == "PR #12" })
        #expect(task.sessions.map(\.id) == ["on-branch"])
        #expect(task.firstCommitTime == History.start + 60 * 60)
        // Without the export, the window is the 24 hours before the squash commit: no link.
        let alone = try #require(history.build(sessions: sessions).first { $0.key == "PR #12" })
        #expect(alone.sessions.isEmpty)
    }

    @Test("a session on a task's branch after its work (a review) does not link; a file most tasks touch does not link alone")
    func reviewsAndCommonFiles() throws {
        var history = History()
        history.commit("a1", "SHOP-1 cart", author: "ann", minute: 0, files: ["app/cart.rb"])
        history.commit("a2", "SHOP-1 cart totals", author: "ann", minute: 60, files: ["app/cart.rb"])
        // Six tasks, a day apart, each touching the schema: a file that tells little on its own.
        for day in 1...6 {
            history.commit("s\(day)", "SHOP-\(day + 1) step \(day)", author: "bob", minute: Int64(day) * 1440, files: ["db/schema.rb", "app/m\(day).rb"])
        }
        let tasks = history.build(sessions: [
            session("reviewing", files: ["app/cart.rb"], minutes: [120, 140], branch: "SHOP-1-cart", directory: "/workspace"),
            session("writing", files: ["app/cart.rb"], minutes: [30], branch: "SHOP-1-cart", directory: "/workspace"),
            session("schema-only", files: ["db/schema.rb"], minutes: [3 * 1440 - 30], directory: "/workspace"),
        ])
        let cart = try #require(tasks.first { $0.key == "SHOP-1" })
        #expect(cart.sessions.map(\.id) == ["writing"])
        #expect(tasks.filter { $0.sessions.contains { $0.id == "schema-only" } }.isEmpty)
    }

    @Test("a file several tasks touched in the window does not link on its own; a file only one touched does")
    func sharedFiles() throws {
        var history = History()
        history.commit("a1", "SHOP-1 cart", author: "ann", minute: 0, files: ["db/schema.rb", "app/cart.rb"])
        history.commit("b1", "SHOP-2 orders", author: "bob", minute: 30, files: ["db/schema.rb", "app/orders.rb"])
        let tasks = history.build(sessions: [
            session("shared-only", files: ["db/schema.rb"], minutes: [-20], directory: "/workspace"),
            session("specific", files: ["db/schema.rb", "app/orders.rb"], minutes: [10], directory: "/workspace"),
        ])
        let cart = try #require(tasks.first { $0.key == "SHOP-1" })
        let orders = try #require(tasks.first { $0.key == "SHOP-2" })
        #expect(cart.sessions.isEmpty)
        #expect(!cart.ai)
        #expect(orders.sessions.map(\.id) == ["specific"])
        #expect(orders.sessions.first?.evidence == .file)
        #expect(orders.sessions.first?.reason.hasPrefix("edited app/orders.rb, which no other task touched then") == true)
    }

    @Test("a session whose branch or prompts name a task's key links to that task only, merge commits or not")
    func keyedSessions() throws {
        var history = History()
        history.commit("a1", "SHOP-1 cart", author: "ann", minute: 0, files: ["db/schema.rb", "app/cart.rb"])
        history.commit("b1", "SHOP-2 orders", author: "bob", minute: 30, files: ["db/schema.rb", "app/orders.rb"])
        var byPrompt = session("prompted", files: ["app/cart.rb"], minutes: [10], directory: "/workspace")
        byPrompt.promptKeys = ["SHOP-2"]
        let tasks = history.build(sessions: [
            session("branched", files: ["app/cart.rb", "db/schema.rb"], minutes: [10], branch: "SHOP-2-orders", directory: "/workspace"),
            byPrompt,
            session("reviewing", files: ["app/orders.rb"], minutes: [40], branch: "shop-2-orders", directory: "/home/ann/shop"),
        ])
        let cart = try #require(tasks.first { $0.key == "SHOP-1" })
        let orders = try #require(tasks.first { $0.key == "SHOP-2" })
        #expect(cart.sessions.isEmpty)
        #expect(orders.sessions.map(\.id) == ["branched", "prompted"])
        #expect(orders.sessions.allSatisfy { $0.evidence == .key })
        #expect(orders.sessions.first?.reason == "its branch SHOP-2-orders names SHOP-2")
        #expect(orders.sessions.last?.reason == "its prompts name SHOP-2")
        #expect(!orders.aiOnWeakEvidenceOnly)
    }

    @Test("a session on another branch than the task's does not link")
    func wrongBranch() {
        var history = History()
        let base = history.commit("m0", "init", minute: 0, files: ["README.md"])
        history.commit("f1f1f1f1f1", "add parser", minute: 10, parents: [base], files: ["src/parser.ts"])
        history.commit("m1", "Merge pull request #5 from me/parser", minute: 20, parents: [base, "f1f1f1f1f1"], files: [])
        let tasks = history.build(sessions: [
            session("right", files: ["src/parser.ts"], minutes: [5], branch: "parser"),
            session("wrong", files: ["src/parser.ts"], minutes: [5], branch: "other"),
            // A session that made the commit links whatever branch its log started on.
            session("made-it", minutes: [5], branch: "other", commits: ["f1f1f1f1"]),
        ])
        #expect(tasks.first { $0.key == "PR #5" }?.sessions.map(\.id) == ["right", "made-it"])
    }

    @Test("a session in a user folder naming another author does not link to this author's task")
    func owner() {
        let tasks = history().build(sessions: [
            session("bobs", files: ["src/parser.ts"], minutes: [10], directory: "/home/bob/src/repo"),
            session("anns", files: ["src/parser.ts"], minutes: [10], directory: "/home/ann/code/repo"),
        ])
        #expect(tasks.first { $0.key == "ABC-1" }?.sessions.map(\.id) == ["anns"])
    }

    @Test("outside a user folder, the deepest folder of the log's own path that names one author is the owner")
    func ownerFromSource() {
        func collected(_ id: String, source: String) -> SessionActivity {
            var activity = session(id, files: ["src/parser.ts"], minutes: [10], branch: nil, directory: "/workspace")
            activity.source = source
            return activity
        }
        let tasks = history().build(sessions: [
            // bob's log, collected from his machine into the team's folder: not ann's work.
            collected("bobs", source: "/home/ann/team-logs/bob/projects/-workspace/bobs.jsonl"),
            // ann's own log in her home.
            collected("anns", source: "/home/ann/.claude/projects/-workspace/anns.jsonl"),
        ])
        #expect(tasks.first { $0.key == "ABC-1" }?.sessions.map(\.id) == ["anns"])
        let identities: [String: Set<String>] = ["ann@x": ["ann"], "bob@x": ["bob"], "bo@x": ["bo", "bob"]]
        #expect(SessionOwners.owner(workingDirectory: "/workspace", source: "/logs/ann/s.jsonl", identities: identities) == "ann@x")
        // A folder two people go by names no owner, and the folders above it are not asked.
        #expect(SessionOwners.owner(workingDirectory: "/workspace", source: "/home/ann/bob/s.jsonl", identities: identities) == nil)
        #expect(SessionOwners.owner(workingDirectory: "/workspace", source: "/srv/logs/s.jsonl", identities: identities) == nil)
        // The user folder the session ran in comes first.
        #expect(SessionOwners.owner(workingDirectory: "/home/ann/repo", source: "/logs/bo/s.jsonl", identities: identities) == "ann@x")
    }

    @Test("a session with no file edits on its task's branch links only when it is material to the task")
    func explainOnlyOnBranch() {
        var history = History()
        let base = history.commit("b0", "init", minute: 0)
        // Five commits 100 minutes apart: about 7 hours of effort, so 10% is about 43 minutes.
        history.commit("p1", "Add parser", minute: 10, parents: [base], files: ["src/parser.ts"])
        for step in 2...5 { history.commit("p\(step)", "More parser", minute: Int64(step - 1) * 100 + 10, files: ["src/parser.ts"]) }
        history.commit("mg", "Merge pull request #5 from acme/feature/parser", minute: 420, parents: [base, "p5"], files: [])
        let built = history.build(sessions: [
            // A 10-minute question on the task's branch: asked, not written with.
            session("question", minutes: [100, 105, 110], branch: "feature/parser"),
            // Two and a half hours on the branch, though its log shows no edit: material.
            session("long", minutes: Array(stride(from: 150, through: 300, by: 5)), branch: "feature/parser"),
        ])
        let task = built.first { $0.key == "PR #5" }
        #expect(task?.sessions.map(\.id) == ["long"])
    }

    @Test("a session outside any user folder that names only one author's commits is that author's")
    func ownerFromCommits() {
        // bob's session names his commit and edited ann's file within her task's window: not hers.
        let tasks = history().build(sessions: [
            session("bobs", files: ["src/parser.ts"], minutes: [10], commits: ["b1b2c3d"], directory: "/srv/checkouts/repo"),
            session("unknown", files: ["src/parser.ts"], minutes: [10], directory: "/srv/checkouts/repo"),
        ])
        #expect(tasks.first { $0.key == "ABC-1" }?.sessions.map(\.id) == ["unknown"])
        #expect(tasks.first { $0.key == "XY-2" }?.sessions.map(\.id) == ["bobs"])
    }

    @Test("a session that names a commit links to its task")
    func commitReference() {
        let tasks = history().build(sessions: [session("aider", minutes: [9000], commits: ["b1b2c3d"])])
        #expect(tasks.first { $0.key == "XY-2" }?.sessions.first?.reason.contains("names commit") == true)
    }

    @Test("sessions of other repositories never link")
    func otherRepository() {
        let tasks = history().build(sessions: [session("s", files: ["src/parser.ts"], minutes: [10], repository: "/elsewhere")])
        #expect(tasks.allSatisfy { $0.sessions.isEmpty })
    }

    @Test("AI-marked commits make a task AI-assisted, with the evidence")
    func marks() throws {
        var history = History()
        history.commit("a1", "ABC-1 one", minute: 0, marks: [AIMark(tool: "codex", evidence: "Co-authored-by: Codex")])
        let task = try #require(history.build().first)
        #expect(task.ai && task.aiTools == ["codex"])
        #expect(task.aiReasons.first?.contains("Co-authored-by: Codex") == true)
    }

    @Test("labels override category and AI, found by key or by first commit")
    func labels() throws {
        let labels = [
            Label(repository: "/repo", key: "ABC-1", firstCommit: "a1", category: .security, ai: true),
            Label(repository: "/repo", key: "old key", firstCommit: "b1b2c3d4e5", category: .docs, ai: nil),
        ]
        let tasks = history().build(labels: labels)
        let abc = try #require(tasks.first { $0.key == "ABC-1" })
        #expect(abc.category == .security && abc.labelled && abc.confidence == 1 && abc.ai)
        #expect(tasks.first { $0.key == "XY-2" }?.category == .docs)
    }
}
