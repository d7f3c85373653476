/// Writes timelog.csv (`date,author,task,hours,activity,estimate_hours`): about half of the
/// people's tasks are logged, by day, in quarter hours, with the task's noisy estimate
/// (estimate/actual lognormal), plus the reviewers' review time on those tasks.
enum TimeLogWriter {
    static func write(_ world: SampleWorld, random: inout SplitMix64) -> String {
        var rows: [(date: String, author: String, task: String, hours: Double, activity: String, estimate: String)] = []
        for task in world.tasks where task.bot == nil && !task.intervals.isEmpty && random.chance(0.5) {
            let estimate = max(0.5, (task.intendedHours * random.lognormal(median: 1, sigma: 0.45) * 2).rounded() / 2)
            var byDay: [String: (author: Int, seconds: Int64)] = [:]
            for interval in task.intervals where interval.developer == task.author {
                let day = Format.date(interval.start, offset: world.team[interval.developer].offset)
                byDay[day, default: (interval.developer, 0)].seconds += interval.end - interval.start
            }
            for day in byDay.keys.sorted() {
                guard let entry = byDay[day] else { continue }
                let hours = max(0.25, (Double(entry.seconds) / 900).rounded() / 4)
                rows.append((day, world.team[entry.author].login, task.key, hours, "work", Format.fixed(estimate, digits: 1)))
            }
            for review in task.reviews where review.state != "COMMENTED" {
                let hours = max(0.25, (random.lognormal(median: task.ai ? 0.5 : 0.35, sigma: 0.4) * 4).rounded() / 4)
                let reviewer = world.team[review.reviewer]
                rows.append((Format.date(review.time, offset: reviewer.offset), reviewer.login, task.key, hours, "review", ""))
            }
        }
        rows.sort { ($0.date, $0.author, $0.task, $0.activity) < ($1.date, $1.author, $1.task, $1.activity) }
        var text = "date,author,task,hours,activity,estimate_hours\n"
        for row in rows {
            text += "\(row.date),\(row.author),\(row.task),\(Format.fixed(row.hours, digits: 2)),\(row.activity),\(row.estimate)\n"
        }
        return text
    }
}
