import Foundation
import Model
import Testing
@testable import Analysis

/// The adjusted speedup (Speedup+Adjusted.swift). These tests hand the regression each task's true
/// category, AI flag, person and size: they check the last step only (the statistics), not the
/// grouping, linking and classifying before it — `ValidityTests` checks the chain end to end.
@Suite("Adjusted speedup")
struct SpeedupAdjustedTests {
    /// A team where who uses AI and task size are confounded with AI: a quick person (0.6×) uses AI on
    /// 90% of their tasks, a slow one (1.5×) on 10%; AI tasks touch fewer files, and effort grows with
    /// files as files^0.5. Per unit of work, by the same person, AI takes `ratio` of the time; the raw
    /// ratio comes out near half of it.
    static func team(ratio: Double, perCell: Int, seed: UInt64) -> [Speedup.AdjustedTask] {
        var generator = SeededGenerator(seed: seed)
        func normal() -> Double {
            let u = max(generator.unit(), 1e-12)
            let v = generator.unit()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        var tasks: [Speedup.AdjustedTask] = []
        let people: [(name: String, speed: Double, aiShare: Double)] = [("ann", 0.6, 0.9), ("bob", 1, 0.5), ("cy", 1.5, 0.1)]
        for category in [Category.crud, .tests, .algorithm] {
            for person in people {
                for index in 0..<(perCell * 2) {
                    let ai = Double(index) / Double(perCell * 2) < person.aiShare
                    let files = ai ? 1 + index % 3 : 2 + index % 7
                    let effort = 4 * person.speed * (ai ? ratio : 1) * Double(files).squareRoot() * exp(0.4 * normal())
                    tasks.append(Speedup.AdjustedTask(effort: effort, category: category, ai: ai, person: person.name, files: files))
                }
            }
        }
        return tasks
    }

    @Test("recovers a planted per-unit ratio that the raw ratio misses when AI is used by the quick person on larger tasks")
    func recoversPlantedRatio() throws {
        let speedup = Speedup(resamples: 300)
        var adjustedCovered = 0
        var rawCovered = 0
        for seed in 0..<10 {
            let tasks = Self.team(ratio: 0.6, perCell: 12, seed: UInt64(seed) + 1)
            let draws = speedup.adjustedDraws(tasks)
            let crud = tasks.filter { $0.category == .crud }
            let estimate = speedup.ratio(try #require(draws[.crud]))
            let raw = try #require(speedup.ratio(ai: crud.filter(\.ai).map(\.effort), human: crud.filter { !$0.ai }.map(\.effort)))
            if estimate.low <= 0.6 && 0.6 <= estimate.high { adjustedCovered += 1 }
            if raw.low <= 0.6 && 0.6 <= raw.high { rawCovered += 1 }
        }
        #expect(adjustedCovered >= 8, "adjusted covered \(adjustedCovered) of 10")
        #expect(rawCovered <= 3, "raw covered \(rawCovered) of 10: the world is not confounded enough to test anything")
    }

    @Test("the same tasks give the same draws, byte for byte; categories with fewer than 5 on a side get none")
    func deterministicAndThin() throws {
        var tasks = Self.team(ratio: 0.5, perCell: 6, seed: 9)
        tasks += (0..<4).map { _ in Speedup.AdjustedTask(effort: 1, category: .docs, ai: true, person: "ann", files: 1) }
        tasks += (0..<9).map { _ in Speedup.AdjustedTask(effort: 2, category: .docs, ai: false, person: "bob", files: 1) }
        let speedup = Speedup(resamples: 200)
        let first = speedup.adjustedDraws(tasks)
        let second = speedup.adjustedDraws(tasks)
        #expect(Set(first.keys) == [.crud, .tests, .algorithm])
        for category in first.keys {
            #expect(first[category]?.meanLogAI == second[category]?.meanLogAI)
            #expect(speedup.ratio(try #require(first[category])) == speedup.ratio(try #require(second[category])))
        }
        #expect(speedup.adjustedDraws(Array(tasks.prefix(3))).isEmpty)
    }

    @Test("a category where every AI task is one person's and every human task another's has no adjusted ratio (AI and person cannot be told apart)")
    func confoundedCategory() throws {
        let speedup = Speedup(resamples: 200)
        var tasks = (0..<6).map { _ in Speedup.AdjustedTask(effort: 1.833, category: .crud, ai: true, person: "alice", files: 1) }
        tasks += (0..<6).map { _ in Speedup.AdjustedTask(effort: 1.833, category: .crud, ai: false, person: "bob", files: 1) }
        #expect(speedup.adjustedDraws(tasks)[.crud] == nil)
        // One task each of the other kind lets the person terms be told from AI.
        tasks.append(Speedup.AdjustedTask(effort: 1.833, category: .crud, ai: false, person: "alice", files: 1))
        tasks.append(Speedup.AdjustedTask(effort: 1.833, category: .crud, ai: true, person: "bob", files: 1))
        let draws = try #require(speedup.adjustedDraws(tasks)[.crud])
        #expect(abs(speedup.ratio(draws).ratio - 1) < 1e-6)
    }

    @Test("one person did every AI task, of every category, and no human one: no category gets an adjusted ratio, though each has people on both sides")
    func confoundedAcrossCategories() throws {
        let speedup = Speedup(resamples: 200)
        var tasks: [Speedup.AdjustedTask] = []
        for (offset, category) in [Category.crud, .tests, .algorithm].enumerated() {
            for index in 0..<8 {
                let files = 1 + index % 4
                tasks.append(Speedup.AdjustedTask(effort: 2 + Double(index + offset) / 7, category: category, ai: true, person: "ann", files: files))
                tasks.append(Speedup.AdjustedTask(effort: 3 + Double(index) / 5, category: category, ai: false, person: index % 2 == 0 ? "bob" : "cy", files: files))
            }
        }
        #expect(Set(speedup.adjustedDraws(tasks).keys).isEmpty)
        // Two human tasks of hers tell her person term from AI: every category is measured again.
        tasks.append(Speedup.AdjustedTask(effort: 3, category: .crud, ai: false, person: "ann", files: 2))
        tasks.append(Speedup.AdjustedTask(effort: 4, category: .tests, ai: false, person: "ann", files: 3))
        #expect(Set(speedup.adjustedDraws(tasks).keys) == [.crud, .tests, .algorithm])
    }
}
