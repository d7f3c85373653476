extension TeamSimulation {
    /// Chance that a review round asks for changes, by round, for AI-assisted and human work
    /// (planted: AI work goes through more rounds).
    static let changeChanceAI = [0.6, 0.35, 0.1]
    static let changeChanceHuman = [0.3, 0.15, 0.05]
    /// Median hours before a reviewer picks up a pull request (planted: AI work waits longer).
    static let waitHoursAI = 4.5
    static let waitHoursHuman = 2.5
    static let reviewerFixChance = 0.18

    /// A finished task: direct work is done; a pull request is opened for review.
    mutating func finish(task index: Int, at time: Int64) {
        if scenario.has(.linear) && tasks[index].sessionBranch != nil {
            // Rebased onto main and pushed: every commit of the branch gets the moment of the
            // rebase as its committer time, and they land on main together.
            let landed = time + random.seconds(300...5400)
            for commit in tasks[index].commits { commits[commit].committer.time = landed }
        }
        guard tasks[index].style != .direct, let reviewer = tasks[index].reviewer else { return }
        let created = time + random.seconds(120...720)
        tasks[index].createdAt = created
        requestReview(index, reviewer: reviewer, at: created, medianHours: scenario.reviewWait(ai: tasks[index].ai))
    }

    mutating func requestReview(_ index: Int, reviewer: Int, at time: Int64, medianHours: Double) {
        tasks[index].readyAt = time
        reviewAfter[index] = time + Int64(random.lognormal(median: medianHours, sigma: 0.6) * 3600)
        reviewQueues[reviewer].append(index)
    }

    /// Rework finished: the reviewer approves their own change, or the author asks again.
    mutating func reworkDone(_ item: DeveloperState.Rework, developer: Int, at time: Int64) {
        if item.byReviewer {
            tasks[item.task].reviews.append(PlannedTask.Review(reviewer: developer, state: "APPROVED", time: time + 180, comments: 0))
            people[developer].mergeNextBlock.append(item.task)
        } else if let reviewer = tasks[item.task].reviewer {
            requestReview(item.task, reviewer: reviewer, at: time + 300, medianHours: 1.5)
        }
    }

    /// Before a block of work, a developer reviews what has waited long enough: approves
    /// (and merges at the block's first commit) or asks for changes.
    mutating func review(as reviewer: Int) {
        let blockStart = people[reviewer].blockStart
        let due = reviewQueues[reviewer]
            .filter { (reviewAfter[$0] ?? .max) <= blockStart - 3600 }
            .sorted { (reviewAfter[$0] ?? 0, $0) < (reviewAfter[$1] ?? 0, $1) }
        for index in due {
            reviewQueues[reviewer].removeAll { $0 == index }
            let time = blockStart - random.seconds(2100...3600)
            let task = tasks[index]
            if task.bot == nil && random.chance(0.15) {
                let others = team.indices.filter { $0 != reviewer && $0 != task.author }
                tasks[index].reviews.append(
                    PlannedTask.Review(reviewer: random.pick(others), state: "COMMENTED", time: time - random.seconds(600...3000), comments: random.int(1...2)))
            }
            guard task.changeRequests < task.reworkRounds.count, let author = task.author else {
                tasks[index].reviews.append(
                    PlannedTask.Review(reviewer: reviewer, state: "APPROVED", time: time, comments: task.bot == nil ? random.int(0...2) : 0))
                people[reviewer].pendingMerges.append(index)
                continue
            }
            tasks[index].reviews.append(
                PlannedTask.Review(reviewer: reviewer, state: "CHANGES_REQUESTED", time: time, comments: task.ai ? random.int(2...6) : random.int(1...4)))
            let round = task.reworkRounds[task.changeRequests]
            tasks[index].changeRequests += 1
            if round.byReviewer {
                people[reviewer].rework.insert(
                    DeveloperState.Rework(task: index, remaining: round.seconds, readyAt: blockStart, commitsLeft: 1, byReviewer: true),
                    at: 0)
            } else {
                people[author].rework.append(
                    DeveloperState.Rework(
                        task: index, remaining: round.seconds, readyAt: time + 600, commitsLeft: round.commits, byReviewer: false))
            }
        }
    }

    /// Merges an approved pull request: a merge commit by the reviewer, or a squash commit
    /// authored by the pull request's author (or bot) at the time of their last work commit.
    mutating func merge(task index: Int, by developer: Int, at time: Int64) {
        let task = tasks[index]
        let github = Signature(name: "GitHub", email: "noreply@github.com", time: time, offset: 0)
        tasks[index].mergedAt = time
        if task.style == .squash {
            let author: Signature
            if let bot = task.bot {
                author = Signature(name: bot.name, email: bot.email, time: task.squashTime ?? time, offset: 0)
            } else {
                author = signature(task.author ?? 0, at: task.squashTime ?? time, aider: false)
            }
            let subjects = task.squashSubjects
            let body = task.botBody ?? (subjects.count > 1 ? subjects.map { "* " + $0 }.joined(separator: "\n\n") : nil)
            let commit = addCommit(
                PlannedCommit(
                    task: index, author: author, committer: github, subject: subjects.first ?? task.title,
                    trailer: task.trailer ? attribution(task) : nil, body: body, ref: "main", kind: .squash,
                    edits: task.squashEdits, isRework: false, sequence: 0))
            tasks[index].commits = [commit]
        } else {
            var merger = signature(developer, at: time, aider: false)
            merger.offset = team[developer].offset
            let commit = addCommit(
                PlannedCommit(
                    task: index, author: merger, committer: github, subject: "", trailer: nil, body: nil, ref: "main",
                    kind: .merge(task: index), edits: [], isRework: false, sequence: 0))
            tasks[index].merge = commit
        }
    }

    /// Pull-request numbers in the order the pull requests were opened.
    mutating func numberPullRequests() {
        let opened = tasks.indices.filter { tasks[$0].createdAt != nil }
            .sorted { (tasks[$0].createdAt ?? 0, $0) < (tasks[$1].createdAt ?? 0, $1) }
        for (offset, index) in opened.enumerated() { tasks[index].pr = 241 + offset }
    }

    /// Writes every commit's full message: subject, body, trailer; merge and squash subjects
    /// get their pull-request numbers. One body uses CRLF line ends, as a Windows editor would.
    mutating func composeMessages() {
        var crlfDone = false
        for index in commits.indices {
            let commit = commits[index]
            guard let taskIndex = commit.task else { continue }
            let task = tasks[taskIndex]
            var message: String
            switch commit.kind {
            case .merge:
                message = "Merge pull request #\(task.pr ?? 0) from acme/\(task.branch ?? "")\n\n\(task.title)\n"
            case .squash:
                message = commit.subject + " (#\(task.pr ?? 0))\n"
            case .normal:
                message = commit.subject + "\n"
            }
            if var body = commit.body {
                if !crlfDone && task.author == 1 && commit.kind == .normal {
                    crlfDone = true
                    body = body.replacingOccurrences(of: "\n", with: "\r\n") + "\r"
                }
                message += "\n" + body + "\n"
            }
            if let trailer = commit.trailer { message += "\n" + trailer + "\n" }
            commits[index].message = message
        }
        commits[0].message = "Import acme-shop service from the platform monorepo\n\nHistory before this point lives in acme/platform.\n"
    }
}
