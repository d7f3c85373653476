import Foundation

/// Everything SampleGen writes for the demo team, as relative path → bytes.
struct TeamData {
    static func generate(seed: UInt64) -> [String: [UInt8]] {
        var simulation = Simulation(seed: seed)
        simulation.run()
        var writer = FastImportWriter(seed: seed)
        let (stream, marks) = writer.write(simulation)
        var files: [String: [UInt8]] = ["repo.fi": stream]

        var sessions = SessionWriters(seed: seed)
        var tasks = simulation.tasks
        for index in tasks.indices where tasks[index].ai {
            let task = tasks[index]
            let developer = Catalog.developers[task.developer]
            let paths = Array(Set(task.commits.flatMap { simulation.commits[$0].changes.map(\.path) })).sorted()
            guard !paths.isEmpty else { continue }
            switch task.tool {
            case "claude-code": tasks[index].sessions = [sessions.claude(task, paths: paths, developer: developer)]
            case "codex": tasks[index].sessions = [sessions.codex(task, paths: paths, developer: developer)]
            case "aider": tasks[index].sessions = [sessions.aider(task, paths: paths, developer: developer)]
            default: break
            }
        }
        files.merge(sessions.files) { first, _ in first }
        var random = Random(seed: seed ^ 0xDA7A)
        files["prs.json"] = pullRequests(tasks, simulation: simulation, random: &random)
        files["timelog.csv"] = timeLog(tasks, random: &random)
        files["backlog.csv"] = backlog(random: &random)
        files["truth.json"] = truth(tasks, simulation: simulation, marks: marks, seed: seed)
        return files
    }

    /// The planted effort: METHOD.md's git estimator (gap ≤ 2 h, else a 30-minute lead-in)
    /// over each person's non-merge commits, summed per task.
    static func estimatedHours(_ simulation: Simulation) -> [Int: Double] {
        var byAuthor: [String: [Int]] = [:]
        for (index, commit) in simulation.commits.enumerated() where commit.merges == nil {
            byAuthor[commit.authorEmail, default: []].append(index)
        }
        var hours: [Int: Double] = [:]
        for (_, indices) in byAuthor {
            let ordered = indices.sorted { (simulation.commits[$0].time, $0) < (simulation.commits[$1].time, $1) }
            var previous: Int64?
            for index in ordered {
                let time = simulation.commits[index].time
                let gap = previous.map { time - $0 } ?? Int64.max
                hours[simulation.commits[index].task, default: 0] += gap <= 7200 ? Double(gap) / 3600 : 0.5
                previous = time
            }
        }
        return hours
    }

    static func json(_ object: Any) -> [UInt8] {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        else { return [] }
        return Array(data) + [0x0A]
    }

    static func iso(_ seconds: Int64) -> String {
        String(SessionWriters.iso(seconds * 1000).prefix(19)) + "Z"
    }

    static func pullRequests(_ tasks: [PlannedTask], simulation: Simulation, random: inout Random) -> [UInt8] {
        var entries: [[String: Any]] = []
        for task in tasks.sorted(by: { ($0.pr ?? 0) < ($1.pr ?? 0) }) {
            guard let number = task.pr, let first = task.commits.first else { continue }
            let developer = Catalog.developers[task.developer]
            let created = simulation.commits[first].time
            let merged = task.merge.map { simulation.commits[$0].time } ?? (simulation.commits[task.commits.last ?? first].time + 3600)
            let added = task.commits.reduce(0) { $0 + simulation.commits[$1].changes.reduce(0) { $0 + $1.added } }
            let deleted = task.commits.reduce(0) { $0 + simulation.commits[$1].changes.reduce(0) { $0 + $1.deleted } }
            var reviews: [[String: Any]] = []
            var comments: [[String: Any]] = []
            let reviewer = Catalog.developers[task.reviewers.first ?? (task.developer + 1) % 5]
            let rounds = max(task.reviewRounds, 1)
            for round in 0..<rounds {
                let time = created + Int64(Double(merged - created) * Double(round + 1) / Double(rounds + 1))
                reviews.append(["author": ["login": reviewer.login], "state": round == rounds - 1 ? "APPROVED" : "CHANGES_REQUESTED", "submittedAt": iso(time)])
                for _ in 0..<random.int(0...(task.ai ? 4 : 2)) {
                    comments.append(["author": ["login": reviewer.login], "createdAt": iso(time - 60)])
                }
            }
            entries.append([
                "number": number, "title": task.title, "author": ["login": developer.login], "createdAt": iso(created),
                "mergedAt": iso(merged), "closedAt": iso(merged), "headRefName": task.branch ?? "squash/\(task.key.lowercased())",
                "baseRefName": "main", "additions": added, "deletions": deleted, "reviews": reviews, "comments": comments,
                "commits": task.commits.map { ["messageHeadline": String(simulation.commits[$0].message.split(separator: "\n").first ?? ""),
                                               "authoredDate": iso(simulation.commits[$0].time)] },
                "labels": task.ai ? [["name": "ai-assisted"]] : [] as [[String: Any]],
            ])
        }
        return json(entries)
    }

    static func timeLog(_ tasks: [PlannedTask], random: inout Random) -> [UInt8] {
        var rows = ["date,author,task,hours,activity,estimate_hours"]
        for task in tasks where !task.isBot && task.key != "scaffold" && random.chance(0.5) {
            let developer = Catalog.developers[task.developer]
            let reference = task.pr.map { "PR #\($0)" } ?? task.key
            let estimate = task.intendedHours * random.lognormal(median: 1, sigma: 0.35)
            var byDay: [String: Double] = [:]
            for interval in task.intervals {
                byDay[String(iso(interval.start).prefix(10)), default: 0] += Double(interval.end - interval.start) / 3600
            }
            for (day, hours) in byDay.sorted(by: { $0.key < $1.key }) {
                rows.append("\(day),\(developer.login),\(reference),\(String(format: "%.2f", hours)),work,\(String(format: "%.1f", estimate))")
            }
            if task.reviewRounds > 0, let reviewer = task.reviewers.first, let last = task.intervals.last {
                let hours = Double(task.reviewRounds) * random.lognormal(median: 0.3, sigma: 0.4)
                rows.append("\(iso(last.end).prefix(10)),\(Catalog.developers[reviewer].login),\(reference),\(String(format: "%.2f", hours)),review,")
            }
        }
        return Array((rows.joined(separator: "\n") + "\n").utf8)
    }

    static func backlog(random: inout Random) -> [UInt8] {
        var rows = ["id,title,category,estimate_hours,ai"]
        for number in 1...40 {
            let kind = Catalog.kinds[random.weighted(Catalog.kinds.map(\.weight))]
            let title = random.pick(kind.subjects).replacingOccurrences(of: "{x}", with: random.pick(kind.nouns))
            let category = random.chance(0.25) ? "" : kind.category
            let estimate = String(format: "%.1f", random.lognormal(median: kind.hours, sigma: 0.4))
            let ai = random.pick(["auto", "auto", "yes", "no"])
            rows.append("PLAN-\(number),\"\(title)\",\(category),\(estimate),\(ai)")
        }
        return Array((rows.joined(separator: "\n") + "\n").utf8)
    }

    static func truth(_ tasks: [PlannedTask], simulation: Simulation, marks: [Int: Int], seed: UInt64) -> [UInt8] {
        let effort = estimatedHours(simulation)
        var effects: [String: Any] = [:]
        for kind in Catalog.kinds { effects[kind.category] = ["ratio": kind.ratio, "zone": kind.zone] }
        let entries: [[String: Any]] = tasks.enumerated().map { index, task in
            let kind = Catalog.kinds[task.kind]
            return [
                "key": task.key, "title": task.title, "category": kind.category, "zone": kind.zone, "ai": task.ai,
                "aiTool": task.tool.map { $0 as Any } ?? NSNull(), "aiMarkedInCommits": task.trailer,
                "author": task.developer >= 0 ? Catalog.developers[task.developer].login : "bot", "bot": task.isBot,
                "style": task.style.rawValue, "commitMarks": task.commits.compactMap { marks[$0] },
                "mergeMark": task.merge.flatMap { marks[$0] }.map { $0 as Any } ?? NSNull(),
                "pr": task.pr.map { $0 as Any } ?? NSNull(),
                "branch": task.branch.map { $0 as Any } ?? NSNull(), "effortHours": ((effort[index] ?? 0) * 100).rounded() / 100,
                "intendedHours": (task.intendedHours * 100).rounded() / 100, "reviewRounds": task.reviewRounds,
                "sessions": task.sessions,
            ]
        }
        return json([
            "seed": seed,
            "period": ["start": iso(Simulation.start), "end": iso(Simulation.start + Int64(Simulation.days) * 86_400 - 1)],
            "developers": Catalog.developers.map { ["login": $0.login, "name": $0.name, "tool": $0.tool.map { $0 as Any } ?? NSNull(), "checkout": $0.checkout] as [String: Any] },
            "effects": effects,
            "estimator": "effortHours: METHOD.md's git estimator over each author's non-merge commits (gap <= 2 h, else 0.5 h lead-in); intendedHours: the work time planted, AI tasks already multiplied by their category's ratio",
            "reviewOverhead": ["reworkChanceAI": 0.55, "reworkChanceHuman": 0.3, "extraRoundChanceAI": 0.6, "extraRoundChanceHuman": 0.35, "medianWaitHoursAI": 10, "medianWaitHoursHuman": 7],
            "tasks": entries,
        ])
    }
}
