import Analysis
import Classification
import Foundation
import Ingestion
import Model
import Support

/// `report retro --since REF [--until REF]`: the release's lines as they stand at its end, by
/// the commits within it that wrote them (`git blame SINCE..UNTIL`), for `SurvivingShare`.
enum ReleaseBlame {
    /// Per file the release added lines to (counted files only: not ignored by the
    /// configuration or `--paths`/`--exclude`, not lock, vendored, generated or binary), its
    /// lines at `until` per commit within the range; boundary lines (older commits) left out.
    static func lines(
        repository: String, since: String, until: String, config: RuleConfig, environment: [String: String],
        console: Console
    ) throws -> [(path: String, lines: [String: Int])] {
        let git = GitInvocation(repository: repository, environment: environment)
        // Added and deleted lines per file between the two ends; `-` for binary files.
        let numstat = try git.output(["diff", "--numstat", "-z", "--no-renames", since, until, "--"])
        // Files (blobs) at the end; a submodule's gitlink has lines in the diff but none to blame.
        var blobs: Set<Substring> = []
        for entry in try git.output(["ls-tree", "-r", "-z", "--full-tree", until]).split(separator: "\0") {
            // `<mode> <type> <hash>\t<path>`
            guard let tab = entry.firstIndex(of: "\t"), entry.split(separator: " ").dropFirst().first == "blob" else { continue }
            blobs.insert(entry[entry.index(after: tab)...])
        }
        var paths: [String] = []
        for record in numstat.split(separator: "\0") {
            let fields = record.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            guard blobs.contains(fields[2]) else { continue }
            let path = String(fields[2])
            let added = Int(fields[0])
            let change = FileChange(path: path, linesAdded: added, linesDeleted: Int(fields[1]))
            guard let added, added > 0, PathRules.countsTowardSize(change), !config.ignores(path) else { continue }
            paths.append(path)
        }
        paths.sort()
        // One git blame a file, on all cores, a few dozen files at a time between progress updates.
        var progress = Progress(console: console, label: "git blame")
        defer { progress.finish() }
        var result: [(path: String, lines: [String: Int])] = []
        for start in stride(from: 0, to: paths.count, by: 32) {
            let chunk = Array(paths[start..<min(start + 32, paths.count)])
            let counts = Parallel.map(chunk, minimumPerChunk: 4) { path -> Result<[String: Int], Error> in
                Result { try blame(git, range: since + ".." + until, path: path) }
            }
            for (path, count) in zip(chunk, counts) { result.append((path, try count.get())) }
            progress.update(result.count, unit: "of \(paths.count) files")
        }
        return result
    }

    /// `git blame -l -s RANGE -- PATH`: lines per commit hash, boundary (`^`) lines left out.
    static func blame(_ git: GitInvocation, range: String, path: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in try git.output(["blame", "-l", "-s", range, "--", path]).split(separator: "\n") {
            guard line.first != "^", let space = line.firstIndex(of: " ") else { continue }
            counts[String(line[..<space]), default: 0] += 1
        }
        return counts
    }
}
