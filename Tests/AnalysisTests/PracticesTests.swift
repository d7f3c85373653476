import Foundation
import Model
import Testing
@testable import Analysis

/// The practices analysis on hand-made tasks. These tests hand in the true workflows (and the
/// true context-file history): they check the last step only — grouping, the estimator and the
/// verdicts — with the answer to everything before it given. The end-to-end check, from raw git
/// and logs through the built binary, is `PracticesEndToEndTests` and `MultiplierBench practices`.
@Suite("Practices: plan first, context files, prototypes")
struct PracticesTests {
    static let week: Int64 = 7 * 86_400
    /// Monday 2026-08-03 00:00 UTC.
    static let origin: Int64 = 1_785_715_200

    /// A task with one linked session `claude-code/<id>`; lognormal-ish effort from a fixed cycle.
    static func task(
        _ id: String, _ category: Model.Category = .crud, ai: Bool = true, effort: Double, start: Int64, author: String = "a",
        branch: String? = nil, rework: Double = 0, churned: Int = 0, rounds: Int? = nil, repository: String = "/r"
    ) -> WorkTask {
        var task = WorkTask(
            id: id, repository: repository, key: id, kind: .burst, title: "t \(id)", author: author, branch: branch, commits: [],
            sessions: ai ? [WorkTask.TaskSession(tool: "claude-code", id: id, reason: "", evidence: .file, activeSeconds: 60)] : [],
            category: category, confidence: 0.9, ai: ai, effortHours: effort, reworkHours: rework, start: start, end: start + 3600,
            linesAdded: 100, filesTouched: 2, churnedLines: churned)
        task.reviewRounds = rounds
        return task
    }

    /// Multiplicative noise that averages to 1 in log over each block of 8.
    static let noise: [Double] = [0.6, 1.5, 0.8, 1.25, 0.7, 1.4, 0.9, 1.1].map { $0 / 0.9972 }

    /// AI tasks of two categories, half plan-first, plan-first effort times `factor`.
    static func planWorld(factor: Double, count: Int = 40) -> ([WorkTask], [String: SessionWorkflow]) {
        var tasks: [WorkTask] = []
        var workflows: [String: SessionWorkflow] = [:]
        for index in 0..<count {
            let plan = index % 2 == 0
            let category: Model.Category = index % 4 < 2 ? .crud : .tests
            let base = category == .crud ? 4.0 : 2.0
            let effort = base * noise[(index / 2) % noise.count] * (plan ? factor : 1)
            let id = "p\(index)"
            tasks.append(
                task(id, category, effort: effort, start: origin + Int64(index) * 86_400, author: index % 3 == 0 ? "a" : "b",
                     rework: effort * (plan ? 0.05 : 0.2)))
            workflows["claude-code/\(id)"] = SessionWorkflow(start: plan ? .planFirst : .codeFirst)
        }
        return (tasks, workflows)
    }

    @Test("plan-first: a planted 0.6 effort ratio is recovered within the interval, and rework is lower")
    func plantedPlanFirst() throws {
        let (tasks, workflows) = Self.planWorld(factor: 0.6)
        let result = PracticesAnalysis().run(tasks, workflows: workflows, contextFiles: [:])
        let effort = result.planFirst.effort
        let low = try #require(effort.ratioLow)
        let high = try #require(effort.ratioHigh)
        #expect(low <= 0.6 && 0.6 <= high)
        #expect(effort.verdict == .lower)
        #expect(effort.categories == ["crud", "tests"])
        #expect(result.counts.planFirst == 20 && result.counts.codeFirst == 20 && result.counts.unknownStart == 0)
        #expect(result.planFirst.reworkShare.verdict == .lower)
        // People, not (category, person) strata: "a" and "b" each did both kinds of work in both categories.
        #expect(effort.withinPersonPeople == 2)
        // Enough tasks on each side, but no pull request to count rounds on: the note says that, not "too few".
        #expect(result.planFirst.reviewRounds.note == "cannot tell: 20 and 20 tasks, and no pull request to count review rounds on, on one side or both")
    }

    @Test("plan-first: no planted effect says cannot tell")
    func zeroEffect() {
        let (tasks, workflows) = Self.planWorld(factor: 1)
        let result = PracticesAnalysis().run(tasks, workflows: workflows, contextFiles: [:])
        #expect(result.planFirst.effort.verdict == .cannotTell)
        #expect(result.planFirst.effort.note.hasPrefix("cannot tell"))
        #expect(result.reading[0].contains("cannot tell"))
    }

    @Test("unknown-only tasks are counted and left out; too few tasks: cannot tell, with the counts")
    func thin() {
        var (tasks, workflows) = Self.planWorld(factor: 0.5, count: 12)
        workflows["claude-code/p0"] = SessionWorkflow(start: .unknown)
        tasks.append(Self.task("human", ai: false, effort: 1, start: Self.origin))
        let result = PracticesAnalysis().run(tasks, workflows: workflows, contextFiles: [:])
        #expect(result.counts.unknownStart == 1 && result.counts.planFirst == 5 && result.counts.codeFirst == 6)
        #expect(result.planFirst.effort.verdict == .cannotTell)
        #expect(result.planFirst.effort.ratio == nil)
        #expect(result.planFirst.reworkShare.note.contains("an interval needs 10"))
    }

    @Test("a task's start is its earliest session that tells")
    func earliestSession() {
        var task = Self.task("t", effort: 1, start: 0)
        task.sessions = ["late", "early", "silent"].map {
            WorkTask.TaskSession(tool: "claude-code", id: $0, reason: "", evidence: .file, activeSeconds: 1)
        }
        let workflows: [String: SessionWorkflow] = [
            "claude-code/late": SessionWorkflow(start: .codeFirst), "claude-code/early": SessionWorkflow(start: .planFirst),
            "claude-code/silent": SessionWorkflow(start: .unknown),
        ]
        let starts: [String: Int64] = ["claude-code/late": 20, "claude-code/early": 10, "claude-code/silent": 5]
        #expect(PracticesAnalysis.start(of: task, workflows: workflows, sessionStarts: starts) == .planFirst)
        #expect(PracticesAnalysis.start(of: task, workflows: [:], sessionStarts: starts) == .unknown)
    }

    static func commit(_ hash: String, at time: Int64, _ files: [FileChange]) -> Commit {
        Commit(
            hash: hash, parents: [], authorName: "A", authorEmail: "a@x", authorTime: time, authorOffsetMinutes: 0,
            committerName: "A", committerEmail: "a@x", committerTime: time, subject: "s", body: "", trailers: [], files: files)
    }

    @Test("context files: which paths count, creations and large changes are substantial, small ones not")
    func contextFileHistory() {
        #expect(ContextFiles.isContextFile("CLAUDE.md") && ContextFiles.isContextFile("sub/dir/AGENTS.md"))
        #expect(ContextFiles.isContextFile(".github/copilot-instructions.md") && ContextFiles.isContextFile(".cursor/rules/style.mdc"))
        #expect(ContextFiles.isContextFile("web/.cursorrules") && ContextFiles.isContextFile("CONVENTIONS.md"))
        #expect(!ContextFiles.isContextFile("docs/CLAUDE.md.bak") && !ContextFiles.isContextFile("README.md"))
        #expect(!ContextFiles.isContextFile(".cursor/rules"))
        let history = ContextFiles.history(
            repository: "/r",
            commits: [
                Self.commit("c3", at: 300, [FileChange(path: "CLAUDE.md", linesAdded: 25, linesDeleted: 0)]),
                Self.commit("c1", at: 100, [FileChange(path: "CLAUDE.md", linesAdded: 40, linesDeleted: 0)]),
                Self.commit("c2", at: 200, [FileChange(path: "CLAUDE.md", linesAdded: 3, linesDeleted: 2)]),
                Self.commit("c4", at: 400, [FileChange(path: "CLAUDE.md", linesAdded: 10, linesDeleted: 10)]),
                Self.commit("x", at: 150, [FileChange(path: "src/a.ts", linesAdded: 400, linesDeleted: 0)]),
            ])
        #expect(history.changes.map(\.commit) == ["c1", "c2", "c3", "c4"])
        #expect(history.changes.map(\.substantial) == [true, false, true, true])
        #expect(history.changes[0].created && history.changes[2].linesBefore == 41 && history.changes[2].linesAfter == 66)
        // 20 lines of 66: at least 20 lines.
        #expect(history.changes[3].reason.contains("at least 20"))
        let share = ContextFiles.history(
            repository: "/r",
            commits: [
                Self.commit("a", at: 1, [FileChange(path: "AGENTS.md", linesAdded: 30, linesDeleted: 0)]),
                Self.commit("b", at: 2, [FileChange(path: "AGENTS.md", linesAdded: 6, linesDeleted: 4)]),
            ])
        #expect(share.changes[1].substantial && share.changes[1].reason.contains("30%"))
    }

    @Test("context files, with git's details: a change of line endings or spaces at line ends, or a link to another context file, is no change of guidance")
    func contextFileDetails() {
        let commits = [
            Self.commit("new", at: 1, [FileChange(path: "AGENTS.md", linesAdded: 40, linesDeleted: 0)]),
            Self.commit("crlf", at: 2, [FileChange(path: "AGENTS.md", linesAdded: 40, linesDeleted: 40)]),
            Self.commit("link", at: 3, [FileChange(path: "CLAUDE.md", linesAdded: 1, linesDeleted: 0)]),
            Self.commit("sub", at: 4, [FileChange(path: "web/CLAUDE.md", linesAdded: 1, linesDeleted: 0)]),
            Self.commit("unlink", at: 5, [FileChange(path: "CLAUDE.md", linesAdded: 0, linesDeleted: 1)]),
            Self.commit("rework", at: 6, [FileChange(path: "AGENTS.md", linesAdded: 30, linesDeleted: 30)]),
            Self.commit("elsewhere", at: 7, [FileChange(path: "GEMINI.md", linesAdded: 1, linesDeleted: 0)]),
        ]
        let details: [String: [FileChangeDetail]] = [
            "crlf": [FileChangeDetail(path: "AGENTS.md", linesAdded: 0, linesDeleted: 0)],
            "link": [FileChangeDetail(path: "CLAUDE.md", linesAdded: 1, linesDeleted: 0, isLink: true, linkTarget: "AGENTS.md")],
            "sub": [FileChangeDetail(path: "web/CLAUDE.md", linesAdded: 1, linesDeleted: 0, isLink: true, linkTarget: "../AGENTS.md")],
            "unlink": [FileChangeDetail(path: "CLAUDE.md", linesAdded: 0, linesDeleted: 1)],
            "rework": [FileChangeDetail(path: "AGENTS.md", linesAdded: 12, linesDeleted: 12)],
            // A link to a file that is no context file brings guidance of its own.
            "elsewhere": [FileChangeDetail(path: "GEMINI.md", linesAdded: 1, linesDeleted: 0, isLink: true, linkTarget: "docs/ai.md")],
        ]
        let history = ContextFiles.history(repository: "/r", commits: commits, details: details)
        #expect(history.changes.map(\.commit) == ["new", "crlf", "link", "sub", "unlink", "rework", "elsewhere"])
        #expect(history.changes.map(\.substantial) == [true, false, false, false, false, true, true])
        #expect(history.changes[1].reason == "0 of 40 lines changed, 80 counting line endings and spaces at line ends")
        #expect(history.changes[2].reason == "a link to AGENTS.md (its guidance is counted there)")
        #expect(history.changes[3].reason == "a link to AGENTS.md (its guidance is counted there)")
        #expect(history.changes[4].reason == "a link to AGENTS.md removed (its guidance is counted there)")
        #expect(history.changes[5].reason == "24 lines changed (at least 20), 60 counting line endings and spaces at line ends")
        // The stored counts still make the sizes.
        #expect(history.changes[1].linesAdded == 40 && history.changes[1].linesAfter == 40 && history.changes[4].linesAfter == 0)
        // Without git's details (no repository at hand), the stored counts decide, as before.
        let stored = ContextFiles.history(repository: "/r", commits: commits)
        #expect(stored.changes.map(\.substantial) == [true, true, true, true, true, true, true])
    }

    @Test("a link removed in the commit that removes the file it names is one change of guidance, not two")
    func linkRemovedWithItsTarget() {
        let commits = [
            Self.commit("new", at: 1, [FileChange(path: "AGENTS.md", linesAdded: 40, linesDeleted: 0)]),
            Self.commit("link", at: 2, [FileChange(path: "CLAUDE.md", linesAdded: 1, linesDeleted: 0)]),
            // Git lists the files of a commit by path: the target first here, the link first below.
            Self.commit("gone", at: 3, [
                FileChange(path: "AGENTS.md", linesAdded: 0, linesDeleted: 40), FileChange(path: "CLAUDE.md", linesAdded: 0, linesDeleted: 1),
            ]),
            Self.commit("again", at: 4, [FileChange(path: "CLAUDE.md", linesAdded: 1, linesDeleted: 0)]),
            Self.commit("agents", at: 5, [FileChange(path: "AGENTS.md", linesAdded: 40, linesDeleted: 0)]),
            Self.commit("both", at: 6, [
                FileChange(path: "CLAUDE.md", linesAdded: 0, linesDeleted: 1), FileChange(path: "AGENTS.md", linesAdded: 0, linesDeleted: 40),
            ]),
        ]
        // The second link names AGENTS.md before it exists again: its guidance comes when that file does.
        let link = [FileChangeDetail(path: "CLAUDE.md", linesAdded: 1, linesDeleted: 0, isLink: true, linkTarget: "AGENTS.md")]
        let details = ["link": link, "again": link]
        let history = ContextFiles.history(repository: "/r", commits: commits, details: details)
        #expect(history.changes.map { "\($0.commit) \($0.path) \($0.substantial)" } == [
            "new AGENTS.md true", "link CLAUDE.md false", "gone AGENTS.md true", "gone CLAUDE.md false",
            "again CLAUDE.md false", "agents AGENTS.md true", "both CLAUDE.md false", "both AGENTS.md true",
        ])
        #expect(history.changes[3].reason == "a link to AGENTS.md removed (its guidance is counted there)")
    }

    /// 16 weeks of AI and human tasks in one repository; AI effort times `factor` after week 8.
    static func contextWorld(factor: Double, weeks: Int = 16, changeWeek: Int = 8) -> [WorkTask] {
        var tasks: [WorkTask] = []
        for day in 0..<(weeks * 7) where day % 7 < 5 {
            let start = origin + Int64(day) * 86_400 + 9 * 3600
            let after = day >= changeWeek * 7
            for (offset, ai) in [(0, true), (1, false)] {
                let effort = 3 * noise[(day + offset) % noise.count] * (ai && after ? factor : 1)
                tasks.append(
                    task("d\(day)-\(offset)", day % 2 == 0 ? .crud : .tests, ai: ai, effort: effort, start: start + Int64(offset) * 7200,
                         author: ["a", "b", "c"][day % 3]))
            }
        }
        return tasks
    }

    static func claudeAdded(week: Int) -> [String: ContextFiles] {
        let time = origin + Int64(week) * Self.week
        return ["/r": ContextFiles.history(
            repository: "/r", commits: [Self.commit("ctx", at: time, [FileChange(path: "CLAUDE.md", linesAdded: 60, linesDeleted: 0)])])]
    }

    @Test("context file: a planted step in AI effort is recovered; tasks without AI show no change")
    func plantedContextFile() throws {
        let result = PracticesAnalysis().run(Self.contextWorld(factor: 0.7), workflows: [:], contextFiles: Self.claudeAdded(week: 8))
        let effect = try #require(result.contextFiles.first)
        #expect(effect.weeksBefore == 8 && effect.weeksAfter == 8)
        let comparison = try #require(effect.comparison)
        let low = try #require(comparison.effort.ratioLow)
        let high = try #require(comparison.effort.ratioHigh)
        #expect(low <= 0.7 && 0.7 <= high)
        #expect(comparison.effort.verdict == .lower)
        #expect(effect.humanControl?.verdict == .cannotTell)
        #expect(result.reading.contains { $0.contains("CLAUDE.md") && $0.contains("less effort") })
    }

    @Test("context file: no step says cannot tell; fewer than 8 weeks on a side says why")
    func contextCannotTell() throws {
        let flat = PracticesAnalysis().run(Self.contextWorld(factor: 1), workflows: [:], contextFiles: Self.claudeAdded(week: 8))
        #expect(flat.contextFiles.first?.comparison?.effort.verdict == .cannotTell)
        let early = PracticesAnalysis().run(Self.contextWorld(factor: 0.7), workflows: [:], contextFiles: Self.claudeAdded(week: 5))
        let effect = try #require(early.contextFiles.first)
        #expect(effect.comparison == nil)
        #expect(effect.cannotTell?.contains("5 weeks before") == true)
        #expect(effect.cannotTell?.contains("needs 8 on each side") == true)
    }

    @Test("context file: a substantial rework days after the creation is folded into one change, not two that cannot tell")
    func folded() throws {
        let created = Self.origin + 8 * Self.week
        let history = ContextFiles.history(
            repository: "/r",
            commits: [
                Self.commit("ctx", at: created, [FileChange(path: "CLAUDE.md", linesAdded: 6, linesDeleted: 0)]),
                Self.commit("rework", at: created + 3 * 3600, [FileChange(path: "CLAUDE.md", linesAdded: 6, linesDeleted: 2)]),
                Self.commit("later", at: created + 86_400, [FileChange(path: "sub/CLAUDE.md", linesAdded: 30, linesDeleted: 0)]),
            ])
        #expect(history.substantial.count == 3)
        let result = PracticesAnalysis().run(Self.contextWorld(factor: 0.7), workflows: [:], contextFiles: ["/r": history])
        let effect = try #require(result.contextFiles.first)
        #expect(result.contextFiles.count == 1 && effect.change.commit == "ctx" && effect.folded == ["rework", "later"])
        #expect(effect.comparison?.effort.verdict == .lower)
    }

    @Test("prototype branches: reported apart, left out of the comparisons and of the retro's speedups, with a line")
    func prototypes() {
        var (tasks, workflows) = Self.planWorld(factor: 0.6)
        tasks.append(Self.task("s1", effort: 30, start: Self.origin, branch: "spike/new-cache"))
        tasks.append(Self.task("s2", ai: false, effort: 30, start: Self.origin, branch: "hack/x"))
        workflows["claude-code/s1"] = SessionWorkflow(start: .codeFirst)
        var settings = Settings()
        settings.prototypeBranches = ["hack/"]
        let result = PracticesAnalysis(settings: settings).run(tasks, workflows: workflows, contextFiles: [:])
        #expect(result.prototypes.tasks == 2 && result.prototypes.ai == 1 && result.prototypes.branches == ["hack/x", "spike/new-cache"])
        #expect(result.counts.codeFirst == 20)
        let retro = RetroAnalysis(settings: settings).run(tasks, since: nil, until: nil)
        #expect(retro.counts.prototypes == 2)
        #expect(retro.reading.last?.contains("2 tasks on prototype branches") == true)
        let plain = RetroAnalysis().run(Self.planWorld(factor: 0.6).0, since: nil, until: nil)
        #expect(plain.counts.prototypes == 0 && !plain.reading.contains { $0.contains("prototype") })
        #expect(Settings().isPrototype(branch: "origin/POC/x") && !Settings().isPrototype(branch: "feature/spike"))
    }
}
