import Foundation
import Model
import Support
import Storage
import TestSupport
import Testing

@Suite("The multiplier command line, run as a binary", .serialized)
struct CommandLineTests {
    @Test("--help lists the commands and exit codes; --version prints the version")
    func help() throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("ingest"))
        #expect(help.stdout.contains("status"))
        #expect(help.stdout.contains("exit codes"))
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("multiplier "))
        let command = try CLIRunner.run(["help", "ingest"])
        #expect(command.status == 0)
        #expect(command.stdout.contains("--all"))
        let flag = try CLIRunner.run(["status", "--help"])
        #expect(flag.status == 0)
        #expect(flag.stdout.contains("--format"))
    }

    @Test("usage mistakes exit 64 with one error line and the nearest spelling", arguments: [
        (["stauts"], "did you mean 'status'"),
        (["status", "--fromat", "json"], "did you mean '--format'"),
        (["ingest", "gti", "."], "did you mean 'git'"),
        (["ingest"], "needs"),
        (["status", "--format", "yaml"], "unknown format"),
        (["status", "--db"], "needs a value"),
        (["tasks", "--since", "--db", "x.sqlite"], "option '--since' needs a value (DATE)"),
        (["help", "nosuch"], "unknown command"),
        (["report", "weekly", "--since", "2026-01-01"], "--since is for report retro and report practices"),
        (["report", "retro", "--week", "2026-W47"], "--week is for report weekly"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("multiplier: error: "))
        #expect(first.contains(message), "\(first)")
    }

    @Test("a missing path exits 66, a folder outside git exits 65, a non-database file exits 65")
    func inputErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path + "/db.sqlite"
        let missing = try CLIRunner.run(["ingest", "git", directory.path + "/nope", "--db", db])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such file or directory"))
        let plain = try CLIRunner.run(["ingest", "git", directory.path, "--db", db])
        #expect(plain.status == 65)
        #expect(plain.stderr.contains("not inside a git work tree"))
        try directory.write("bad.sqlite", String(repeating: "not a database\n", count: 200))
        let bad = try CLIRunner.run(["status", "--db", directory.path + "/bad.sqlite"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("not a Multiplier database"))
    }

    @Test("ingest then status: JSON keys are stable, sums match git, and a second ingest adds nothing")
    func ingestAndStatus() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write(".mailmap", "Ann Proper <ann@example.com> <old@example.com>\n")
        try repository.write("a.txt", "1\n2\n3\n")
        try repository.commit("first", author: "ann", email: "old@example.com")
        try repository.write("a.txt", "1\n")
        try repository.commit("second\n\nCo-authored-by: Codex <noreply@openai.com>", date: "2026-01-05T11:00:00+0000")
        let environment = ["MULTIPLIER_DB": directory.path + "/env.sqlite"]
        let first = try CLIRunner.run(["ingest", "git", repository.path], environment: environment)
        #expect(first.status == 0)
        #expect(first.stdout.contains("2 new commits"))
        let second = try CLIRunner.run(["ingest", "git", repository.path], environment: environment)
        #expect(second.stdout.contains("0 new commits"))
        let status = try CLIRunner.run(["status", "--format", "json"], environment: environment)
        #expect(status.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(json["database"] as? String == directory.path + "/env.sqlite")
        #expect(json["schemaVersion"] as? Int == Migrations.all.count)
        let repositories = try #require(json["repositories"] as? [[String: Any]])
        let entry = try #require(repositories.first)
        #expect(
            Set(entry.keys) == [
                "path", "origin", "commits", "mergeCommits", "linesAdded", "linesDeleted", "aiCommits", "botCommits",
                "lastIngest", "onDisk", "sameHistoryAs",
            ])
        #expect(entry["commits"] as? Int == 2)
        #expect(entry["linesAdded"] as? Int == 4)
        #expect(entry["linesDeleted"] as? Int == 2)
        #expect((entry["aiCommits"] as? [String: Int]) == ["codex": 1])
        let authors = try repository.git("log", "--format=%aN")
        #expect(authors.contains("Ann Proper"))
    }

    @Test("a HEAD with no commit yet beside branches that have some says so rather than reading nothing in silence")
    func unbornHead() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("a.txt", "1\n")
        try repository.commit("first")
        let branch = try repository.git("rev-parse", "--abbrev-ref", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try repository.git("symbolic-ref", "HEAD", "refs/heads/unborn")
        let db = directory.path + "/db.sqlite"
        let result = try CLIRunner.run(["ingest", "git", repository.path, "--db", db])
        #expect(result.status == 0)
        #expect(result.stdout.contains("0 new commits"))
        #expect(result.stderr.contains("HEAD of \(repository.path) names no commit yet, so nothing was read; its branches: \(branch)"), "\(result.stderr)")
        let all = try CLIRunner.run(["ingest", "git", repository.path, "--all", "--db", db])
        #expect(all.stdout.contains("1 new commit"), "\(all.stdout)")
        #expect(!all.stderr.contains("names no commit"))
    }

    @Test("an origin URL's user and token are not stored: status shows the URL without them")
    func originWithoutCredentials() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("a.txt", "1\n")
        try repository.commit("first")
        try repository.git("remote", "add", "origin", "https://x-access-token:ghs_16C7e42F292c6912E7710c838347Ae178B4a@github.com/o/r.git")
        let db = directory.path + "/db.sqlite"
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db]).status == 0)
        let status = try CLIRunner.run(["status", "--format", "json", "--db", db])
        #expect(status.stdout.contains("https:\\/\\/github.com\\/o\\/r.git") || status.stdout.contains("https://github.com/o/r.git"), "\(status.stdout)")
        #expect(!status.stdout.contains("ghs_") && !status.stdout.contains("x-access-token"))
        // Nowhere in the database's files (its write-ahead log included).
        for file in [db, db + "-wal"] where FileManager.default.fileExists(atPath: file) {
            #expect(!(try String(contentsOfFile: file, encoding: .isoLatin1)).contains("ghs_16C7e42F"), "\(file)")
        }
        for (url, expected) in [
            ("https://user:pa@ss@host.example/o/r", "https://host.example/o/r"), ("ssh://git@host/o/r.git", "ssh://host/o/r.git"),
            ("git@github.com:o/r.git", "git@github.com:o/r.git"), ("https://github.com/o/r", "https://github.com/o/r"),
            ("https://host/o/r@v1", "https://host/o/r@v1"),
        ] {
            #expect(Repository.withoutCredentials(url) == expected, "\(url)")
        }
    }

    @Test("a database that cannot be created exits 74 and names the path")
    func unwritableDatabase() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try CLIRunner.run(["ingest", "sessions", directory.path, "--db", "/proc/multiplier-cannot-exist/db.sqlite"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("/proc/multiplier-cannot-exist/db.sqlite"))
    }

    @Test("an unknown --repo is a usage error in tasks and sessions too, not an empty list", arguments: [["tasks"], ["sessions"]])
    func unknownRepository(arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        #expect(try CLIRunner.run(["ingest", "sessions", directory.path, "--db", path]).status == 0)
        let result = try CLIRunner.run(arguments + ["--repo", "nope", "--db", path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no ingested repository 'nope'"), "\(result.stderr)")
    }

    @Test("--db and --quiet may come before the command, as for every command")
    func leadingOptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/first.sqlite"
        #expect(try CLIRunner.run(["--db", path, "--quiet", "ingest", "sessions", directory.path]).status == 0)
        let result = try CLIRunner.run(["--db", path, "--quiet", "status"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(path))
        #expect(try CLIRunner.run(["--db"]).status == 64)
    }

    @Test("a command that only reads refuses a database that is not there (exit 66) and creates nothing", arguments: [
        ["tasks"], ["sessions"], ["report", "retro"], ["review"], ["plan", "--backtest"], ["context"], ["status"], ["people"],
        ["export", "--out", "/tmp/multiplier-never-written.export"],
    ])
    func readersNeedADatabase(arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/typo/multiplier.sqlite"
        let result = try CLIRunner.run(arguments + ["--db", path])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("no database at \(path)"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/typo"))
    }

    @Test("the database defaults to XDG_DATA_HOME, created on first use")
    func defaultLocation() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let environment = ["XDG_DATA_HOME": directory.path + "/data"]
        #expect(try CLIRunner.run(["ingest", "sessions", directory.path], environment: environment).status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/data/multiplier/multiplier.sqlite"))
        let result = try CLIRunner.run(["status"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("no repositories yet"))
    }

    @Test("output that cannot be written (/dev/full) is exit 74 with one line saying so, not a report cut short with 0")
    func fullDisk() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let shell = "'\(CLIRunner.binary)' --help >/dev/full 2>&1 >/dev/full; echo \"$?\"; '\(CLIRunner.binary)' --help 2>&1 >/dev/full"
        let lines = try CLIRunnerShell.run(shell).split(separator: "\n")
        #expect(lines.first == "74", "\(lines)")
        #expect(lines.dropFirst().first?.hasPrefix("multiplier: error: cannot write the output to standard output: No space left on device") == true, "\(lines)")
    }

    @Test("a new database in a folder this user may not write: exit 74 naming the folder and the reason")
    func unwritableFolder() throws {
        // Permissions bind only a user other than root: as root, run the binary as nobody.
        guard let asOther = CLIRunner.asAnotherUser else { return }
        let repository = try ScriptedRepository("unwritable")
        defer { repository.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("first")
        try FileManager.default.createDirectory(atPath: repository.path + "/locked", withIntermediateDirectories: true)
        _ = try StreamingProcess.run("chmod", ["-R", "a+rX", repository.path], environment: ScriptedRepository.environment())
        #expect(chmod(repository.path + "/locked", 0o555) == 0)
        let safe = CLIRunner.gitSafeEverywhere
        let result = try CLIRunner.run(
            ["ingest", "git", repository.path, "--db", repository.path + "/locked/db.sqlite"], environment: safe, wrapper: asOther)
        #expect(result.status == 74)
        #expect(result.stderr.contains("cannot create a file in \(repository.path)/locked (Permission denied)"), "\(result.stderr)")
    }

    @Test("a closed stdout ends the run quietly")
    func closedPipe() throws {
        let shell = "'\(CLIRunner.binary)' --help | head -c 1 >/dev/null; echo ${PIPESTATUS[0]}"
        let result = try CLIRunnerShell.run(shell)
        #expect(result.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}

/// Runs a bash script (for pipelines).
enum CLIRunnerShell {
    static func run(_ script: String) throws -> String {
        let result = try StreamingProcess.run(
            "bash", ["-c", script], environment: ScriptedRepository.environment())
        return String(decoding: result.output, as: UTF8.self)
    }
}
