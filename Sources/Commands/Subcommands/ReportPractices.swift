import Analysis
import Foundation
import Ingestion
import Model
import Rendering
import Storage
import Support

extension ReportCommand {
    /// `report practices`: the sessions' workflow facts, the context-file history from the stored
    /// commits, and the tasks in scope, through `PracticesAnalysis` (METHOD.md, "Ways of working").
    static func practices(
        _ tasks: [WorkTask], repositories: [Repository], settings: Settings, database: Database, _ context: CommandContext,
        scope: String
    ) throws -> (document: ReportDocument, json: String) {
        let root = repositories.first { $0.root == tasks.first?.repository }?.root ?? repositories.first?.root
        let (since, until) = try When.window(repository: root, context, command: "report")
        let result = try practicesResult(
            tasks, repositories: repositories, settings: settings, database: database, context, since: since, until: until)
        return (ReportBuilders.practices(result, scope: scope), try JSONOutput.encode(result))
    }

    /// The analysis itself, for `report practices` and `multiplier context`: tasks that ended in
    /// [since, until), with every session's workflow and the repositories' context-file history.
    static func practicesResult(
        _ tasks: [WorkTask], repositories: [Repository], settings: Settings, database: Database, _ context: CommandContext,
        since: Int64?, until: Int64?
    ) throws -> Practices {
        let scoped = tasks.filter { task in
            (since.map { task.end >= $0 } ?? true) && (until.map { task.end < $0 } ?? true)
        }
        var starts: [String: Int64] = [:]
        for session in try TaskBuilding.activities(context, database: database) {
            if let first = session.eventTimes.first { starts["\(session.tool)/\(session.id)"] = first }
        }
        let workflows = try SessionStore(database: database).workflows()
        let store = CommitStore(database: database)
        let wanted = Set(tasks.map(\.repository))
        var contextFiles: [String: ContextFiles] = [:]
        for repository in repositories where wanted.contains(repository.root) {
            let history = try contextFileHistory(repository, store: store, context)
            if !history.changes.isEmpty { contextFiles[repository.root] = history }
        }
        return PracticesAnalysis(settings: settings).run(
            scoped, workflows: workflows, sessionStarts: starts, contextFiles: contextFiles,
            since: since.map { Timestamp.iso8601($0) }, until: until.map { Timestamp.iso8601($0) })
    }

    /// One repository's context-file history from the stored commits, with git's word on the commits
    /// that change a context file when the repository is at hand (`FileChangeDetailReader`): lines
    /// that changed only in their endings or in spaces at their ends, and links to another context
    /// file, are then no change of guidance (METHOD.md, "Ways of working"). Without the repository,
    /// or when git cannot read those commits, the stored line counts decide, and a note says so.
    static func contextFileHistory(_ repository: Repository, store: CommitStore, _ context: CommandContext) throws -> ContextFiles {
        let commits = try store.commits(repositoryID: repository.id, touchingPathsLike: ContextFiles.pathPatterns)
        let stored = ContextFiles.history(repository: repository.root, commits: commits)
        guard !stored.changes.isEmpty else { return stored }
        var hashes: [String] = []
        var paths: Set<String> = []
        for commit in commits where !commit.isMerge {
            let files = commit.files.filter { ContextFiles.isContextFile($0.path) || $0.oldPath.map(ContextFiles.isContextFile) == true }
            guard !files.isEmpty else { continue }
            hashes.append(commit.hash)
            for file in files { paths.formUnion([file.path] + (file.oldPath.map { [$0] } ?? [])) }
        }
        let fallback = "context-file changes counted from the stored line counts (a change of line endings alone, or a link to another context file, counts as its lines)"
        guard FileKind(path: repository.root) == .folder else {
            context.notes.note("note: \(repository.root) is not here: \(fallback)")
            return stored
        }
        let details: [String: [FileChangeDetail]]
        do {
            details = try FileChangeDetailReader(repository: repository.root, environment: context.environment)
                .read(hashes, paths: paths.sorted())
        } catch let error as IngestionError {
            context.notes.note("note: cannot read \(repository.root)'s context-file commits from git (\(error)): \(fallback)")
            return stored
        }
        return ContextFiles.history(repository: repository.root, commits: commits, details: details)
    }
}
