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
    @Test("the planted context-file effect (AI effort 0.7 after CLAUDE.md) lies in the report's interval")
    func planted() throws {
        let work = try TemporaryDirectory("practices")
        defer { work.remove() }
        let validity = Validity(besides: CLIRunner.binary, environment: ScriptedRepository.environment())
        let score = try PracticesBenchmark.run(
            PracticesBenchmark.Case(seed: 11, planFirstEffect: 0.3, contextFileEffect: 0.3), validity: validity,
            work: work.path + "/run")
        print(score.summary)
        let context = score.contextFile
        #expect(context.covered, "context file: \(score.summary)")
        #expect(context.verdict == "lower", "context file: \(score.summary)")
        #expect(context.first >= 60 && context.second >= 60, "context file: \(score.summary)")
    }
}
