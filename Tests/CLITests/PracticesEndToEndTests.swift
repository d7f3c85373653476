import Foundation
import Support
import TestSupport
import Testing

@testable import MultiplierBench

/// `report practices` end to end (issue 17): one seed of SampleGen's practices world, from raw
/// git and session logs through the built binary, scored against its truth.json by the same code
/// as `MultiplierBench practices` (which runs many seeds; Reports/benchmarks.md has them).
@Suite("report practices end to end on SampleGen's practices world")
struct PracticesEndToEndTests {
    @Test("the planted plan-first (0.7) and context-file (0.7 after CLAUDE.md) effort ratios lie in the report's intervals")
    func planted() throws {
        let work = try TemporaryDirectory("practices")
        defer { work.remove() }
        let validity = Validity(besides: CLIRunner.binary, environment: ScriptedRepository.environment())
        let score = try PracticesBenchmark.run(
            PracticesBenchmark.Case(seed: 11, planFirstEffect: 0.3, contextFileEffect: 0.3), validity: validity,
            work: work.path + "/run")
        print(score.summary)
        // Plan mode is read from the Claude Code logs (permissionMode plan, ExitPlanMode) by the session reader.
        let plan = score.planFirst
        #expect(plan.covered, "plan-first: \(score.summary)")
        #expect(plan.verdict == "lower", "plan-first: \(score.summary)")
        #expect(plan.first >= 60 && plan.second >= 60, "plan-first: \(score.summary)")
        let context = score.contextFile
        #expect(context.covered, "context file: \(score.summary)")
        #expect(context.verdict == "lower", "context file: \(score.summary)")
        #expect(context.first >= 60 && context.second >= 60, "context file: \(score.summary)")
    }
}
