import Foundation
import Support

/// A subcommand: its interface and what it does.
package struct CommandDefinition: Sendable {
    package var spec: CommandSpec
    package var run: @Sendable (CommandContext) throws -> ExitCode
}

/// The `multiplier` command line: dispatch, help and error reporting.
package enum ToolCommand {
    package static let version = "0.1.0"

    /// Every subcommand, sorted by name.
    package static let commands: [CommandDefinition] = [
        ClassifyCommand.definition,
        ContextCommand.definition,
        DemoCommand.definition,
        ExportCommand.definition,
        IngestCommand.definition,
        LabelCommand.definition,
        MCPCommand.definition,
        MergeCommand.definition,
        PeopleCommand.definition,
        PlanCommand.definition,
        ReportCommand.definition,
        ReviewCommand.definition,
        SessionsCommand.definition,
        StatusCommand.definition,
        TasksCommand.definition,
    ]

    /// Runs the command line and returns the exit code; never calls `exit` itself.
    package static func main(
        _ arguments: [String], environment: [String: String], console: Console,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> Int32 {
        var arguments = arguments
        // The options of every command may come before it too (`multiplier --db x.sqlite status`).
        var leading: [String] = []
        while let option = arguments.first, option == "--db" || option == "--quiet" {
            leading.append(arguments.removeFirst())
            if option == "--db", !arguments.isEmpty { leading.append(arguments.removeFirst()) }
        }
        if !leading.isEmpty && arguments.isEmpty {
            return report(UsageError("'\(leading.joined(separator: " "))' needs a command after it"), console: console)
        }
        if !arguments.isEmpty { arguments.insert(contentsOf: leading, at: 1) }
        guard let first = arguments.first else {
            console.out(overview())
            return ExitCode.success.rawValue
        }
        arguments.removeFirst()
        switch first {
        case "--help", "-h":
            console.out(overview())
            return ExitCode.success.rawValue
        case "--version":
            console.line("multiplier \(version)")
            return ExitCode.success.rawValue
        case "help":
            guard let topic = arguments.first else {
                console.out(overview())
                return ExitCode.success.rawValue
            }
            guard let command = commands.first(where: { $0.spec.name == topic }) else {
                return report(UsageError(unknownCommandMessage(topic)), console: console)
            }
            console.out(help(for: command.spec))
            return ExitCode.success.rawValue
        default:
            break
        }
        guard let command = commands.first(where: { $0.spec.name == first }) else {
            return report(UsageError(unknownCommandMessage(first)), console: console)
        }
        do {
            let parsed = try ParsedArguments.parse(arguments, spec: command.spec)
            if parsed.has("--help") {
                console.out(help(for: command.spec))
                return ExitCode.success.rawValue
            }
            let context = CommandContext(
                arguments: parsed, environment: environment, console: console, currentDirectory: currentDirectory)
            return try command.run(context).rawValue
        } catch {
            return report(error, console: console)
        }
    }

    /// Prints `multiplier: error: …` (plus usage for usage errors) and returns the exit code.
    static func report(_ error: Error, console: Console) -> Int32 {
        let (code, message) = ExitCode.classify(error)
        console.note("multiplier: error: \(message)")
        if let usage = error as? UsageError {
            if let name = usage.command, let command = commands.first(where: { $0.spec.name == name }) {
                console.note("usage: multiplier \(command.spec.usage)")
                console.note("see 'multiplier help \(name)'")
            } else {
                console.note("see 'multiplier --help'")
            }
        }
        return code.rawValue
    }

    private static func unknownCommandMessage(_ name: String) -> String {
        let names = commands.map(\.spec.name) + ["help"]
        let suggestion = EditDistance.nearest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
        return "unknown command '\(name)'\(suggestion)"
    }

    /// `multiplier --help`.
    static func overview() -> String {
        let width = (commands.map(\.spec.name.count).max() ?? 0) + 2
        var text = """
            multiplier \(version): how much faster AI coding assistants make a team, per kind of work.

            usage: multiplier COMMAND [OPTIONS]

            commands:

            """
        for command in commands {
            text += "  " + command.spec.name.padding(toLength: width, withPad: " ", startingAt: 0)
                + command.spec.summary + "\n"
        }
        text += "  " + "help".padding(toLength: width, withPad: " ", startingAt: 0) + "show help for a command\n"
        text += """

            options for every command:

            """
        text += optionLines(GlobalOptions.all)
        text += """

            'multiplier help COMMAND' shows a command's options. '--version' prints the version.

            exit codes: 0 success, 1 operation failed (git, busy database), 64 usage error,
            65 bad input data, 66 missing input, 70 internal error, 74 I/O error.

            """
        return text
    }

    /// `multiplier help COMMAND`.
    static func help(for spec: CommandSpec) -> String {
        var text = "usage: multiplier \(spec.usage)\n\n\(spec.summary)\n"
        if !spec.discussion.isEmpty { text += "\n\(spec.discussion)\n" }
        if !spec.positionals.isEmpty {
            text += "\narguments:\n"
            let width = (spec.positionals.map(\.name.count).max() ?? 0) + 2
            for positional in spec.positionals {
                text += "  " + positional.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + positional.help + "\n"
            }
        }
        text += "\noptions:\n" + optionLines(spec.options + GlobalOptions.all)
        return text
    }

    private static func optionLines(_ options: [OptionSpec]) -> String {
        let labels = options.map { option in option.valueName.map { "\(option.name) \($0)" } ?? option.name }
        let width = (labels.map(\.count).max() ?? 0) + 2
        return zip(labels, options).map { label, option in
            "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + option.help + "\n"
        }.joined()
    }
}
