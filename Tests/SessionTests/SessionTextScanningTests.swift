import Ingestion
import Testing

@Suite("Timestamps and tool-output scanning")
struct SessionTextScanningTests {
    @Test(
        "ISO and naive timestamps parse to ms since 1970 UTC",
        arguments: [
            ("2026-02-12T16:02:25.284Z", Int64(1_770_912_145_284)),
            ("2026-02-12T16:02:25Z", 1_770_912_145_000),
            ("2026-02-13T00:02:25.284+08:00", 1_770_912_145_284),
            ("2026-02-12 16:02:25.284999", 1_770_912_145_284),
            ("1970-01-01T00:00:00Z", 0),
        ])
    func timestamps(text: String, ms: Int64) {
        #expect(LogTimestamp.milliseconds(iso: text) == ms)
    }

    @Test(
        "not timestamps",
        arguments: [
            "", "2026-02-12", "yesterday", "2026-13-01T00:00:00Z", "2026-02-12T16:02:25Zjunk", "2026-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-02-12T16:02:25+25:00",
        ])
    func notTimestamps(text: String) {
        #expect(LogTimestamp.milliseconds(iso: text) == nil)
    }

    @Test("with a zone required, a value without one (or with a space for the T) is none")
    func zoneRequired() {
        #expect(LogTimestamp.milliseconds(iso: "2024-02-29T12:00:00", zoneRequired: true) == nil)
        #expect(LogTimestamp.milliseconds(iso: "2024-02-29 12:00:00Z", zoneRequired: true) == nil)
        #expect(LogTimestamp.milliseconds(iso: "2024-02-29T12:00:00.5", zoneRequired: true) == nil)
        #expect(LogTimestamp.milliseconds(iso: "2024-02-29T12:00:00Z", zoneRequired: true) == 1_709_208_000_000)
        #expect(LogTimestamp.milliseconds(iso: "2024-02-29T12:00:00") == 1_709_208_000_000)
    }

    @Test("git commit output lines give hashes; other bracketed lines do not")
    func commits() {
        let output = """
            [main 1a2b3c4] fix: things
            [main (root-commit) abcdef0] first
            [detached HEAD 0123456789abcdef0123456789abcdef01234567] detached
            [INFO 1234567] not hex? it is, but upper-case words are fine
            [x] nope
            [main ZZZZZZZ] no
            """
        #expect(ToolOutputScanner.commitHashes(in: output) == [
            "1a2b3c4", "abcdef0", "0123456789abcdef0123456789abcdef01234567", "1234567",
        ])
    }

    @Test("apply_patch bodies give every added, updated, deleted and moved path")
    func patches() {
        let patch = "*** Begin Patch\n*** Add File: a.txt\n+x\n*** Update File: dir/b.swift\n*** Move to: dir/c.swift\n@@\n*** Delete File: d.md\n*** End Patch"
        #expect(ToolOutputScanner.patchedPaths(in: patch) == ["a.txt", "dir/b.swift", "dir/c.swift", "d.md"])
        // Indented markers, CRLF line ends, trailing blanks, non-ASCII paths; empty paths,
        // other `***` lines and markers inside a line are not paths.
        let messy =
            "  *** Add File: ü/naïve.txt \r\n\t*** Update File: src/x.swift\t\r\n*** Add File:   \r\n***\n"
            + "x *** Add File: no.txt\n*** Added File: no.txt\n*** Delete File: last.md"
        #expect(ToolOutputScanner.patchedPaths(in: messy) == ["ü/naïve.txt", "src/x.swift", "last.md"])
        #expect(ToolOutputScanner.patchedPaths(in: "*** ") == [])
    }
}
