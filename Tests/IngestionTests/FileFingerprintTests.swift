import Foundation
import Ingestion
import TestSupport
import Testing

@Suite("Telling a grown log from a rewritten one")
struct FileFingerprintTests {
    @Test("appending keeps the fingerprint of the part read before; rewriting changes it")
    func growthAndRewrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/log.jsonl"
        try directory.write("log.jsonl", "{\"a\":1}\n")
        let before = try #require(FileFingerprint.of(path: path, limit: 8))
        try directory.write("log.jsonl", "{\"a\":1}\n{\"b\":2}\n")
        #expect(FileFingerprint.of(path: path, limit: 8) == before)
        try directory.write("log.jsonl", "{\"z\":9}\n{\"b\":2}\n")
        #expect(FileFingerprint.of(path: path, limit: 8) != before)
        #expect(FileFingerprint.of(path: directory.path + "/missing", limit: 8) == nil)
    }
}
