import Foundation
import Support
import Testing

@Suite("Substring search on UTF-8 bytes")
struct ByteSearchTests {
    @Test("finds what Foundation finds in ASCII and UTF-8 texts, at the start, middle and end")
    func agreesWithFoundation() {
        let texts = ["", "a", "co-authored-by: claude <noreply@anthropic.com>", "naïve café — ünïcode", "aaab", "abab abc"]
        let needles = ["", "a", "ab", "abc", "aab", "@anthropic.com>", "café", "ünï", "—", "x", "abc abc abc abc abc abc"]
        for text in texts {
            for needle in needles where !needle.isEmpty {
                #expect(text.containsBytes(needle) == text.contains(needle), "\(text) / \(needle)")
                let range = text.byteRange(of: needle)
                #expect(range == text.range(of: needle), "\(text) / \(needle)")
                if let range { #expect(text[range] == needle) }
            }
            #expect(text.containsBytes(""))
        }
    }

    @Test("searches a substring from its own start, and returns indices into it")
    func substrings() {
        let text = "Merge pull request #12 from owner/branch"
        let rest = text.dropFirst("Merge pull request #".count)
        let from = rest.byteRange(of: " from ")
        #expect(from.map { String(rest[..<$0.lowerBound]) } == "12")
        #expect(from.map { String(rest[$0.upperBound...]) } == "owner/branch")
        #expect(!rest.containsBytes("Merge"))
        #expect(ByteSearch.contains(Array("lock.json".utf8)[2...], Array("ck.j".utf8)))
        #expect(!ByteSearch.contains(Array("lock.json".utf8)[3...], Array("ck.j".utf8)))
    }
}
