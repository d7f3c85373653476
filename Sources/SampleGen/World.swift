/// What a real team does that the demo team does not, one switch each. A world is the demo
/// team's simulation with a set of these on (see README.md, "Validity worlds").
enum Confounder: String, CaseIterable, Comparable {
    /// Schemas, lock files, a shared policy module and a routes file touched by most tasks of their kind.
    case sharedFiles = "shared-files"
    /// Rebased, merge-free history: every task lands on main with the issue key in its subjects;
    /// its branch (`SHOP-123-…`) is seen only in the session logs' gitBranch.
    case linear
    /// GitHub flow with squash merges only, reviews that wait more than a day, and the export.
    case squash
    /// Logs copied from teammates' machines: `/home/<login>/src/acme-shop`, not the ingested checkout.
    case foreignPaths = "foreign-paths"
    /// Two people run their assistant in a container (`/workspace`); their logs lie on a shared box.
    case anonymousPaths = "anonymous-paths"
    /// Claude Code logs collected in one folder (no `machines/<login>/` to tell whose they are).
    case oneFolder = "one-folder"
    /// Sessions with no commit and no task: a question asked on main while doing a task by hand.
    case abandoned
    /// A reviewer's session on the author's branch, after the author's last commit.
    case reviewSessions = "review-sessions"
    /// One person uses AI for every task and is 20% quicker anyway; one never does and is 25% slower.
    case aiSkew = "ai-skew"
    /// AI-assisted tasks are 1.6 times the size of human ones (same planted ratio per unit of work).
    case aiLarger = "ai-larger"
    /// Most AI-assisted work leaves no trailer (only 40% of the tasks that would carry one do).
    case fewTrailers = "few-trailers"

    static func < (lhs: Confounder, rhs: Confounder) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which team to simulate: the demo (SampleData, byte for byte), or a validity world: the same
/// team at about 200 tasks (each task twice the demo's size), with `SHOP-` issue keys, logs
/// naming the checkout the harness ingests (`--checkout`), and some confounders on.
struct Scenario: Equatable {
    static let worlds = ["demo", "plain", "practices", "realistic-linear", "realistic-squash"]

    var name = "demo"
    var confounders: Set<Confounder> = []
    /// The folder the team's logs name as their checkout (the one the harness ingests).
    var checkout: String?
    /// `practices` world: plan-first AI tasks take this share less effort (and less rework).
    var planFirstEffect = 0.0
    /// `practices` world: AI tasks started after CLAUDE.md is added take this share less effort.
    var contextFileEffect = 0.0
    /// `practices` world: CLAUDE.md is added by the first task started on or after this day.
    static let contextFileDay = 56

    var isPractices: Bool { name == "practices" }

    static let demo = Scenario()

    /// A named world with its confounders (`plain` has none).
    init(name: String = "demo", confounders: Set<Confounder> = [], checkout: String? = nil) {
        self.name = name
        self.checkout = checkout
        switch name {
        case "realistic-linear":
            self.confounders = [
                .sharedFiles, .linear, .oneFolder, .anonymousPaths, .abandoned, .reviewSessions, .aiSkew, .aiLarger,
            ]
        case "realistic-squash":
            self.confounders = [
                .sharedFiles, .squash, .foreignPaths, .anonymousPaths, .abandoned, .reviewSessions, .aiSkew, .aiLarger,
                .fewTrailers,
            ]
        default: self.confounders = []
        }
        self.confounders.formUnion(confounders)
    }

    var isDemo: Bool { name == "demo" && confounders.isEmpty && checkout == nil }
    func has(_ confounder: Confounder) -> Bool { confounders.contains(confounder) }

    /// Tasks are this many times the demo's (about 200 tasks in 16 weeks instead of 420).
    /// (The practices world keeps the demo's size: its comparisons split AI tasks four ways.)
    var sizeFactor: Double { isDemo || isPractices ? 1 : 2 }
    var keyPrefix: String { isDemo ? "ACME" : "SHOP" }

    /// The developers of this world: tools per world, the AI-skew pair, and their checkouts.
    func team(_ base: [Developer]) -> [Developer] {
        guard !isDemo else { return base }
        return base.enumerated().map { index, person in
            var tool = person.tool
            var share = person.aiShare
            if (name == "realistic-linear" || isPractices) && tool != nil && index < 4 { tool = .claudeCode }
            if name == "realistic-squash" && tool != nil && index < 4 { tool = index % 2 == 0 ? .codex : .aider }
            if has(.aiSkew) && index == 0 { share = 1 }
            if has(.aiSkew) && index == 4 { (tool, share) = (nil, 0) }
            return Developer(
                login: person.login, name: person.name, email: person.email, offset: person.offset, tool: tool,
                aiShare: share, conventional: person.conventional, checkout: checkout(of: index, person),
                model: Self.model(tool, default: person.model))
        }
    }

    /// The developers who run their assistant in a container (`anonymous-paths`).
    static let anonymous: Set<String> = ["bob", "carol"]

    private func checkout(of index: Int, _ person: Developer) -> String {
        if has(.anonymousPaths) && Self.anonymous.contains(person.login) { return "/workspace" }
        if has(.foreignPaths) { return "/home/\(person.login)/src/acme-shop" }
        return checkout ?? person.checkout
    }

    private static func model(_ tool: AITool?, default model: String) -> String {
        switch tool {
        case .claudeCode: return model.hasPrefix("claude") ? model : "claude-sonnet-4-5-20250929"
        case .codex: return "gpt-5.3-codex"
        case .aider: return "anthropic/claude-sonnet-4-5"
        case .copilotCLI, nil: return model
        }
    }

    /// A person's own pace (planted, independent of AI): `ai-skew` makes the all-AI person quicker.
    func speed(of developer: Int) -> Double {
        guard has(.aiSkew) else { return 1 }
        return developer == 0 ? 0.8 : developer == 4 ? 1.25 : 1
    }

    /// The hours factor of a new task: size, the person's pace, and AI tasks' extra size.
    func hoursFactor(developer: Int, ai: Bool) -> Double {
        sizeFactor * speed(of: developer) * (ai && has(.aiLarger) ? 1.6 : 1)
    }

    /// Median hours before a reviewer picks a pull request up.
    func reviewWait(ai: Bool) -> Double {
        let base = ai ? TeamSimulation.waitHoursAI : TeamSimulation.waitHoursHuman
        return has(.squash) ? base + 20 : base
    }

    /// Files that many tasks of a kind touch at once, with the chance a task touches each.
    static let sharedFiles: [String: [(path: String, chance: Double)]] = [
        "crud": [("src/api/routes.ts", 0.9), ("db/schema.sql", 0.5), ("src/auth/policy.ts", 0.3)],
        "api-integration": [("src/api/routes.ts", 0.5), ("package-lock.json", 0.7), ("config/default.yml", 0.4)],
        "migration": [("db/schema.sql", 1)],
        "security": [("src/auth/policy.ts", 0.9), ("src/api/routes.ts", 0.4)],
        "business-logic": [("src/auth/policy.ts", 0.4), ("db/schema.sql", 0.3)],
        "config": [("config/default.yml", 0.9), ("package-lock.json", 0.3)],
        "data-transform": [("db/schema.sql", 0.4), ("package-lock.json", 0.3)],
        "performance": [("db/schema.sql", 0.4), ("package-lock.json", 0.3)],
        "distributed-state": [("package-lock.json", 0.4), ("db/schema.sql", 0.3)],
        "parsing": [("package-lock.json", 0.3)],
        "algorithm": [("package-lock.json", 0.2)],
        "tests": [("package-lock.json", 0.2)],
    ]

    /// Where a generated file lies: one folder for Claude Code logs, a shared box for the
    /// container users' logs; everything else where the demo puts it.
    func relocated(_ file: GeneratedFile) -> GeneratedFile {
        let parts = file.path.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "machines" else { return file }
        var owner = parts[1]
        var rest = parts[2]
        if has(.anonymousPaths) && Self.anonymous.contains(owner) { owner = "devbox" }
        if has(.oneFolder) && rest.hasPrefix(".claude/projects/") {
            owner = "collected"
            rest = "claude-code/" + rest.dropFirst(".claude/projects/".count)
        }
        return GeneratedFile("machines/\(owner)/\(rest)", file.bytes)
    }
}
