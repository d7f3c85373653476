import Model

/// METHOD.md's churn: of the lines a task added to a file, those deleted again by
/// later commits of other tasks within the churn window, counted as those commits'
/// deletions in the file and capped by what the task added there. A file renamed since is
/// the same file under its new name.
enum Churn {
    /// One counted file change of a task's commit: 24 bytes, in one flat array for the whole
    /// history (the largest thing alive while tasks are built, so kept small).
    private struct Event {
        var time: Int64
        var path: Int32
        var task: Int32
        var added: Int32
        var deleted: Int32
    }

    /// - Parameter inputs: each task's member commits, by task index (`TaskBuilder.FinishInput`):
    ///   read from them rather than from the history, so that churn runs once the commits are gone.
    static func apply(
        to tasks: inout [WorkTask], inputs: [TaskBuilder.FinishInput], settings: Settings, counts: (FileChange) -> Bool
    ) {
        let window = Int64(settings.churnDays * 86_400)
        var paths: [String: Int32] = [:]
        // A file renamed (`git mv`) is one file under both names: union-find over path ids.
        var same: [Int32] = []
        func id(_ path: String) -> Int32 {
            if let known = paths[path] { return known }
            let new = Int32(paths.count)
            paths[path] = new
            same.append(new)
            return new
        }
        func root(_ path: Int32) -> Int32 {
            var path = path
            while same[Int(path)] != path {
                same[Int(path)] = same[Int(same[Int(path)])]
                path = same[Int(path)]
            }
            return path
        }
        var events: [Event] = []
        events.reserveCapacity(
            inputs.reduce(0) { sum, input in input.members.reduce(sum) { $0 + ($1.isMerge ? 0 : $1.files.count) } })
        for (taskIndex, input) in inputs.enumerated() {
            for member in input.members where !member.isMerge {
                let sweep = isSweep(member.subject, member.files, counts: counts)
                for change in member.files {
                    if let old = change.oldPath, old != change.path {
                        let (from, to) = (root(id(old)), root(id(change.path)))
                        if from != to { same[Int(to)] = from }
                    }
                    guard counts(change) else { continue }
                    let path = id(change.path)
                    events.append(
                        Event(
                            time: member.authorTime, path: path, task: Int32(taskIndex),
                            added: Int32(clamping: change.linesAdded ?? 0),
                            deleted: sweep && isRewritten(change) ? 0 : Int32(clamping: change.linesDeleted ?? 0)))
                }
            }
        }
        paths = [:]
        for index in events.indices { events[index].path = root(events[index].path) }
        same = []
        // Per file, oldest first.
        events.sort { ($0.path, $0.time, $0.task) < ($1.path, $1.time, $1.task) }
        var churned = [Int](repeating: 0, count: tasks.count)
        var start = 0
        while start < events.count {
            var end = start
            while end < events.count && events[end].path == events[start].path { end += 1 }
            // Each task's additions in this file and the time of its last change there.
            var added: [Int32: (lines: Int, last: Int64)] = [:]
            for event in events[start..<end] where event.added > 0 {
                let old = added[event.task] ?? (0, .min)
                added[event.task] = (old.lines + Int(event.added), max(old.last, event.time))
            }
            for (task, addition) in added {
                // The file's first change after the task's last one, then every change in the window.
                var low = start
                var high = end
                while low < high {
                    let middle = (low + high) / 2
                    if events[middle].time > addition.last { high = middle } else { low = middle + 1 }
                }
                var deleted = 0
                var position = low
                while position < end && events[position].time <= addition.last + window {
                    if events[position].task != task { deleted += Int(events[position].deleted) }
                    position += 1
                }
                churned[Int(task)] += min(deleted, addition.lines)
            }
            start = end
        }
        for index in tasks.indices { tasks[index].churnedLines = churned[index] }
    }

    /// Files a sweep changes at the least.
    static let sweepFiles = 10

    /// Words of a subject that says the change is mechanical.
    static let sweepWords: Set<String> = [
        "black", "clang", "codemod", "eslint", "fmt", "format", "formatted", "formatter", "formatting", "gofmt", "indent",
        "indentation", "isort", "license", "lint", "linter", "prettier", "reformat", "reformatted", "rename", "renamed",
        "rubocop", "ruff", "rustfmt", "style", "stylelint", "swiftformat", "swiftlint", "whitespace", "yapf",
    ]

    /// A commit that says it is mechanical (a formatter, a linter's fixes, a rename, a license)
    /// and rewrites many files a little each, about as much deleted as added in most of them: its
    /// deletions in those files are no task's churn, they say nothing of the work that wrote the
    /// lines (one prettier run made every recent task's churn 100%). A file it deletes, or cuts
    /// down, still counts; so does a rewrite that does not say it is one.
    static func isSweep(_ subject: String, _ files: [FileChange], counts: (FileChange) -> Bool) -> Bool {
        guard files.count >= sweepFiles else { return false }
        let words = subject.lowercased().split { !$0.isLetter }
        guard words.contains(where: { sweepWords.contains(String($0)) }) else { return false }
        var counted = 0
        var balanced = 0
        for change in files where counts(change) {
            counted += 1
            if isRewritten(change) { balanced += 1 }
        }
        return counted >= sweepFiles && 5 * balanced >= 4 * counted
    }

    /// Whether a file change is a rewrite in place: lines added and deleted, each at least half the other.
    static func isRewritten(_ change: FileChange) -> Bool {
        let (added, deleted) = (change.linesAdded ?? 0, change.linesDeleted ?? 0)
        return added > 0 && deleted > 0 && 2 * min(added, deleted) >= max(added, deleted)
    }
}
