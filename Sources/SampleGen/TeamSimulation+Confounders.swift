extension TeamSimulation {
    /// A new task of a validity world: how it is delivered (`linear`, `squash`), the shared
    /// files it also touches, and whether its assistant leaves a trailer (`few-trailers`).
    mutating func applyScenario(to task: inout PlannedTask, issue: String) {
        let kind = WorkKind.catalog[task.kind]
        let slug = Self.slug(task.title)
        if scenario.has(.linear) {
            // Rebased onto main: the key is in the branch, which only the session logs name, and
            // in a third of the subjects; the commits land together at the rebase.
            task.style = .direct
            task.issue = issue
            task.sessionBranch = random.pick(["\(issue)-", "feature/\(issue)-"]) + slug
            task.branch = nil
        } else if scenario.has(.squash) {
            task.style = .squash
            if task.branch == nil {
                task.issue = issue
                task.branch = unique("\(issue)-\(slug)")
            }
        }
        if task.style != .pullRequest {
            // Only merge-commit pull requests go through rework rounds; the whole effort is first-pass work.
            task.reworkRounds = []
            task.remaining = Int64(task.intendedHours * 3600)
        }
        if scenario.has(.sharedFiles) {
            for shared in Scenario.sharedFiles[kind.category] ?? [] where random.chance(shared.chance) {
                if !task.paths.contains(shared.path) { task.paths.append(shared.path) }
            }
        }
        if scenario.has(.fewTrailers) && task.trailer { task.trailer = random.chance(0.4) }
    }

    /// A branch name not used before (`-2`, `-3`… appended).
    private mutating func unique(_ name: String) -> String {
        var candidate = name
        var suffix = 2
        while usedBranches.contains(candidate) {
            candidate = "\(name)-\(suffix)"
            suffix += 1
        }
        usedBranches.insert(candidate)
        return candidate
    }
}

extension PlannedTask {
    /// A squash-merged branch's tip at `time`: its last work commit by then (validity worlds only).
    func squashHead(at time: Int64) -> String? {
        Array(zip(squashTimes, squashOids)).last { $0.0 <= time }?.1
    }
}
