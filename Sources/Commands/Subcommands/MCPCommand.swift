import Foundation
import Storage
import Support

/// `multiplier mcp`: a Model Context Protocol server on stdin/stdout that lets coding
/// assistants ask the database, read-only.
enum MCPCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "mcp", summary: "serve the database, read-only, to coding assistants over MCP (stdio)",
            usage: "mcp [--db PATH]",
            options: [],
            discussion: """
                Speaks the Model Context Protocol (JSON-RPC 2.0, one message per line) on stdin and stdout;
                diagnostics go to stderr. Tools: speedup, advise, tasks, explain_task, forecast, review. Resources:
                the retro, weekly and practices reports and the method, as Markdown. The database is opened read-only
                (SQLite's read-only mode): nothing the server is asked can change it. Register it with an
                assistant as the command 'multiplier mcp --db PATH' (README: MCP server).
                """),
        run: run)

    static func run(_ context: CommandContext) throws -> ExitCode {
        var context = context
        context.readOnly = true
        // A read-only connection leaves `-wal` and `-shm` files behind (it may not checkpoint): when
        // there were none at start, they are removed at the end, once no connection uses them. Files
        // that were there (another program's open connection, or its crash) are left as found.
        let path = context.databasePath
        let walFiles = ["-wal", "-shm"].map { path + $0 }
        let hadWALFiles = walFiles.contains { FileManager.default.fileExists(atPath: $0) }
        try serve(context)
        if !hadWALFiles && walFiles.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
            do {
                try Database.removeUnusedWAL(at: path)
            } catch {
                context.notes.note("multiplier mcp: \(ExitCode.classify(error).1); the -wal and -shm files beside the database stay")
            }
        }
        return .success
    }

    /// Serves stdin until its end; every connection it opened is closed when it returns.
    private static func serve(_ context: CommandContext) throws {
        // Opened once, now: a missing or outdated database is said at start, not at the first call.
        let database = try context.openDatabase()
        let console = context.console
        let notes = context.notes  // --quiet silences the log
        let log: @Sendable (String) -> Void = { notes.note($0) }
        let commands = EmbeddedCommand(
            database: database, environment: context.environment, currentDirectory: context.currentDirectory, log: log)
        // Tasks and sessions are read at start, so that the first call is as quick as the next ones.
        let (warm, _) = try commands.context(TasksCommand.definition.spec, [])
        _ = try TaskBuilding.tasks(warm, database: database)
        _ = try TaskBuilding.activities(warm, database: database)
        var server = MCPServer(tools: MCPTools(commands: commands), resources: MCPResources(commands: commands), log: log)
        log("multiplier mcp: serving \(database.path) read-only on stdin/stdout")
        var reader = BoundedLineReader(fileDescriptor: STDIN_FILENO, limit: MCPServer.lineLimit)
        serve(&server, lines: &reader) { console.out($0 + "\n") }
        log("multiplier mcp: end of input; stopping")
    }

    /// Answers every line until the end of input.
    static func serve(_ server: inout MCPServer, lines: inout BoundedLineReader, write: (String) -> Void) {
        while let line = lines.next() {
            if let answer = server.handle(line) { write(answer) }
        }
    }
}
