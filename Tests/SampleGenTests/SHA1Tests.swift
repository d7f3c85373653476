import Testing

@testable import SampleGen

@Suite("SHA-1 and git object ids")
struct SHA1Tests {
    @Test("known digests", arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    ])
    func digests(input: String, expected: String) {
        #expect(SHA1.hex(SHA1.digest(Array(input.utf8))) == expected)
    }

    @Test("git's ids for an empty blob and an empty tree")
    func gitObjects() {
        #expect(SHA1.hex(SHA1.gitObject("blob", [])) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(SHA1.hex(GitTree.hash([:])) == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
    }
}
