import Model

/// METHOD.md's churn: of the lines a task added to a file, those deleted again by
/// later commits of other tasks within the churn window, counted as those commits'
/// deletions in the file and capped by what the task added there.
enum Churn {
    static func apply(
        to tasks: inout [WorkTask], commits: [Commit], groups: [CommitGroup], settings: Settings,
        counts: (FileChange) -> Bool
    ) {
        let window = Int64(settings.churnDays * 86_400)
        var taskOf = [Int](repeating: -1, count: commits.count)
        for (taskIndex, group) in groups.enumerated() { for index in group.members { taskOf[index] = taskIndex } }
        // Per file: (time, task, added, deleted), oldest first.
        var events: [String: [(time: Int64, task: Int, added: Int, deleted: Int)]] = [:]
        for (index, commit) in commits.enumerated() where !commit.isMerge && taskOf[index] >= 0 {
            for change in commit.files where counts(change) {
                events[change.path, default: []].append(
                    (commit.authorTime, taskOf[index], change.linesAdded ?? 0, change.linesDeleted ?? 0))
            }
        }
        var churned = [Int](repeating: 0, count: tasks.count)
        for (_, list) in events {
            let sorted = list.sorted { ($0.time, $0.task) < ($1.time, $1.task) }
            // Each task's additions in this file and the time of its last change there.
            var added: [Int: (lines: Int, last: Int64)] = [:]
            for event in sorted where event.added > 0 {
                let old = added[event.task] ?? (0, .min)
                added[event.task] = (old.lines + event.added, max(old.last, event.time))
            }
            for (task, addition) in added {
                var deleted = 0
                for event in sorted where event.task != task && event.time > addition.last
                    && event.time <= addition.last + window
                {
                    deleted += event.deleted
                }
                churned[task] += min(deleted, addition.lines)
            }
        }
        for index in tasks.indices { tasks[index].churnedLines = churned[index] }
    }
}
