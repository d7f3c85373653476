import Foundation

/// One planned commit of the sample history, before it is written as fast-import text.
struct PlannedCommit {
    var time: Int64
    var authorName: String
    var authorEmail: String
    var offset: Int
    var committerName: String
    var committerEmail: String
    var message: String
    /// nil: on main.
    var branch: String?
    /// The branch merged into main by this commit.
    var merges: String?
    /// Path → (lines added, lines deleted); a path with nil is removed.
    var changes: [(path: String, added: Int, deleted: Int)]
    var rename: (from: String, to: String)?
    var binary: (path: String, bytes: [UInt8])?
    var task: Int
    var sequence: Int
}

/// One planted task: what truth.json says about it.
struct PlannedTask {
    var key: String
    var title: String
    var kind: Int
    var developer: Int
    var ai: Bool
    var tool: String?
    var style: Style
    var branch: String?
    var pr: Int?
    var commits: [Int] = []
    var merge: Int?
    var intendedHours: Double
    /// Work intervals (UTC seconds) of the developer on the task, for sessions and the time log.
    var intervals: [(start: Int64, end: Int64)] = []
    var reviewRounds = 0
    var reviewers: [Int] = []
    var isBot = false
    var sessions: [String] = []
    var trailer = false

    enum Style: String { case pullRequest = "pull-request", squash, direct }
}

/// Simulates five people's 16 weeks, task by task, on their own clocks.
struct Simulation {
    static let start: Int64 = 1_785_715_200  // 2026-08-03T00:00:00Z, a Monday
    static let days = 112

    var random: Random
    var tasks: [PlannedTask] = []
    var commits: [PlannedCommit] = []
    private var sequence = 0
    /// Each person's last commit, for deciding when a new block of work starts.
    private var lastCommitTime = Array(repeating: Int64(0), count: Catalog.developers.count)

    init(seed: UInt64) { random = Random(seed: seed) }

    mutating func run() {
        scaffold()
        for developer in Catalog.developers.indices { simulate(developer) }
        bots()
        numberPullRequests()
    }

    /// Commit indices in the order they are written: by time, ties by creation.
    var writeOrder: [Int] {
        commits.indices.sorted { (commits[$0].time, commits[$0].sequence) < (commits[$1].time, commits[$1].sequence) }
    }

    private mutating func add(_ commit: PlannedCommit) -> Int {
        var commit = commit
        commit.sequence = sequence
        sequence += 1
        commits.append(commit)
        return commits.count - 1
    }

    private mutating func scaffold() {
        let alice = Catalog.developers[0]
        tasks.append(
            PlannedTask(
                key: "scaffold", title: "Initial scaffold", kind: kindIndex("config"), developer: 0, ai: false,
                tool: nil, style: .direct, intendedHours: 0.5))
        var files: [(String, Int, Int)] = [
            ("package.json", 30, 0), ("package-lock.json", 400, 0), ("README.md", 20, 0), ("src/index.ts", 40, 0),
            ("src/utils/date.ts", 30, 0), ("src/utils/index.ts", 10, 0), ("tsconfig.json", 15, 0),
            ("docs/release notes.md", 5, 0), ("docs/über-uns.md", 6, 0),
        ]
        for kind in Catalog.kinds {
            for template in kind.paths.prefix(1) {
                let path = template.replacingOccurrences(of: "{x}", with: kind.nouns[0])
                if !files.contains(where: { $0.0 == path }) { files.append((path, 25, 0)) }
            }
        }
        let index = add(
            PlannedCommit(
                time: Self.start + 8 * 3600, authorName: alice.name, authorEmail: alice.email, offset: alice.offset,
                committerName: alice.name, committerEmail: alice.email, message: "Initial scaffold of acme-shop\n",
                branch: nil, merges: nil, changes: files.map { ($0.0, $0.1, $0.2) }, rename: nil,
                binary: ("public/logo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0xFF, 0]),
                task: 0, sequence: 0))
        tasks[0].commits = [index]
        tasks[0].intervals = [(Self.start + 8 * 3600 - 1800, Self.start + 8 * 3600)]
    }

    func kindIndex(_ category: String) -> Int { Catalog.kinds.firstIndex { $0.category == category } ?? 0 }

    /// Local working hours: 9:00–17:30 on weekdays.
    private func dayStart(_ day: Int, offset: Int) -> Int64 {
        Self.start + Int64(day) * 86_400 + 9 * 3600 - Int64(offset) * 60
    }

    private func isWeekend(_ day: Int) -> Bool { day % 7 >= 5 }

    private mutating func simulate(_ developerIndex: Int) {
        let developer = Catalog.developers[developerIndex]
        var day = 0
        var clock = dayStart(0, offset: developer.offset) + Int64(random.int(0...3600))
        if developerIndex == 0 { clock += 3600 }
        func dayEnd() -> Int64 { dayStart(day, offset: developer.offset) + 8 * 3600 + 1800 }
        func nextDay() {
            repeat { day += 1 } while isWeekend(day)
            clock = dayStart(day, offset: developer.offset) + Int64(random.int(0...2400))
        }
        /// Works `seconds` on the clock, over days as needed; returns the intervals worked.
        func work(_ seconds: Int64) -> [(Int64, Int64)] {
            var left = seconds
            var intervals: [(Int64, Int64)] = []
            while left > 0 {
                if clock >= dayEnd() { nextDay() }
                let slice = min(left, dayEnd() - clock)
                intervals.append((clock, clock + slice))
                clock += slice
                left -= slice
            }
            return intervals
        }

        while day < Self.days {
            if isWeekend(day) {
                nextDay()
                continue
            }
            let kindIndex = random.weighted(Catalog.kinds.map(\.weight))
            let kind = Catalog.kinds[kindIndex]
            let ai = developer.tool != nil && random.chance(developer.aiShare)
            var hours = random.lognormal(median: kind.hours, sigma: 0.55)
            if ai { hours *= kind.ratio }
            hours = min(max(hours, 0.4), 30)
            let noun = random.pick(kind.nouns)
            var title = random.pick(kind.subjects).replacingOccurrences(of: "{x}", with: noun)
            let paths = kind.paths.map { $0.replacingOccurrences(of: "{x}", with: noun.replacingOccurrences(of: " ", with: "")) }
            let number = tasks.count + 100
            let key = "ACME-\(number)"
            let roll = random.unit()
            let style: PlannedTask.Style = roll < 0.6 ? .pullRequest : roll < 0.7 ? .squash : .direct
            let slug = title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(4).joined(separator: "-")
            let branch = style == .pullRequest ? "\(key.lowercased())-\(slug)" : nil
            if kind.category == "maintenance" && random.chance(0.3) { title = "Rename date helpers to dates" }
            var task = PlannedTask(
                key: key, title: title, kind: kindIndex, developer: developerIndex, ai: ai,
                tool: ai ? developer.tool : nil, style: style, branch: branch, intendedHours: hours)
            task.trailer = ai && random.chance(0.7)
            let taskIndex = tasks.count

            // A meeting now and then: the next commit starts a new block (the estimator's lead-in).
            if random.chance(0.15) { clock += Int64(random.int(9000...14_400)) }
            let rework = style == .pullRequest && random.chance(ai ? 0.55 : 0.3)
            var planned: [PlannedCommit] = []
            var left = Int64(hours * 3600 * (rework ? 0.85 : 1))
            var chunk = 0
            // People commit as they go: at most every 1.6 hours, before leaving for the day, and
            // half an hour into a new block of work (the git estimator's lead-in), so that the
            // estimator recovers the planted effort but for the noise real teams have too.
            var lastCommit: Int64 = planned.isEmpty ? lastCommitTime[developerIndex] : clock
            while left > 0 {
                if clock >= dayEnd() - 600 { nextDay() }
                let newBlock = clock - lastCommit > 7200
                var length = newBlock ? min(left, 1800) : min(left, Int64(random.int(1800...5700)))
                length = min(length, dayEnd() - clock)
                task.intervals.append((start: clock, end: clock + length))
                clock += length
                left -= length
                lastCommit = clock
                let subject = commitSubject(title: title, kind: kind, developer: developer, key: key, style: style, chunk: chunk)
                let files = chooseFiles(paths, first: chunk == 0, hours: Double(length) / 3600)
                planned.append(
                    commit(developer, ai: task.trailer ? task.tool : nil, subject: subject, branch: branch, files: files, time: clock, task: taskIndex))
                chunk += 1
            }
            if rework {
                let intervals = work(Int64(hours * 3600 * 0.15))
                task.intervals += intervals.map { (start: $0.0, end: $0.1) }
                let subject = random.chance(0.5) ? "fixup! \(title)" : "Address review feedback"
                planned.append(
                    commit(developer, ai: task.trailer ? task.tool : nil, subject: subject, branch: branch, files: chooseFiles(paths, first: false, hours: 0.3), time: clock, task: taskIndex))
            }
            lastCommitTime[developerIndex] = clock
            if style == .squash, var merged = planned.last {
                // A squash merge is one commit on main: the task's commits folded into one.
                var changes: [String: (Int, Int)] = [:]
                for change in planned.flatMap(\.changes) {
                    let old = changes[change.path] ?? (0, 0)
                    changes[change.path] = (old.0 + change.added, old.1 + change.deleted)
                }
                merged.changes = changes.keys.sorted().map { ($0, changes[$0]?.0 ?? 0, changes[$0]?.1 ?? 0) }
                merged.message = commitSubject(title: title, kind: kind, developer: developer, key: key, style: .squash, chunk: 0)
                    + "\n\n" + planned.map { "* " + firstLine($0.message) }.joined(separator: "\n") + "\n"
                    + (task.trailer ? "\n" + trailer(task.tool, developer: developer) : "")
                planned = [merged]
            }
            task.commits = planned.map { add($0) }
            if style == .pullRequest {
                task.reviewRounds = 1 + (random.chance(ai ? 0.6 : 0.35) ? 1 : 0) + (random.chance(ai ? 0.25 : 0.1) ? 1 : 0)
                let reviewer = (developerIndex + 1 + random.int(0...3)) % Catalog.developers.count
                task.reviewers = [reviewer]
                let waitHours = random.lognormal(median: ai ? 10 : 7, sigma: 0.6)
                let mergeTime = clock + Int64(waitHours * 3600)
                let merger = Catalog.developers[reviewer]
                task.merge = add(
                    PlannedCommit(
                        time: mergeTime, authorName: merger.name, authorEmail: merger.email, offset: merger.offset,
                        committerName: "GitHub", committerEmail: "noreply@github.com",
                        message: "", branch: nil, merges: branch, changes: [], rename: nil, binary: nil,
                        task: taskIndex, sequence: 0))
            }
            if task.title.hasPrefix("Rename date helpers"), let first = task.commits.first,
                !commits.contains(where: { $0.rename != nil })
            {
                commits[first].rename = ("src/utils/date.ts", "src/utils/dates.ts")
            }
            tasks.append(task)
            clock += Int64(random.int(60...300))
        }
    }

    private func firstLine(_ message: String) -> String {
        String(message.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }

    private mutating func commitSubject(
        title: String, kind: Catalog.Kind, developer: Catalog.Developer, key: String, style: PlannedTask.Style, chunk: Int
    ) -> String {
        var subject = chunk == 0 ? title : random.pick(["Continue: \(title.lowercased())", "Handle edge cases", "Wire up \(title.lowercased())", "Tidy up"])
        if developer.conventional {
            let scope = kind.scope.isEmpty ? "" : "(\(kind.scope))"
            subject = "\(kind.type)\(scope): " + subject.prefix(1).lowercased() + subject.dropFirst()
        }
        if style == .direct { subject = "\(key): \(subject)" }
        if style == .squash && chunk == 0 { subject += " (#PR)" }
        return subject
    }

    private mutating func chooseFiles(_ paths: [String], first: Bool, hours: Double) -> [(path: String, added: Int, deleted: Int)] {
        var chosen = [paths[0]]
        for path in paths.dropFirst() where random.chance(first ? 0.7 : 0.35) { chosen.append(path) }
        if !first && random.chance(0.5) { chosen = [random.pick(paths)] }
        return chosen.map { path in
            let added = max(1, Int(random.lognormal(median: 4 + 3 * hours, sigma: 0.6)))
            return (path, min(added, 60), random.int(0...max(0, added / 2)))
        }
    }

    func trailer(_ tool: String?, developer: Catalog.Developer) -> String {
        switch tool {
        case "claude-code":
            return "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n"
        case "codex": return "Co-authored-by: Codex <noreply@openai.com>\n"
        case "aider": return "Co-authored-by: aider (anthropic/claude-sonnet-4-5) <aider@aider.chat>\n"
        default: return ""
        }
    }

    private func commit(
        _ developer: Catalog.Developer, ai tool: String?, subject: String, branch: String?,
        files: [(path: String, added: Int, deleted: Int)], time: Int64, task: Int
    ) -> PlannedCommit {
        var message = subject + "\n"
        var name = developer.name
        if let tool {
            message += "\n" + trailer(tool, developer: developer)
            if tool == "aider" { name += " (aider)" }
        }
        return PlannedCommit(
            time: time, authorName: name, authorEmail: developer.email, offset: developer.offset,
            committerName: name, committerEmail: developer.email, message: message, branch: branch, merges: nil,
            changes: files, rename: nil, binary: nil, task: task, sequence: 0)
    }

    private mutating func bots() {
        let packages = ["lodash", "express", "pg", "zod", "jest", "typescript", "axios", "dayjs"]
        var day = 3
        while day < Self.days {
            let package = random.pick(packages)
            let renovate = random.chance(0.25)
            let name = renovate ? "renovate[bot]" : "dependabot[bot]"
            let email = renovate ? "29139614+renovate[bot]@users.noreply.github.com" : "49699333+dependabot[bot]@users.noreply.github.com"
            let from = "\(random.int(1...5)).\(random.int(0...20)).\(random.int(0...9))"
            let to = from.split(separator: ".").enumerated().map { $0.offset == 2 ? String((Int($0.element) ?? 0) + 1) : String($0.element) }.joined(separator: ".")
            let taskIndex = tasks.count
            var task = PlannedTask(
                key: "bot-\(taskIndex)", title: "chore(deps): bump \(package) from \(from) to \(to)", kind: kindIndex("maintenance"),
                developer: -1, ai: false, tool: nil, style: .direct, intendedHours: 0)
            task.isBot = true
            let index = add(
                PlannedCommit(
                    time: Self.start + Int64(day) * 86_400 + 4 * 3600 + Int64(random.int(0...3000)), authorName: name,
                    authorEmail: email, offset: 0, committerName: name, committerEmail: email,
                    message: "\(task.title)\n\nBumps \(package) from \(from) to \(to).\r\n\nSigned-off-by: \(name) <support@github.com>\n",
                    branch: nil, merges: nil, changes: [("package.json", 1, 1), ("package-lock.json", random.int(3...40), random.int(3...40))],
                    rename: nil, binary: nil, task: taskIndex, sequence: 0))
            task.commits = [index]
            tasks.append(task)
            day += random.int(4...9)
        }
    }

    /// Pull-request numbers in the order the work started, as GitHub would give them.
    private mutating func numberPullRequests() {
        let order = tasks.indices.filter { tasks[$0].style != .direct && !tasks[$0].isBot && tasks[$0].key != "scaffold" }
            .sorted { (tasks[$0].intervals.first?.start ?? 0, $0) < (tasks[$1].intervals.first?.start ?? 0, $1) }
        for (offset, index) in order.enumerated() {
            let number = offset + 1
            tasks[index].pr = number
            for commit in tasks[index].commits {
                commits[commit].message = commits[commit].message.replacingOccurrences(of: "(#PR)", with: "(#\(number))")
            }
            if let merge = tasks[index].merge, let branch = tasks[index].branch {
                commits[merge].message = "Merge pull request #\(number) from acme/\(branch)\n\n\(tasks[index].title)\n"
            }
        }
    }
}
