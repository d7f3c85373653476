import Foundation
import Support
import TestSupport
import Testing

@Suite("multiplier review")
struct ReviewCommandTests {
    /// A repository with a human task and an AI-assisted one that builds SQL from strings, and a branch not yet merged.
    static func world() throws -> (ScriptedRepository, String) {
        let repository = try ScriptedRepository("review-cli")
        try repository.write("requirements.txt", "requests==2.31\n")
        try repository.write("app/db.py", "import sqlite3\n")
        try repository.commit("ABC-1: start", date: "2026-03-02T10:00:00+0000")
        try repository.write(
            "app/users.py",
            "import requests\nimport fastjsonx\n\ndef find(cur, name):\n    return cur.execute(f\"SELECT id FROM users WHERE name = '{name}'\")\n")
        try repository.commit(
            "ABC-2: find users\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", date: "2026-03-03T10:00:00+0000")
        try repository.git("checkout", "-q", "-b", "feature")
        try repository.write("app/net.py", "import requests\n\ndef get(u):\n    return requests.get(u, verify=False)\n")
        try repository.commit("ABC-3: fetch", date: "2026-03-04T10:00:00+0000")
        try repository.git("checkout", "-q", "main")
        let db = repository.path + "-review-cli-\(UUID().uuidString.prefix(6)).sqlite"
        let ingest = try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return (repository, db)
    }

    @Test("a database the user may only read is reviewed and exported as it is: diffs read from git and not kept, no machine id stored")
    func readOnlyDatabase() throws {
        // Permissions bind only a user other than root: as root, run the binary as nobody.
        guard let asOther = CLIRunner.asAnotherUser else { return }
        let (repository, db) = try Self.world()
        let folder = try TemporaryDirectory("review-read-only")
        defer {
            repository.remove()
            folder.remove()
            try? FileManager.default.removeItem(atPath: db)
        }
        // The database alone in a folder this user may not write; the repository readable by all.
        let copy = folder.path + "/db.sqlite"
        #expect(try CLIRunner.run(["status", "--db", db, "--quiet"]).status == 0)
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        #expect(chmod(folder.path, 0o755) == 0 && chmod(copy, 0o644) == 0)
        _ = try StreamingProcess.run("chmod", ["-R", "a+rX", repository.path], environment: ScriptedRepository.environment())
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let safe = CLIRunner.gitSafeEverywhere
        for command in [["review", "--since", "2026-01-01", "--until", "2026-04-01"], ["report", "weekly", "--week", "2026-W10"]] {
            let result = try CLIRunner.run(command + ["--db", copy], environment: safe, wrapper: asOther)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let reviewed = try CLIRunner.run(["review", "--since", "2026-01-01", "--until", "2026-04-01", "--db", copy], environment: safe, wrapper: asOther)
        #expect(reviewed.stdout.contains("ABC-2"), "\(reviewed.stdout)")
        // An export only reads the database: its machine id, never stored here, is derived, not written.
        let out = try TemporaryDirectory("review-read-only-export")
        defer { out.remove() }
        #expect(chmod(out.path, 0o777) == 0)
        let exported = try CLIRunner.run(["export", "--out", out.path + "/team.mxexport", "--db", copy], wrapper: asOther)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    }

    @Test("AI-assisted tasks with findings, evidence and reasons; human tasks only with --include-human; a branch before merge")
    func review() throws {
        let (repository, db) = try Self.world()
        defer {
            repository.remove()
            try? FileManager.default.removeItem(atPath: db)  // a leftover temporary file is harmless
        }
        let result = try CLIRunner.run(["review", "--db", db, "--since", "2026-01-01", "--until", "2026-04-01", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.map { $0["key"] as? String } == ["ABC-2"])
        let rules = (items.first?["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(Set(rules) == ["sql-interpolation", "unknown-import"])

        // A ref bounds the window as in the retro: the tagged commit's task belongs to the release it ends.
        try repository.git("tag", "v1", "main")
        let afterTag = try CLIRunner.run(["review", "--db", db, "--since", "v1", "--until", "2026-04-01", "--format", "json"])
        let afterItems = (try JSONSerialization.jsonObject(with: Data(afterTag.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]]
        #expect(afterTag.status == 0 && afterItems?.isEmpty == true, "\(afterTag.stderr)")
        let upToTag = try CLIRunner.run(["review", "--db", db, "--since", "2026-01-01", "--until", "v1", "--format", "json"])
        let upToItems = (try JSONSerialization.jsonObject(with: Data(upToTag.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]]
        #expect(upToItems?.map { $0["key"] as? String } == ["ABC-2"], "\(upToTag.stderr)")

        let text = try CLIRunner.run(["review", "--db", db, "--since", "2026-01-01", "--until", "2026-04-01"])
        #expect(text.stdout.contains("Review these first") && text.stdout.contains("app/users.py:5"))
        #expect(text.stdout.contains("review-cli"), "\(text.stdout)")
        #expect(text.stdout.contains(" from 2026-01-01 to 2026-04-01: "), "\(text.stdout)")
        // Bounds within a day are shown with their times, not as two equal dates.
        let hours = try CLIRunner.run(["review", "--db", db, "--since", "2026-03-03T09:00:00Z", "--until", "2026-03-03T11:00:00Z"])
        #expect(hours.stdout.contains(" from 2026-03-03T09:00:00Z to 2026-03-03T11:00:00Z: 1 read"), "\(hours.stdout)")
        // Nothing in the window: one sentence, not "(none)" twice with the risk legend between.
        let empty = try CLIRunner.run(["review", "--db", db, "--since", "2026-05-01", "--until", "2026-05-02"])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.hasSuffix(" from 2026-05-01 to 2026-05-02: 0 read (0 AI-assisted), 0 with findings.\nNothing to review: no task read.\n"), "\(empty.stdout)")
        #expect(!empty.stdout.contains("(none)") && !empty.stdout.contains("Risk:"), "\(empty.stdout)")

        let branch = try CLIRunner.run(["review", "--db", db, "--branch", "feature", "--format", "csv", "--table", "findings"])
        #expect(branch.status == 0, "\(branch.stderr)")
        #expect(branch.stdout.contains("tls-off") && !branch.stdout.contains("sql-interpolation"))
        let range = try CLIRunner.run(["review", "--db", db, "--range", "main..feature", "--format", "csv", "--table", "findings"])
        #expect(range.stdout.contains("tls-off"))
        // The branch's commit is not ingested: its subject, author and (missing) AI mark come from git.
        let branchText = try CLIRunner.run(["review", "--db", db, "--branch", "feature"])
        #expect(branchText.stdout.contains("branch feature ABC-3: fetch"), "\(branchText.stdout)")
        #expect(branchText.stdout.contains(", Alice Example, human, unclassified, risk"), "\(branchText.stdout)")
        #expect(!branchText.stdout.contains(", ,") && !branchText.stdout.contains("1 commits"))
        #expect(branchText.stderr.contains("branch feature: 1 commit, 0 AI-marked"), "\(branchText.stderr)")
        // The default branch has no commits of its own: nothing is read, and the report says so.
        let main = try CLIRunner.run(["review", "--db", db, "--branch", "main"])
        #expect(main.status == 0, "\(main.stderr)")
        #expect(main.stdout.contains("0 read (0 AI-assisted), 0 with findings"), "\(main.stdout)")
        #expect(main.stderr.contains("branch main has no commits of its own"), "\(main.stderr)")

        let retro = try CLIRunner.run(["report", "retro", "--db", db, "--review", "--format", "json"])
        #expect(retro.status == 0, "\(retro.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(retro.stdout.utf8)) as? [String: Any])
        let checks = try #require(figures["reviewChecks"] as? [[String: Any]])
        let security = try #require(checks.first { $0["check"] as? String == "security" })
        #expect(security["aiFlagged"] as? Int == 1 && security["humanFlagged"] as? Int == 0)
        // The CSV of that table has counts a spreadsheet adds up, not "1 of 2" (probe 29).
        let table = try CLIRunner.run(["report", "retro", "--db", db, "--review", "--format", "csv", "--table", "review-checks"])
        let rows = table.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("check,AI tasks flagged,AI tasks,human tasks flagged,human tasks,") == true, "\(table.stdout)")
        #expect(rows.contains { $0.hasPrefix("security,1,") } && !table.stdout.contains(" of "), "\(table.stdout)")
        // The weekly report shows "Review these first" unless asked not to.
        let weekly = try CLIRunner.run(["report", "weekly", "--db", db, "--week", "2026-W10"])
        #expect(weekly.stdout.contains("Review these first") && weekly.stdout.contains("ABC-2"), "\(weekly.stdout)")
        let plain = try CLIRunner.run(["report", "weekly", "--db", db, "--week", "2026-W10", "--no-review", "--format", "json"])
        #expect(plain.status == 0 && !plain.stdout.contains("reviewFirst"), "\(plain.stderr)")
    }

    @Test("a range's commits of an AI-assisted task count as AI-assisted, among older and later tasks, and over a merge")
    func rangeFindsTheTasksOfItsCommits() throws {
        let repository = try ScriptedRepository("review-range-tasks")
        let db = repository.path + "-review-range-\(UUID().uuidString.prefix(6)).sqlite"
        defer {
            repository.remove()
            try? FileManager.default.removeItem(atPath: db)  // a leftover temporary file is harmless
        }
        try repository.write("README.md", "shop\n")
        let start = try repository.commit("Initial layout", date: "2026-03-01T09:00:00+0000")
        try repository.write("app/cart.py", "def total(items):\n    return sum(items)\n")
        try repository.commit("ABC-1: cart totals", date: "2026-03-02T10:00:00+0000")
        try repository.write("app/cart.py", "def total(items):\n    return sum(i.price for i in items)\n")
        let abc1 = try repository.commit("ABC-1: prices", date: "2026-03-02T11:00:00+0000")
        try repository.git("checkout", "-q", "-b", "ABC-2-orders")
        try repository.write("app/orders.py", "def orders():\n    return []\n")
        try repository.commit("ABC-2: orders", date: "2026-03-05T10:00:00+0000")
        try repository.git("checkout", "-q", "main")
        try repository.write("app/stock.py", "def stock():\n    return 0\n")
        try repository.commit("ABC-3: stock", date: "2026-03-06T10:00:00+0000")
        try repository.git(
            ["merge", "-q", "--no-ff", "-m", "Merge branch 'ABC-2-orders'", "ABC-2-orders"],
            environment: [
                "GIT_AUTHOR_NAME": "Alice Example", "GIT_AUTHOR_EMAIL": "alice@example.com", "GIT_COMMITTER_NAME": "Alice Example",
                "GIT_COMMITTER_EMAIL": "alice@example.com", "GIT_AUTHOR_DATE": "2026-03-09T10:00:00+0000",
                "GIT_COMMITTER_DATE": "2026-03-09T10:00:00+0000",
            ])
        let merge = try repository.head()
        let ingest = try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        // ABC-1 has no AI mark of its own: a label makes its task AI-assisted.
        let label = try CLIRunner.run(["label", "ABC-1", "--ai", "yes", "--db", db, "--quiet"])
        #expect(label.status == 0, "\(label.stderr)")
        // The oldest task's commits, with later tasks stored beside them.
        let early = try CLIRunner.run(["review", "--db", db, "--range", "\(start)..\(abc1)"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stderr.contains("2 commits, 2 AI-marked or of an AI-assisted task"), "\(early.stderr)")
        // A range over a merge: the merged branch's commit, ABC-3's and ABC-1's two (the merge is no work of its own).
        let all = try CLIRunner.run(["review", "--db", db, "--range", "\(start)..\(merge)"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr.contains("4 commits, 2 AI-marked or of an AI-assisted task"), "\(all.stderr)")
        let late = try CLIRunner.run(["review", "--db", db, "--range", "\(abc1)..\(merge)^2"])
        #expect(late.stderr.contains("1 commit, 0 AI-marked"), "\(late.stderr)")
    }

    @Test("a secret a commit added is found, from git and from the cache alike, and the database keeps none of it")
    func secretsNotCached() throws {
        let repository = try ScriptedRepository("review-secrets")
        let db = repository.path + "-review-secrets-\(UUID().uuidString.prefix(6)).sqlite"
        defer {
            repository.remove()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        let stripe = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
        let password = "Hunter2" + "Hunter2xyz"
        try repository.write("app/settings.py", "STRIPE_KEY = \"\(stripe)\"\nDB_PASSWORD = \"\(password)\"\n")
        try repository.commit(
            "ABC-1: payments settings\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", date: "2026-03-03T10:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let arguments = ["review", "--db", db, "--since", "2026-03-01", "--until", "2026-04-01", "--format", "csv", "--table", "findings"]
        let fromGit = try CLIRunner.run(arguments)
        let fromCache = try CLIRunner.run(arguments)
        #expect(fromGit.status == 0, "\(fromGit.stderr)")
        #expect(fromGit.stdout == fromCache.stdout)
        #expect(fromGit.stdout.contains("a stripe key in the code") && fromGit.stdout.contains("a hard-coded password in the code"), "\(fromGit.stdout)")
        #expect(!fromGit.stdout.contains(stripe) && !fromGit.stdout.contains(password))
        for suffix in ["", "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: db + suffix) else { continue }
            #expect(bytes.range(of: Data(stripe.utf8)) == nil && bytes.range(of: Data(password.utf8)) == nil, "\(suffix)")
        }
    }

    @Test("a version bump or a reformat of packages a manifest declared is no new dependency; a package added with it is")
    func versionBump() throws {
        let repository = try ScriptedRepository("review-bump")
        let db = repository.path + "-review-bump-\(UUID().uuidString.prefix(6)).sqlite"
        defer {
            repository.remove()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        try repository.write("package.json", "{\n  \"name\": \"web\",\n  \"dependencies\": {\n    \"express\": \"^4.18.2\"\n  }\n}\n")
        try repository.write("requirements.txt", "requests==2.31.0\n")
        try repository.write("go.mod", "module example.com/x\n\ngo 1.21\n\nrequire github.com/pkg/errors v0.9.0\n")
        try repository.write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"httpx>=0.25\", \"pydantic>=2\"]\n")
        try repository.commit("Initial commit", date: "2026-03-02T10:00:00+0000")
        // Probe 27: each of these was "adds the … package".
        try repository.write("package.json", "{\n  \"name\": \"web\",\n  \"dependencies\": {\n    \"express\": \"^4.19.2\"\n  }\n}\n")
        try repository.write("requirements.txt", "requests==2.32.3\n")
        try repository.write("go.mod", "module example.com/x\n\ngo 1.21\n\nrequire github.com/pkg/errors v0.9.1\n")
        try repository.write(
            "pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\n  \"httpx>=0.25\",\n  \"pydantic>=2\",\n  \"reqeusts>=2\",\n]\n")
        try repository.commit(
            "ABC-1: bump dependencies\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", date: "2026-03-03T10:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let result = try CLIRunner.run(
            ["review", "--db", db, "--since", "2026-03-01", "--until", "2026-04-01", "--format", "csv", "--table", "findings"])
        #expect(result.status == 0, "\(result.stderr)")
        let added = result.stdout.split(separator: "\n").filter { $0.contains(",new-dependency,") }
        #expect(added.count == 1 && added.first?.contains("'reqeusts'") == true, "\(result.stdout)")
    }

    @Test(
        "a JavaScript monorepo's workspace packages, imported by the names their package.json files give, are no unknown imports",
        arguments: ["npm", "pnpm"])
    func workspacePackages(_ layout: String) throws {
        let repository = try ScriptedRepository("review-workspaces")
        let db = repository.path + "-review-workspaces-\(UUID().uuidString.prefix(6)).sqlite"
        defer {
            repository.remove()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        if layout == "npm" {
            try repository.write("package.json", #"{"name": "acme", "private": true, "workspaces": ["packages/*", "apps/*"]}"# + "\n")
        } else {
            try repository.write("package.json", #"{"name": "acme", "private": true}"# + "\n")
            try repository.write("pnpm-workspace.yaml", "packages:\n  - 'packages/*'\n  - 'apps/*'\n")
        }
        try repository.write(
            "packages/ui/package.json", "{\n  \"name\": \"@acme/ui\",\n  \"version\": \"1.0.0\",\n  \"main\": \"src/index.ts\"\n}\n")
        try repository.write("packages/ui/src/index.ts", "export const Button = () => null;\n")
        // A package whose name is not its folder's.
        try repository.write("packages/strings/package.json", "{\n  \"name\": \"acme-strings\",\n  \"version\": \"0.1.0\"\n}\n")
        try repository.write("packages/strings/index.js", "exports.slug = (s) => s;\n")
        try repository.write(
            "apps/web/package.json", "{\n  \"name\": \"@acme/web\",\n  \"dependencies\": {\n    \"react\": \"^18.2.0\"\n  }\n}\n")
        try repository.commit("Initial commit", date: "2026-03-02T10:00:00+0000")
        try repository.write(
            "apps/web/src/App.tsx",
            """
            import React from "react";
            import { Button } from "@acme/ui";
            import { slug } from "acme-strings";
            import { Modal } from "@acme/modalz";

            export const App = () => <Button label={slug("x")} />;

            """)
        try repository.commit(
            "ABC-1: the app's first screen\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", date: "2026-03-03T10:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let result = try CLIRunner.run(["review", "--db", db, "--range", "HEAD~1..HEAD", "--format", "csv", "--table", "findings"])
        #expect(result.status == 0, "\(result.stderr)")
        let unknown = result.stdout.split(separator: "\n").filter { $0.contains(",unknown-import,") }
        // The workspace's own packages are declared; a package no package.json names still is not.
        #expect(unknown.count == 1 && unknown.first?.contains("'@acme/modalz'") == true, "\(result.stdout)")
    }

    @Test("tests, docs and lock files in auth/ or payments/ folders are no security-sensitive code; the code beside them is")
    func sensitivePaths() throws {
        let repository = try ScriptedRepository("review-sensitive")
        let db = repository.path + "-review-sensitive-\(UUID().uuidString.prefix(6)).sqlite"
        defer {
            repository.remove()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        try repository.write("README.md", "# x\n")
        try repository.commit("Initial commit", date: "2026-03-02T10:00:00+0000")
        // Probe 27: each of the first three was "changes security-sensitive code … check access rules".
        try repository.write("tests/auth/test_login.py", "def test_login():\n    assert True\n")
        try repository.write("docs/payments/refunds.md", "# Payments\n\nHow refunds work.\n")
        try repository.write("services/auth/pnpm-lock.yaml", "lockfileVersion: 6.0\n")
        try repository.write("services/auth/login.py", "def login(user):\n    return user is not None\n")
        try repository.commit(
            "ABC-1: refunds docs, login and its test\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", date: "2026-03-03T10:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let result = try CLIRunner.run(
            ["review", "--db", db, "--since", "2026-03-01", "--until", "2026-04-01", "--format", "csv", "--table", "findings"])
        #expect(result.status == 0, "\(result.stderr)")
        let flagged = result.stdout.split(separator: "\n").filter { $0.contains(",sensitive-path,") }
        #expect(flagged.count == 1 && flagged.first?.contains("services/auth/login.py") == true, "\(result.stdout)")
    }

    @Test("vendored and generated files an AI commit added are not its work: no finding names them, its own lines still reviewed")
    func vendoredNotReviewed() throws {
        let repository = try ScriptedRepository("review-vendored")
        let db = repository.path + "-review-vendored-\(UUID().uuidString.prefix(6)).sqlite"
        defer {
            repository.remove()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        try repository.write("app/main.py", "print('hello')\n")
        try repository.commit("Initial commit", date: "2026-03-02T10:00:00+0000")
        // Probe 25: every finding was in the third-party files (eval, TLS off, secrets) and outranked the rest.
        let risky = "import subprocess\nsubprocess.call(cmd, shell=True)\nresult = eval(user_input)\n"
        try repository.write("vendor/github.com/foo/bar/run.py", risky)
        try repository.write("node_modules/oldlib/index.js", "module.exports = function run(c) { return eval(c) }\n")
        try repository.write("public/vendor.min.js", "function r(c){return eval(c)};\n")
        try repository.write("api/user_pb2.py", "result = eval(user_input)\n")
        try repository.write("app/main.py", "print('hello')\nvalue = eval(user_input)\n")
        try repository.commit(
            "ABC-1: use bar\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", date: "2026-03-03T10:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let result = try CLIRunner.run(
            ["review", "--db", db, "--since", "2026-03-01", "--until", "2026-04-01", "--format", "csv", "--table", "findings"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("app/main.py"), "\(result.stdout)")
        for path in ["vendor/", "node_modules/", "vendor.min.js", "user_pb2.py"] {
            #expect(!result.stdout.contains(path), "\(path): \(result.stdout)")
        }
        #expect(result.stderr.contains("4 vendored or generated files not reviewed"), "\(result.stderr)")
    }

    @Test("hand-written AI code in folders that only sound vendored or generated (vendors/, external/, gen/, dist/) is reviewed")
    func lookalikeFoldersReviewed() throws {
        let repository = try ScriptedRepository("review-lookalike")
        let db = repository.path + "-review-lookalike-\(UUID().uuidString.prefix(6)).sqlite"
        defer {
            repository.remove()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        let paths = ["app/vendors/stripe_client.py", "src/external/payments.py", "app/gen/handlers.py", "src/dist/helpers.py"]
        for (index, path) in paths.enumerated() {
            try repository.write(path, "import subprocess\nsubprocess.call(cmd, shell=True)\nvalue = eval(user_input)\n")
            try repository.commit(
                "ABC-\(index + 1): add \(path)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
                date: "2026-03-0\(index + 2)T10:00:00+0000")
        }
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let result = try CLIRunner.run(
            ["review", "--db", db, "--since", "2026-03-01", "--until", "2026-04-01", "--format", "csv", "--table", "findings"])
        #expect(result.status == 0, "\(result.stderr)")
        for path in paths { #expect(result.stdout.contains(path), "\(path): \(result.stdout)") }
        #expect(!result.stderr.contains("not reviewed"), "\(result.stderr)")
    }

    static let errorCases: [([String], Int32)] = [
        (["--range", "nope..main"], 65), (["--branch", "no-such-branch"], 65), (["--repo", "elsewhere"], 64),
        (["--range", "main"], 64), (["--branch", "feature", "--range", "main..feature"], 64),
        // A word git's dates do not know, or a ref that does not resolve, is not "now".
        (["--since", "garbage"], 64), (["--until", "HEAD~9999"], 64), (["--since", "2.weks.ago"], 64),
        (["--since", "2026-04-01", "--until", "2026-01-01"], 64), (["--since", "2099-01-01"], 64),
    ]

    @Test("--branch compares with the checked-out master, not a stale main beside it, and with trunk where that is the only usual name")
    func branchBase() throws {
        let repository = try ScriptedRepository("review-branch-base")
        defer { repository.remove() }
        try repository.git("checkout", "-q", "-b", "master")
        try repository.write("a.py", "x = 1\n")
        try repository.commit("ABC-1: start", date: "2026-03-02T10:00:00+0000")
        // A main left behind at the first commit; master moves on.
        try repository.git("branch", "-q", "-f", "main", "HEAD")
        try repository.write("old.py", "import requests\nrequests.get(u, verify=False)\n")
        try repository.commit("OLD-1: already on master", date: "2026-03-03T10:00:00+0000")
        try repository.git("checkout", "-q", "-b", "feature/y")
        try repository.write("f.py", "y = 2\n")
        try repository.commit("F-2: feature", date: "2026-03-04T10:00:00+0000")
        try repository.git("checkout", "-q", "master")
        let db = repository.path + "-branch-base.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let reviewed = try CLIRunner.run(["review", "--branch", "feature/y", "--include-human", "--format", "json", "--db", db])
        #expect(reviewed.status == 0, "\(reviewed.stderr)")
        #expect(reviewed.stderr.contains("branch feature/y: 1 commit,"), "\(reviewed.stderr)")
        #expect(!reviewed.stdout.contains("old.py"), "\(reviewed.stdout)")
        // Only trunk: it is the default branch.
        try repository.git("branch", "-q", "-m", "master", "trunk")
        try repository.git("branch", "-q", "-D", "main")
        let trunk = try CLIRunner.run(["review", "--branch", "feature/y", "--include-human", "--format", "json", "--db", db])
        #expect(trunk.status == 0, "\(trunk.stderr)")
        #expect(trunk.stderr.contains("branch feature/y: 1 commit,"), "\(trunk.stderr)")
        #expect(!trunk.stdout.contains("old.py"), "\(trunk.stdout)")
    }

    @Test("a range or branch that does not resolve: exit 65; an empty database: exit 66; an unknown repository, a bad --since or --until: 64",
        arguments: Self.errorCases)
    func errors(_ arguments: [String], _ status: Int32) throws {
        let (repository, db) = try Self.world()
        defer {
            repository.remove()
            try? FileManager.default.removeItem(atPath: db)  // a leftover temporary file is harmless
        }
        let result = try CLIRunner.run(["review", "--db", db] + arguments)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("multiplier: error: "))
        // The usage shown is review's own, not the report command's (whose dates it shares).
        #expect(status != 64 || result.stderr.contains("usage: multiplier review"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let empty = try CLIRunner.run(["review", "--db", db + ".empty.sqlite"])
        #expect(empty.status == 66)
        try? FileManager.default.removeItem(atPath: db + ".empty.sqlite")  // a leftover temporary file is harmless
    }
}
