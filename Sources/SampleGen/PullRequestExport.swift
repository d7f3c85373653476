/// Writes prs.json in the shape of `gh pr list --state all --json number,title,author,
/// createdAt,mergedAt,closedAt,headRefName,baseRefName,additions,deletions,commits,reviews,
/// comments,labels`: newest first, real commit ids for commits that reach the history.
enum PullRequestExport {
    static func write(_ world: SampleWorld) -> String {
        var random = SplitMix64(seed: 0x5052_5321)
        let numbered = world.tasks.indices.filter { world.tasks[$0].pr != nil }
            .sorted { (world.tasks[$0].pr ?? 0) > (world.tasks[$1].pr ?? 0) }
        let entries: [JSONValue] = numbered.map { index in
            let task = world.tasks[index]
            let stats = world.history.pullRequestStats[index] ?? (0, 0, 0)
            let login = task.bot.map { "app/" + $0.login } ?? world.team[task.author ?? 0].login
            return .object([
                ("number", .optional(task.pr)), ("title", .string(task.title)),
                ("author", .object([
                    ("login", .string(login)), ("name", .string(task.bot?.name ?? world.team[task.author ?? 0].name)),
                    ("is_bot", .bool(task.bot != nil)),
                ])),
                ("createdAt", .optional(task.createdAt.map(Format.iso))), ("mergedAt", .optional(task.mergedAt.map(Format.iso))),
                ("closedAt", .optional(task.mergedAt.map(Format.iso))), ("headRefName", .optional(task.branch)),
                ("baseRefName", .string("main")), ("additions", .int(stats.additions)), ("deletions", .int(stats.deletions)),
                ("commits", .array(commits(task, world: world, random: &random))),
                ("reviews", .array(task.reviews.sorted { $0.time < $1.time }.map { review in
                    .object([
                        ("author", .object([("login", .string(world.team[review.reviewer].login))])),
                        ("authorAssociation", .string("MEMBER")), ("body", .string(reviewBody(review.state))),
                        ("state", .string(review.state)), ("submittedAt", .string(Format.iso(review.time))),
                    ])
                })),
                ("comments", .array(comments(task, world: world, random: &random))),
                ("labels", .array(labels(task).map { .object([("name", .string($0))]) })),
            ])
        }
        // One pull request a line: small, diffable, and still one JSON array.
        return "[\n" + entries.map { $0.compact(sortedKeys: true) }.joined(separator: ",\n") + "\n]\n"
    }

    /// The branch's commits; a squash-merged branch's commits are gone from the history, so
    /// their ids match nothing in the repository, as on GitHub after the branch is deleted.
    static func commits(_ task: PlannedTask, world: SampleWorld, random: inout SplitMix64) -> [JSONValue] {
        if task.style == .squash {
            return task.squashSubjects.indices.map { index in
                let time = Format.iso(
                    index < task.squashTimes.count ? task.squashTimes[index] : task.squashTime ?? task.createdAt ?? 0)
                return .object([
                    ("authoredDate", .string(time)), ("committedDate", .string(time)),
                    ("messageHeadline", .string(task.squashSubjects[index])), ("oid", .string(index < task.squashOids.count ? task.squashOids[index] : random.hex(40))),
                ])
            }
        }
        return task.commits.map { index in
            let commit = world.commits[index]
            let login = world.team.first { $0.email == commit.author.email }?.login
            return .object([
                ("authoredDate", .string(Format.iso(commit.author.time))), ("committedDate", .string(Format.iso(commit.committer.time))),
                ("authors", .array([.object([
                    ("email", .string(commit.author.email)), ("login", .optional(login)), ("name", .string(commit.author.name)),
                ])])),
                ("messageHeadline", .string(commit.subject)), ("oid", .string(world.hash(index))),
            ])
        }
    }

    static func comments(_ task: PlannedTask, world: SampleWorld, random: inout SplitMix64) -> [JSONValue] {
        var items: [(Int64, String, String)] = []
        for review in task.reviews where review.comments > 0 {
            for number in 0..<review.comments {
                let body = random.pick([
                    "Can we cover the empty case here?", "Nit: naming", "This duplicates the helper in utils.",
                    "Is this safe if two workers run at once?", "Please add a test for this branch.",
                ])
                items.append((review.time - Int64(review.comments - number) * 45, world.team[review.reviewer].login, body))
            }
            if review.state == "CHANGES_REQUESTED", let author = task.author {
                items.append((review.time + random.seconds(1800...14_400), world.team[author].login, "Thanks, updated."))
            }
        }
        return items.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { item in
            .object([
                ("author", .object([("login", .string(item.1))])), ("authorAssociation", .string("MEMBER")),
                ("body", .string(item.2)), ("createdAt", .string(Format.iso(item.0))),
            ])
        }
    }

    static func labels(_ task: PlannedTask) -> [String] {
        if task.bot != nil { return ["dependencies", "javascript"] }
        let kind = WorkKind.catalog[task.kind]
        var labels: [String] = []
        if task.ai && task.trailer { labels.append("ai-assisted") }
        if kind.type == "fix" { labels.append("bug") } else if kind.type == "feat" { labels.append("enhancement") }
        if kind.category == "security" { labels.append("security") }
        if kind.category == "docs" { labels.append("documentation") }
        return labels
    }

    static func reviewBody(_ state: String) -> String {
        switch state {
        case "APPROVED": return "LGTM"
        case "CHANGES_REQUESTED": return "A few things to fix before this goes in."
        default: return ""
        }
    }
}
