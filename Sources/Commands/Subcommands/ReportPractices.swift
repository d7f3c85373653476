import Analysis
import Foundation
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
            let history = ContextFiles.history(
                repository: repository.root,
                commits: try store.commits(repositoryID: repository.id, touchingPathsLike: ContextFiles.pathPatterns))
            if !history.changes.isEmpty { contextFiles[repository.root] = history }
        }
        return PracticesAnalysis(settings: settings).run(
            scoped, workflows: workflows, sessionStarts: starts, contextFiles: contextFiles,
            since: since.map { Timestamp.iso8601($0) }, until: until.map { Timestamp.iso8601($0) })
    }
}
