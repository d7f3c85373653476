import Support

/// How a command's messages name its options: as the command line spells them (`--since`), or,
/// when the MCP server runs the command for a tool, as that tool's arguments (`'since'`), so that
/// an error names what its reader sent.
///
/// A command writes `context.argumentNames.name("--since")` where its message names an option;
/// the command line and the MCP tools then each read their own terms, from one message.
package struct ArgumentNames: Sendable, Equatable {
    /// Option → the tool argument it is given by; nil on the command line.
    private let arguments: [String: String]?

    /// The command line: every option as itself.
    package static let commandLine = ArgumentNames(arguments: nil)

    /// An MCP tool's: `arguments` maps each option the tool may pass to the argument it comes from
    /// (`["--capacity": "capacity_hours"]`).
    package static func tool(_ arguments: [String: String]) -> ArgumentNames { ArgumentNames(arguments: arguments) }

    private init(arguments: [String: String]?) {
        self.arguments = arguments
    }

    /// Whether the caller is the command line: a hint may then name another command to run.
    package var isCommandLine: Bool { arguments == nil }

    /// `option` as the caller names it: `--since` on the command line, `'since'` for a tool.
    package func name(_ option: String) -> String {
        guard let arguments else { return option }
        return arguments[option].map { "'\($0)'" } ?? option
    }

    /// `option` with a placeholder for its value, to ask for it: `--capacity HOURS`, or `'capacity_hours'`.
    package func usage(_ option: String, placeholder: String) -> String {
        guard let arguments else { return "\(option) \(placeholder)" }
        return arguments[option].map { "'\($0)'" } ?? "\(option) \(placeholder)"
    }

    /// `option` given `value`, to suggest it: `--range main..topic`, or `"range": "main..topic"`.
    package func assignment(_ option: String, _ value: String) -> String {
        guard let arguments, let argument = arguments[option] else { return "\(option) \(value)" }
        return "\"\(argument)\": \(JSONValue.string(value).text)"
    }
}
