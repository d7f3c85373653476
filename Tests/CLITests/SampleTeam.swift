import Foundation
import TestSupport

/// The sample team's database, built once per test process by `multiplier demo` (about 10 s)
/// and read by every suite that needs it (the demo's own checks, goldens, widths, screenshots).
/// Readers must not write to it; a suite that changes a database builds its own.
enum SampleTeam {
    struct Built: Sendable {
        /// The folder the demo worked in (the repository under `demo/acme-shop`).
        var work: String
        var database: String
        /// Where the demo wrote its reports.
        var reports: String
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The week the goldens and screenshots show: the sample's last complete week with work.
    static let week = "2026-W46"

    private static let folder: Result<TemporaryDirectory, any Error> = Result { try TemporaryDirectory("sample-team") }

    private static let built: Result<Built, any Error> = Result {
        let work = try folder.get()
        // Removed when the test process ends; a leftover would be harmless.
        atexit { try? SampleTeam.folder.get().remove() }
        let result = try CLIRunner.run([
            "demo", "--data", CLIRunner.packageRoot + "/SampleData", "--work", work.path, "--reports", work.path + "/Reports",
        ])
        return Built(
            work: work.path, database: work.path + "/demo.sqlite", reports: work.path + "/Reports", stdout: result.stdout,
            stderr: result.stderr, status: result.status)
    }

    /// The built sample team; throws what building it threw.
    static func get() throws -> Built { try built.get() }
}
