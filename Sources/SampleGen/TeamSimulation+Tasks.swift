import Foundation

extension TeamSimulation {
    /// Standard-normal quantiles at (i + 0.5) / 16.
    static let normalQuantiles = [
        -1.8627, -1.318, -1.01, -0.7764, -0.5791, -0.4023, -0.2372, -0.0784, 0.0784, 0.2372, 0.4023, 0.5791, 0.7764, 1.01,
        1.318, 1.8627,
    ]

    static let strayPaths = [
        "README.md", "src/api/index.ts", "package.json", "src/app.ts", "tests/api/orders.test.ts", "config/default.yml",
    ]

    /// Draws the next task of a developer: kind from their deck, AI or not, planted effort,
    /// delivery style, issue key, branch and files.
    mutating func newTask(for developer: Int, at clock: Int64) -> Int {
        let person = team[developer]
        if people[developer].deck.isEmpty {
            var deck: [Int] = []
            for (index, kind) in WorkKind.catalog.enumerated() {
                deck += Array(repeating: index, count: Int((kind.weight * 5).rounded()))
            }
            people[developer].deck = random.shuffled(deck)
        }
        let kindIndex = people[developer].deck.removeLast()
        let kind = WorkKind.catalog[kindIndex]
        let ai = person.tool != nil && random.chance(person.aiShare)
        // Stratified noise: each (kind, AI) group draws its z-scores from a shuffled deck of
        // normal quantiles, so per-task noise is lognormal (sigma 0.5) but group means stay near
        // the planted ratio even with fifteen tasks a group.
        let group = kindIndex * 2 + (ai ? 1 : 0)
        if noiseDecks[group, default: []].isEmpty { noiseDecks[group] = random.shuffled(Self.normalQuantiles) }
        let z = noiseDecks[group]?.removeLast() ?? 0
        let factor = scenario.hoursFactor(developer: developer, ai: ai)
        var hours = min(max(kind.hours * (ai ? kind.ratio : 1) * exp(0.5 * z) * factor, 0.4), 24 * factor)
        // Practices world: plan-first AI tasks (half of the Claude Code ones) and AI tasks begun
        // after CLAUDE.md was added take the planted shares less effort.
        var planFirst = false
        if scenario.isPractices && ai {
            planFirst = person.tool == .claudeCode && random.chance(0.5)
            if planFirst { hours *= 1 - scenario.planFirstEffect }
            if let added = contextFileTime, clock >= added { hours *= 1 - scenario.contextFileEffect }
        }
        var noun = random.pick(kind.nouns)
        var title = random.chance(0.85)
            ? random.pick(scenario.isDemo ? kind.titles : kind.titles + kind.freshTitles) : random.pick(kind.vagueTitles)
        let day = Int((clock - Self.start) / 86_400)
        if kind.category == "maintenance" && !renamedDates && day >= 20 {
            noun = "date"
            title = "Rename date helpers module to dates"
        }
        title = Self.capitalized(title.replacingOccurrences(of: "{x}", with: Self.display(noun)))
        issueNumber += random.int(1...3)
        let issue = "\(scenario.keyPrefix)-\(issueNumber)"
        let roll = random.unit()
        let directShare = ["config", "docs", "maintenance"].contains(kind.category) ? 0.4 : 0.14
        let style: PlannedTask.Style =
            hours <= 1.6 && roll < 0.3 ? .squash : roll > 1 - directShare ? .direct : .pullRequest
        let keyed = style == .direct || random.chance(style == .squash ? 0.5 : 0.8)
        var branch: String?
        if style != .direct {
            let slug = Self.slug(title)
            if keyed {
                var prefixes = ["feature/\(issue)-", "\(issue)-", kind.type == "fix" ? "fix/\(issue)-" : "feat/\(issue)-"]
                if ai && person.tool == .codex { prefixes.append("codex/\(issue)-") }
                branch = random.pick(prefixes) + slug
            } else {
                branch = "\(person.login)/\(slug)"
            }
        }
        if let name = branch {
            var unique = name
            var suffix = 2
            while usedBranches.contains(unique) {
                unique = "\(name)-\(suffix)"
                suffix += 1
            }
            usedBranches.insert(unique)
            branch = unique
        }
        let civil = Format.civil(clock)
        let stamp = String(
            format: "%04d%02d%02d%02d%02d%02d", civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second)
        let resolved = kind.paths.map {
            $0.replacingOccurrences(of: "{x}", with: noun).replacingOccurrences(of: "{n}", with: stamp)
        }
        var paths = [resolved[0]] + resolved.dropFirst().filter { _ in random.chance(0.65) }
        if random.chance(0.2) {
            let stray = random.pick(Self.strayPaths)
            if !paths.contains(stray) { paths.append(stray) }
        }
        let others = team.indices.filter { $0 != developer }
        let tool = ai ? person.tool : nil
        let trailerChance: Double
        switch tool {
        case .claudeCode: trailerChance = 0.65
        case .codex: trailerChance = 0.4
        case .aider: trailerChance = 0.85
        case .copilotCLI: trailerChance = 1
        case nil: trailerChance = 0
        }
        let rounds = style == .pullRequest ? reworkRounds(hours: hours, ai: ai, planFirst: planFirst) : []
        var task = PlannedTask(
            issue: keyed ? issue : nil, title: title, kind: kindIndex, author: developer, bot: nil, ai: ai, tool: tool,
            trailer: random.chance(trailerChance), style: style, branch: branch, paths: paths, intendedHours: hours,
            remaining: Int64(hours * 3600) - rounds.reduce(0) { $0 + $1.seconds }, noun: noun)
        task.reworkRounds = rounds
        task.aiderSuffix = tool == .aider && random.chance(0.35)
        task.reviewer = random.pick(others)
        task.planFirst = planFirst
        if !scenario.isDemo { applyScenario(to: &task, issue: issue) }
        if scenario.isPractices && !contextFileTaskPlanned && clock >= Self.start + Int64(Scenario.contextFileDay) * 86_400 {
            // The team adds CLAUDE.md: one half-hour commit straight to main, by hand.
            contextFileTaskPlanned = true
            let docs = WorkKind.catalog.firstIndex { $0.category == "docs" } ?? task.kind
            task = PlannedTask(
                issue: issue, title: "Add CLAUDE.md with the team's conventions", kind: docs, author: developer, bot: nil,
                ai: false, tool: nil, trailer: false, style: .direct, branch: nil, paths: ["CLAUDE.md"], intendedHours: 0.5,
                remaining: 1800, noun: "claude")
        }
        tasks.append(task)
        return tasks.count - 1
    }

    /// Commits one chunk of a task's work; squash-merged tasks only remember it (their commits
    /// never reach main). Returns the commit index, if a commit was made.
    mutating func commitChunk(task index: Int, developer: Int, start: Int64, end: Int64) -> Int? {
        let task = tasks[index]
        let kind = WorkKind.catalog[task.kind]
        let first = task.firstSubject == nil
        var edits = chooseEdits(index, first: first, hours: Double(end - start) / 3600)
        if first && kind.category == "maintenance" && task.noun == "date" && !renamedDates {
            renamedDates = true
            edits.removeAll { $0.path.hasPrefix("src/utils/date") }
            edits.insert(
                FileEdit(path: "src/utils/dates.ts", operation: .rename(from: "src/utils/date.ts", added: 4, deleted: 2)),
                at: 0)
            edits.append(FileEdit(path: "src/utils/index.ts", operation: .modify(added: 1, deleted: 1)))
        }
        if first && kind.category == "docs" && !binaryUpdated && start > Self.start + 30 * 86_400 {
            binaryUpdated = true
            edits.append(FileEdit(path: "public/images/logo.png", operation: .binary(bytes: 1800)))
        }
        let subject = self.subject(for: index, first: first)
        if first { tasks[index].firstSubject = subject }
        if task.style == .squash {
            tasks[index].squashEdits += edits
            tasks[index].squashSubjects.append(subject)
            tasks[index].squashTimes.append(end)
            if !scenario.isDemo { tasks[index].squashOids.append(random.hex(40)) }
            tasks[index].squashTime = end
            return nil
        }
        let body = first && random.chance(0.3) ? Self.bodyText(task, random: &random) : nil
        let author = signature(developer, at: end, aider: task.tool == .aider && task.trailer && task.aiderSuffix)
        let commit = addCommit(
            PlannedCommit(
                task: index, author: author, committer: author, subject: subject,
                trailer: task.trailer ? attribution(task) : nil, body: body, ref: task.branch ?? "main", kind: .normal,
                edits: edits, isRework: false, sequence: 0))
        tasks[index].commits.append(commit)
        if scenario.isPractices && contextFileTime == nil && task.paths == ["CLAUDE.md"] {
            contextFileTime = end
            contextFileCommit = commit
        }
        return commit
    }

    /// A commit asked for in review: the author's fixup, or the reviewer's own change on the branch.
    /// The change requests a pull request's review will make: each round asks for changes
    /// with its chance (AI work more often), and its rework is a share of the task's hours.
    /// The rework comes out of the planted hours, so the planted ratio holds for the whole
    /// effort METHOD.md measures, and AI work pays its extra review rounds out of it.
    mutating func reworkRounds(hours: Double, ai: Bool, planFirst: Bool = false) -> [PlannedTask.ReworkRound] {
        let chances = ai ? Self.changeChanceAI : Self.changeChanceHuman
        // A plan-first task's review asks for changes less often, by the planted share (practices world).
        let scale = planFirst ? 1 - scenario.planFirstEffect : 1
        var rounds: [PlannedTask.ReworkRound] = []
        while random.chance(chances[min(rounds.count, chances.count - 1)] * scale) {
            let byReviewer = random.chance(Self.reviewerFixChance)
            // A plan-first task's rework is smaller by the planted share (practices world).
            let share = random.lognormal(median: byReviewer ? 0.1 : (ai ? 0.18 : 0.14), sigma: 0.4)
                * (planFirst ? 1 - scenario.planFirstEffect : 1)
            let seconds = max(Int64(hours * share * 3600), 600)
            rounds.append(PlannedTask.ReworkRound(byReviewer: byReviewer, seconds: seconds, commits: byReviewer ? 1 : random.int(1...2)))
        }
        // At least half of the work is the first pass.
        let total = rounds.reduce(0) { $0 + $1.seconds }
        let limit = Int64(hours * 1800)
        if total > limit {
            for index in rounds.indices { rounds[index].seconds = max(rounds[index].seconds * limit / total, 300) }
        }
        return rounds
    }

    mutating func reworkCommit(task index: Int, developer: Int, byReviewer: Bool, at time: Int64) -> Int {
        let task = tasks[index]
        let noun = Self.display(task.noun)
        let subject =
            byReviewer
            ? random.pick([
                "Simplify \(noun) handling as discussed", "Fix typo in \(noun) error message",
                "Use the shared helper in \(noun)",
            ])
            : random.pick([
                "Address review feedback", "fixup! \(task.firstSubject ?? task.title)", "Apply suggestions from code review",
                "Address review comments", "fixup! \(task.firstSubject ?? task.title)",
            ])
        let path = random.pick(task.paths)
        let added = random.int(2...14)
        let edits = [FileEdit(path: path, operation: .modify(added: added, deleted: random.int(1...added)))]
        let marked = !byReviewer && task.trailer && task.tool != .aider && random.chance(0.5)
        let author = signature(developer, at: time, aider: false)
        let commit = addCommit(
            PlannedCommit(
                task: index, author: author, committer: author, subject: subject, trailer: marked ? attribution(task) : nil,
                body: nil, ref: task.branch ?? "main", kind: .normal, edits: edits, isRework: true, sequence: 0))
        tasks[index].commits.append(commit)
        return commit
    }

    func signature(_ developer: Int, at time: Int64, aider: Bool) -> Signature {
        let person = team[developer]
        return Signature(name: person.name + (aider ? " (aider)" : ""), email: person.email, time: time, offset: person.offset)
    }

    /// Which files a chunk touches and how many lines it adds and deletes.
    private mutating func chooseEdits(_ index: Int, first: Bool, hours: Double) -> [FileEdit] {
        let task = tasks[index]
        let kind = WorkKind.catalog[task.kind]
        let paths = task.paths.map { renamedDates && $0 == "src/utils/date.ts" ? "src/utils/dates.ts" : $0 }
        var chosen = first ? paths : [random.pick(paths)]
        if !first && paths.count > 1 && random.chance(0.3) {
            let other = random.pick(paths)
            if !chosen.contains(other) { chosen.append(other) }
        }
        let lines = max(2, Int(hours * kind.linesPerHour * 0.5 * (task.ai ? 1.35 : 1) * random.lognormal(median: 1, sigma: 0.35)))
        let weights = chosen.map { _ in 0.3 + random.unit() }
        let total = weights.reduce(0, +)
        return zip(chosen, weights).map { path, weight in
            let added = max(1, Int(Double(lines) * weight / total))
            let deleted = Int(Double(added) * (0.05 + 0.55 * random.unit()))
            return FileEdit(path: path, operation: .modify(added: added, deleted: deleted))
        }
    }

    /// A commit subject in the author's style; direct commits carry the issue key.
    private mutating func subject(for index: Int, first: Bool) -> String {
        let task = tasks[index]
        let kind = WorkKind.catalog[task.kind]
        let developer = team[task.author ?? 0]
        var text = first ? task.title : Self.capitalized(random.pick(kind.followUps).replacingOccurrences(of: "{x}", with: Self.display(task.noun)))
        if !first && random.chance(0.08) { text = "WIP" }
        // aider writes its own conventional subjects for the commits it makes.
        let conventional = developer.conventional || (task.tool == .aider && task.trailer)
        if conventional && text != "WIP" {
            let type = first ? kind.type : (random.chance(0.3) ? "test" : kind.type)
            let scope = kind.scope.isEmpty || random.chance(0.3) ? "" : "(\(kind.scope))"
            text = "\(type)\(scope): " + text.prefix(1).lowercased() + text.dropFirst()
        }
        if let issue = task.issue {
            if task.sessionBranch != nil {
                // A rebased branch's commits (`linear`): the key is in its name, and in a third
                // of the subjects.
                if random.chance(0.3) { text = developer.conventional ? "\(text) [\(issue)]" : "\(issue): \(text)" }
            } else if task.style == .direct {
                text = developer.conventional ? "\(text) [\(issue)]" : "\(issue): \(text)"
            } else if !developer.conventional && random.chance(0.2) {
                text = "\(issue) \(text)"
            }
        }
        return text
    }

    /// The attribution the task's assistant leaves in a commit message.
    func attribution(_ task: PlannedTask) -> String? {
        switch task.tool {
        case .claudeCode:
            let model = team[task.author ?? 0].model.contains("opus") ? "Claude Opus 4.5" : "Claude Sonnet 4.5"
            return "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: \(model) <noreply@anthropic.com>"
        case .codex: return "Co-authored-by: Codex <noreply@openai.com>"
        case .aider: return task.aiderSuffix ? nil : "Co-authored-by: aider (anthropic/claude-sonnet-4-5) <aider@aider.chat>"
        case .copilotCLI: return "Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>"
        case nil: return nil
        }
    }

    static func bodyText(_ task: PlannedTask, random: inout SplitMix64) -> String {
        let noun = display(task.noun)
        let sentence = random.pick([
            "The storefront needs this before the autumn campaign.",
            "Keeps \(noun) behaviour in line with what support asked for.",
            "Covers the cases we saw in last week's incident review.",
            "Split out of the larger \(noun) change to keep the review small.",
        ])
        return task.issue.map { "\(sentence)\n\nRefs \($0)" } ?? sentence
    }

    static func display(_ noun: String) -> String { noun.replacingOccurrences(of: "-", with: " ") }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    static func slug(_ title: String) -> String {
        title.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).prefix(5)
            .joined(separator: "-")
    }
}
