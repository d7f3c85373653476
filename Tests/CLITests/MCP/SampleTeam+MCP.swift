import Foundation
import Support
import TestSupport

/// The shared sample team as the `multiplier mcp` tests read it.
extension SampleTeam {
    struct CommandFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The database's path, or why it could not be built.
    static var database: Result<String, any Error> {
        Result {
            let built = try get()
            guard built.status == 0 else { throw CommandFailure(description: "multiplier demo: \(built.stderr)") }
            return built.database
        }
    }

    /// `multiplier ARGUMENTS --db` the sample team, which must succeed; its stdout.
    static func run(_ arguments: [String]) throws -> String {
        let result = try CLIRunner.run(arguments + ["--db", try database.get()])
        guard result.status == 0 else {
            throw CommandFailure(description: "multiplier \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }

    /// The same, parsed as JSON.
    static func json(_ arguments: [String]) throws -> JSONValue {
        try JSONValue.parse(Array(run(arguments).utf8))
    }
}
