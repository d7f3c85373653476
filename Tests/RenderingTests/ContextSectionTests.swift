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
