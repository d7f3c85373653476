import Foundation
import Support
import TestSupport

/// The sample team's database for the `multiplier mcp` tests, built once per test run by
/// `multiplier demo` under `.build/mcp-tests` (ignored by git; the demo rebuilds it each time).
enum SampleTeam {
    static let folder = CLIRunner.packageRoot + "/.build/mcp-tests"

    /// The database's path, or why it could not be built.
    static let database: Result<String, any Error> = Result {
        try? FileManager.default.removeItem(atPath: folder)  // a previous run's: the demo writes it afresh
        let result = try CLIRunner.run([
            "demo", "--data", CLIRunner.packageRoot + "/SampleData", "--work", folder, "--reports", folder + "/Reports",
        ])
        guard result.status == 0 else { throw CommandFailure(description: "multiplier demo: \(result.stderr)") }
        return folder + "/demo.sqlite"
    }

    struct CommandFailure: Error, CustomStringConvertible {
        var description: String
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
