import Analysis
import Foundation
import Model
import Testing
@testable import Rendering

/// The "ways of working" lines of `multiplier context`, from a practices result computed on
/// hand-made tasks whose workflows are given (the analysis itself is tested in PracticesTests).
@Suite("Context section: which practice paid off")
struct ContextSectionTests {
    static let origin: Int64 = 1_785_715_200
    static let noise: [Double] = [0.6, 1.5, 0.8, 1.25, 0.7, 1.4, 0.9, 1.1]

    /// 40 AI tasks, half plan-first with effort times `factor`, and 40 without AI.
    static func practices(planFactor: Double) -> Practices {
        var tasks: [WorkTask] = []
        var workflows: [String: SessionWorkflow] = [:]
        for index in 0..<80 {
            let ai = index < 40
            let plan = ai && index % 2 == 0
            let id = "t\(index)"
            tasks.append(
                WorkTask(
                    id: id, repository: "/r", key: id, kind: .burst, title: id, author: index % 3 == 0 ? "a" : "b", branch: nil,
                    commits: [],
                    sessions: ai ? [WorkTask.TaskSession(tool: "claude-code", id: id, reason: "", evidence: .file, activeSeconds: 1)] : [],
                    category: .crud, ai: ai, effortHours: 3 * noise[(index / 2) % 8] * (plan ? planFactor : 1),
                    start: origin + Int64(index) * 3600, end: origin + Int64(index) * 3600 + 1800, linesAdded: 10, filesTouched: 1))
            if ai { workflows["claude-code/\(id)"] = SessionWorkflow(start: plan ? .planFirst : .codeFirst) }
        }
        return PracticesAnalysis().run(tasks, workflows: workflows, contextFiles: [:])
    }

    static func lines(_ practices: Practices?) -> [String] {
        let retro = RetroAnalysis().run([], since: nil, until: nil)
        return ContextSection.lines(retro: retro, reworked: [], scope: "r", asOf: "2026-11-20", practices: practices)
    }

    @Test("the headline counts the tasks the figures rest on: bots' tasks are left out, as in the retro")
    func headlineLeavesBotsOut() throws {
        var tasks: [WorkTask] = []
        for index in 0..<6 {
            var task = WorkTask(
                id: "t\(index)", repository: "/r", key: "t\(index)", kind: .burst, title: "t", author: "a", branch: nil, commits: [],
                sessions: [], category: .crud, ai: index < 2, effortHours: 1, start: Self.origin, end: Self.origin + 60,
                linesAdded: 1, filesTouched: 1)
            task.bot = index >= 4
            tasks.append(task)
        }
        let retro = RetroAnalysis().run(tasks, since: nil, until: nil)
        #expect(retro.counts.tasks == 6 && retro.counts.bots == 2)
        let lines = ContextSection.lines(retro: retro, reworked: [], scope: "r", asOf: "2026-11-20")
        #expect(lines.contains { $0.hasPrefix("From 4 tasks (2 AI-assisted) up to 2026-11-20.") }, "\(lines)")
    }

    @Test("a measured plan-first gain is named with its ratio and interval; no effect says cannot tell; none measured says so")
    func practiceLines() throws {
        let paid = Self.lines(Self.practices(planFactor: 0.5))
        let plan = try #require(paid.first { $0.contains("Planning first paid off here") })
        #expect(plan.contains("× the effort (95% interval ") && plan.contains("20 plan-first and 20 code-first"))
        #expect(paid.contains("- Context files: no substantial change of one in the history, so nothing to compare."))
        #expect(!paid.contains { $0.contains("not measured yet") })

        let flat = Self.lines(Self.practices(planFactor: 1))
        #expect(flat.contains { $0.hasPrefix("- Plan first against code first: cannot tell yet (20 plan-first and 20 code-first") })
        #expect(!flat.contains { $0.contains("paid off") })

        #expect(Self.lines(nil).contains("- Ways of working (plan first, context files): not measured yet."))
    }
}
