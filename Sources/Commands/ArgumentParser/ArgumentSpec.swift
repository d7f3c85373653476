/// What a command accepts: its options and positional arguments, with one line of help each.
package struct CommandSpec: Sendable {
    package var name: String
    package var summary: String
    /// The synopsis after `multiplier`, e.g. `ingest git PATH... [--all]`.
    package var usage: String
    package var options: [OptionSpec]
    /// Names of the positional arguments, for help.
    package var positionals: [(name: String, help: String)]
    /// At least this many positionals.
    package var minimumPositionals: Int
    /// At most this many positionals (nil: any number).
    package var maximumPositionals: Int?
    /// More text for `multiplier help COMMAND`.
    package var discussion: String

    package init(
        name: String, summary: String, usage: String, options: [OptionSpec] = [],
        positionals: [(name: String, help: String)] = [], minimumPositionals: Int = 0,
        maximumPositionals: Int? = 0, discussion: String = ""
    ) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options = options
        self.positionals = positionals
        self.minimumPositionals = minimumPositionals
        self.maximumPositionals = maximumPositionals
        self.discussion = discussion
    }
}

/// One `--option` (with a value) or `--flag` (without).
package struct OptionSpec: Sendable, Equatable {
    package var name: String
    /// The placeholder of its value (`PATH`), or nil for a flag.
    package var valueName: String?
    package var help: String

    package static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    package static func value(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help)
    }
}

/// The options every command accepts.
package enum GlobalOptions {
    package static let all: [OptionSpec] = [
        .value("--db", "PATH", "the database file (default: $MULTIPLIER_DB, else $XDG_DATA_HOME/multiplier/multiplier.sqlite)"),
        .flag("--quiet", "no progress or notes on stderr"),
        .flag("--help", "show help for the command"),
    ]
}
