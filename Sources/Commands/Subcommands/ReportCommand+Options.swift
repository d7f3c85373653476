extension ReportCommand {
    /// The options only some kinds of report read, with the kinds that read them. Any other option
    /// applies to every kind (`--paths`, `--exclude`, `--repo`, `--team`, `--format`, …).
    static let optionKinds: [(option: String, kinds: [String])] = [
        ("--by-person", ["weekly", "retro"]),
        ("--min-evidence", ["weekly", "retro"]),
        ("--no-review", ["weekly"]),
        ("--review", ["retro"]),
    ]

    /// Refuses an option that the `kind` of report would drop without a word (`report weekly
    /// --review`, `report practices --by-person`), naming the reports that take it.
    /// - Throws: `UsageError` (exit 64).
    static func refuseOptionsOfOtherKinds(_ kind: String, _ context: CommandContext) throws {
        for (option, kinds) in optionKinds where !kinds.contains(kind) {
            guard context.arguments.has(option) || context.arguments.value(option) != nil else { continue }
            let takers = kinds.map { "report \($0)" }.joined(separator: " and ")
            throw UsageError("\(option) is for \(takers); report \(kind) does not take it", command: "report")
        }
    }
}
