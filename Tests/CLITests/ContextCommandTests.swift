import Foundation
import TestSupport
import Testing

/// `multiplier context` on the shared sample team (it only reads the database).
@Suite("multiplier context, run as a binary")
struct ContextCommandTests {
    @Test("--write adds the section, a second run changes nothing, every other byte is kept; bad files get clear errors")
    func write() throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0, "\(sample.stderr)")
        let folder = try TemporaryDirectory("context")
        defer { folder.remove() }
        let path = folder.path + "/CLAUDE.md"
        let original = "# Rules\r\nKeep it simple.\r\n<!-- multiplier:begin -->\r\nhand-edited\r\n<!-- multiplier:end -->\r\nTail, no newline"
        try folder.write("CLAUDE.md", original)
        let preview = try CLIRunner.run(["context", "--file", path, "--db", sample.database])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("## Where AI pays off in acme-shop"))
        #expect(preview.stdout.contains("- AI pays off: "))
        // The sample's sessions never plan first, and it has no context file: the practices lines say so.
        #expect(preview.stdout.contains("- Plan first against code first: cannot tell yet (0 plan-first"))
        #expect(preview.stdout.contains("- Context files: no substantial change of one in the history, so nothing to compare."))
        #expect(preview.stdout.contains("would replace its marked section (1 line)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)

        let first = try CLIRunner.run(["context", "--file", path, "--write", "--db", sample.database])
        #expect(first.status == 0)
        // The text typed between the markers is said to go.
        #expect(first.stderr.contains("section written, replacing its 1 earlier line (text typed between the markers is not kept)"), "\(first.stderr)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("# Rules\r\nKeep it simple.\r\n<!-- multiplier:begin -->\r\n## Where AI pays off"))
        #expect(written.hasSuffix("<!-- multiplier:end -->\r\nTail, no newline"))
        #expect(!written.contains("hand-edited"))
        #expect(!written.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let again = try CLIRunner.run(["context", "--file", path, "--write", "--db", sample.database])
        #expect(again.stderr.contains("already up to date"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written)

        #expect(try CLIRunner.run(["context", "--file", folder.path + "/no/such/folder.md", "--write", "--db", sample.database]).status == 66)
        try folder.write("broken.md", "x\n<!-- multiplier:begin -->\n")
        #expect(try CLIRunner.run(["context", "--file", folder.path + "/broken.md", "--write", "--db", sample.database]).status == 65)
        // A Latin-1 byte in the user's text: the file is refused and left byte for byte, not rewritten with U+FFFD.
        let latin1 = Data("# Notes\n".utf8) + Data([0x63, 0x61, 0x66, 0xE9, 0x0A])
        FileManager.default.createFile(atPath: folder.path + "/latin1.md", contents: latin1)
        let refused = try CLIRunner.run(["context", "--file", folder.path + "/latin1.md", "--write", "--db", sample.database])
        #expect(refused.status == 65 && refused.stderr.contains("latin1.md:2: expected UTF-8 text"), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: folder.path + "/latin1.md") == latin1)
        // Through a symbolic link: the file it names gets the section, the link stays, and so do the modes.
        try folder.write("AGENTS.md", "# Agents\n")
        #expect(chmod(folder.path + "/AGENTS.md", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/LINKED.md", withDestinationPath: "AGENTS.md")
        let linked = try CLIRunner.run(["context", "--file", folder.path + "/LINKED.md", "--write", "--db", sample.database])
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/LINKED.md") == "AGENTS.md")
        #expect(try String(contentsOfFile: folder.path + "/AGENTS.md", encoding: .utf8).contains("## Where AI pays off"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path + "/AGENTS.md")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A byte-order mark stays, when the section is added and when it is replaced; the second run changes nothing.
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("# Team\n".utf8)
        for (name, contents) in [
            ("BOM.md", bom), ("BOM-MARKED.md", bom + Data("<!-- multiplier:begin -->\nold\n<!-- multiplier:end -->\n".utf8)),
        ] {
            FileManager.default.createFile(atPath: folder.path + "/" + name, contents: contents)
            for _ in 0..<2 {
                #expect(try CLIRunner.run(["context", "--file", folder.path + "/" + name, "--write", "--db", sample.database]).status == 0)
                let bytes = try #require(FileManager.default.contents(atPath: folder.path + "/" + name))
                #expect(bytes.starts(with: bom) && bytes.count > contents.count, "\(name): \(Array(bytes.prefix(12)))")
                #expect(!bytes.dropFirst(3).starts(with: [0xEF, 0xBB, 0xBF]))
                #expect(!String(decoding: bytes, as: UTF8.self).contains("\nold\n"))
            }
        }
        // Not writable even for root.
        #expect(try CLIRunner.run(["context", "--file", "/proc/version", "--write", "--db", sample.database]).status == 74)
        // Another user's file, written by root, stays theirs (the replacement is a new file).
        if getuid() == 0 {
            try folder.write("THEIRS.md", "# Theirs\n")
            #expect(chown(folder.path + "/THEIRS.md", 12_345, 12_345) == 0)
            #expect(try CLIRunner.run(["context", "--file", folder.path + "/THEIRS.md", "--write", "--db", sample.database]).status == 0)
            let owner = try FileManager.default.attributesOfItem(atPath: folder.path + "/THEIRS.md")[.ownerAccountID] as? NSNumber
            #expect(owner?.intValue == 12_345)
        } else {
            // A file its owner made read-only is refused (74), though the folder would allow replacing it.
            try folder.write("READONLY.md", "# Frozen\n")
            #expect(chmod(folder.path + "/READONLY.md", 0o444) == 0)
            #expect(try CLIRunner.run(["context", "--file", folder.path + "/READONLY.md", "--write", "--db", sample.database]).status == 74)
            #expect(try String(contentsOfFile: folder.path + "/READONLY.md", encoding: .utf8) == "# Frozen\n")
        }
    }

    @Test("a file that does not exist yet: the preview shows what --write would create, and --write creates it")
    func missingFile() throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0, "\(sample.stderr)")
        let folder = try TemporaryDirectory("context-missing")
        defer { folder.remove() }
        let path = folder.path + "/AGENTS.md"
        let preview = try CLIRunner.run(["context", "--file", path, "--db", sample.database])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("## Where AI pays off in acme-shop"))
        #expect(preview.stdout.hasSuffix("\(path) does not exist yet: --write would create it with this section between the markers.\n"))
        #expect(!FileManager.default.fileExists(atPath: path))

        let written = try CLIRunner.run(["context", "--file", path, "--write", "--db", sample.database])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("\(path): created with the section between the markers"), "\(written.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("<!-- multiplier:begin -->\n## Where AI pays off") && text.hasSuffix("\n<!-- multiplier:end -->\n"))
        #expect(try CLIRunner.run(["context", "--file", path, "--write", "--db", sample.database]).stderr.contains("already up to date"))

        // A link to a file that is not there is not replaced by a file: the user says which to create.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/CLAUDE.md", withDestinationPath: "GONE.md")
        let dangling = try CLIRunner.run(["context", "--file", folder.path + "/CLAUDE.md", "--write", "--db", sample.database])
        #expect(dangling.status == 66 && dangling.stderr.contains("is a symbolic link to GONE.md, which does not exist"), "\(dangling.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/CLAUDE.md")) == "GONE.md")
        let noFolder = try CLIRunner.run(["context", "--file", folder.path + "/docs/AGENTS.md", "--db", sample.database])
        #expect(noFolder.status == 66 && noFolder.stderr.contains("its folder \(folder.path)/docs does not exist"), "\(noFolder.stderr)")
    }

    @Test("the headline leaves bots' tasks out, as the retro does; a marked section's lines are counted blank ones and all")
    func counts() throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0, "\(sample.stderr)")
        let retro = try CLIRunner.run(["report", "retro", "--format", "json", "--db", sample.database])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(retro.stdout.utf8)) as? [String: Any])
        let counts = try #require(json["counts"] as? [String: Any])
        let ai = try #require(counts["ai"] as? Int)
        let human = try #require(counts["human"] as? Int)
        try #require((counts["bots"] as? Int ?? 0) > 0, "the sample has bots' tasks")

        let folder = try TemporaryDirectory("context-counts")
        defer { folder.remove() }
        try folder.write("AGENTS.md", "# A\n<!-- multiplier:begin -->\nold\n\nmore\n\n<!-- multiplier:end -->\n")
        let preview = try CLIRunner.run(["context", "--file", folder.path + "/AGENTS.md", "--db", sample.database])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("From \(ai + human) tasks (\(ai) AI-assisted) up to "), "\(preview.stdout)")
        #expect(preview.stdout.contains("--write would replace its marked section (4 lines) with this one."), "\(preview.stdout)")
    }

    @Test(
        "a file this user may write in a folder they may not: exit 74, and the message says the folder must be writable",
        .enabled(if: CLIRunner.asAnotherUser != nil, "as root, needs setpriv to run the binary as another user"))
    func folderNotWritable() throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0, "\(sample.stderr)")
        let wrapper = try #require(CLIRunner.asAnotherUser)
        let folder = try TemporaryDirectory("context-folder")
        defer {
            chmod(folder.path + "/docs", 0o755)
            folder.remove()
        }
        // The database where the other user may read it; the file writable by all in a folder only its owner may write.
        #expect(try CLIRunner.run(["status", "--db", sample.database, "--quiet"]).status == 0)
        try FileManager.default.copyItem(atPath: sample.database, toPath: folder.path + "/db.sqlite")
        try folder.write("docs/AGENTS.md", "# Agents\n")
        #expect(chmod(folder.path, 0o755) == 0 && chmod(folder.path + "/db.sqlite", 0o644) == 0)
        #expect(chmod(folder.path + "/docs/AGENTS.md", 0o666) == 0)
        // As root the folder stays root's (755) and the binary runs as nobody; as another user, the folder is made read-only.
        #expect(chmod(folder.path + "/docs", wrapper.isEmpty ? 0o555 : 0o755) == 0)
        let result = try CLIRunner.run(
            ["context", "--file", folder.path + "/docs/AGENTS.md", "--write", "--db", folder.path + "/db.sqlite"], wrapper: wrapper)
        #expect(result.status == 74, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "cannot write \(folder.path)/docs/AGENTS.md: its folder \(folder.path)/docs is not writable (the file is replaced atomically"),
            "\(result.stderr)")
        #expect(try String(contentsOfFile: folder.path + "/docs/AGENTS.md", encoding: .utf8) == "# Agents\n")
    }
}
