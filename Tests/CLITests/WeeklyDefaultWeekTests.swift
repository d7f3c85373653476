import Foundation
import TestSupport
import Testing

@Suite("report weekly without --week")
struct WeeklyDefaultWeekTests {
    @Test("a history that ended weeks before the last complete week says which week holds its newest work")
    func endedHistory() throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0)
        // The sample team's work ends on 2026-11-22 (ISO week 2026-W47); any later week is empty.
        let result = try CLIRunner.run(["report", "weekly", "--no-review", "--db", sample.database])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("no task finished this week"))
        #expect(result.stderr.contains("the newest finished in 2026-W47: multiplier report weekly --week 2026-W47"), "\(result.stderr)")
    }
}
