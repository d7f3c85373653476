import Foundation
import Model
import Support

/// Replays history: at each cut date, forecast the tasks finished in the following weeks
/// from what was known before the cut (their categories, whether AI was used, the time
/// log's estimates) and compare with what they took. A calibrated forecaster lands under
/// its P50, P80 and P95 in about 50%, 80% and 95% of the windows.
package struct Backtest: Sendable, Equatable, Encodable {
    package struct Window: Sendable, Equatable, Encodable {
        package var cut: String
        package var tasks: Int
        package var actualHours: Double
        package var p50Hours: Double
        package var p80Hours: Double
        package var p95Hours: Double
    }
    package struct HitRates: Sendable, Equatable, Encodable {
        package var p50: Double
        package var p80: Double
        package var p95: Double
    }

    package var windows: Int
    package var horizonWeeks: Int
    /// `nil` when no window could be replayed: a hit rate of 0% would read as a failed forecast.
    package var hitRates: HitRates?
    package var details: [Window]
    package var note: String
    /// Why no window could be replayed and what to give the backtest; `nil` when some could.
    package var unavailable: String?

    enum CodingKeys: String, CodingKey { case windows, horizonWeeks, hitRates, details, note, unavailable }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(windows, forKey: .windows)
        try container.encode(horizonWeeks, forKey: .horizonWeeks)
        try container.encode(hitRates, forKey: .hitRates)
        try container.encode(details, forKey: .details)
        try container.encode(note, forKey: .note)
        try container.encode(unavailable, forKey: .unavailable)
    }

    /// - Parameters:
    ///   - windows: how many cut dates, spread evenly from 40% of the history to its end minus the horizon.
    package static func run(
        _ all: [WorkTask], windows: Int = 20, horizonWeeks: Int = 2, runs: Int = 2000, settings: Settings = Settings(),
        seed: UInt64 = 1
    ) -> Backtest {
        let tasks = all.filter { !$0.bot && $0.effortHours > 0 }
        let horizon = Int64(horizonWeeks) * 7 * 86_400
        let note = "Each window forecasts the hours (work and review) of the tasks that ended within \(horizonWeeks) weeks after its cut and had a time-log estimate, from the tasks finished before it; windows with fewer than 3 such tasks or 20 earlier tasks are skipped."
        func cannot(_ reason: String) -> Backtest {
            Backtest(windows: 0, horizonWeeks: horizonWeeks, hitRates: nil, details: [], note: note, unavailable: reason)
        }
        guard let first = tasks.map(\.end).min(), let last = tasks.map(\.end).max(), last - first > horizon, windows > 0 else {
            return cannot(
                "Cannot backtest: the history spans less than \(horizonWeeks) weeks of tasks with effort "
                    + "(\(tasks.count) tasks); ingest more history.")
        }
        let estimated = tasks.filter { ($0.estimateHours ?? 0) > 0 }.count
        guard estimated > 0 else {
            return cannot(
                "Cannot backtest: no task has a time-log estimate, and a forecast starts from estimates; "
                    + "give `ingest timelog` a CSV with an estimate_hours column for past tasks.")
        }
        let start = first + (last - first) * 4 / 10
        let end = last - horizon
        // The forecast covers the work and its review: so does the actual it is compared with.
        func reviewer(_ task: WorkTask) -> Double { task.reviewerHours ?? Double(task.reviewRounds ?? 0) * settings.reviewMinutes / 60 }
        var details: [Window] = []
        for index in 0..<windows {
            let cut = windows == 1 ? end : start + (end - start) * Int64(index) / Int64(windows - 1)
            let history = tasks.filter { $0.end < cut }
            let target = tasks.filter { $0.end >= cut && $0.end < cut + horizon && ($0.estimateHours ?? 0) > 0 }
            guard target.count >= 3, history.count >= 20 else { continue }
            let model = ForecastModel(history: history, settings: settings, speedup: Speedup(resamples: 500))
            let backlog = target.map {
                BacklogItem(
                    id: $0.id, title: $0.title, category: $0.category, classified: false,
                    estimateHours: $0.estimateHours ?? 0, ai: $0.ai ? .yes : .no)
            }
            let forecast = model.run(backlog, capacity: 1, capacitySource: "backtest", runs: runs, seed: seed &+ UInt64(index))
            details.append(
                Window(
                    cut: Timestamp.iso8601(cut), tasks: target.count,
                    actualHours: RetroAnalysis.round(target.reduce(0) { $0 + $1.effortHours + reviewer($1) }),
                    p50Hours: forecast.withAI.p50Hours, p80Hours: forecast.withAI.p80Hours, p95Hours: forecast.withAI.p95Hours))
        }
        guard !details.isEmpty else {
            return cannot(
                "Cannot backtest: no window had 3 tasks with a time-log estimate ending within \(horizonWeeks) weeks "
                    + "after its cut and 20 finished tasks before it (\(estimated) of \(tasks.count) tasks have an estimate); "
                    + "log estimates for more past tasks, or use fewer --windows.")
        }
        func rate(_ below: (Window) -> Bool) -> Double {
            RetroAnalysis.round(Double(details.filter(below).count) / Double(details.count))
        }
        return Backtest(
            windows: details.count, horizonWeeks: horizonWeeks,
            hitRates: HitRates(
                p50: rate { $0.actualHours <= $0.p50Hours }, p80: rate { $0.actualHours <= $0.p80Hours },
                p95: rate { $0.actualHours <= $0.p95Hours }),
            details: details, note: note, unavailable: nil)
    }
}
