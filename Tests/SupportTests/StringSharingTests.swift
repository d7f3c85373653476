import Support
import Testing

@Suite("Strings that share their storage")
struct StringSharingTests {
    @Test("lowercasedSharingStorage equals lowercased() for ASCII and non-ASCII, upper and lower case")
    func lowercased() {
        for text in ["ann@example.com", "Ann@Example.com", "ÅSA@example.se", "josé@example.es", "", "ÉCOLE", "straße", "ǅ"] {
            #expect(text.lowercasedSharingStorage == text.lowercased(), "\(text)")
        }
    }

    @Test("an interned string equals the original, and equal strings come back as one")
    func interning() {
        var interner = StringInterner()
        let long = "first commit of a burst by someone@example.com"
        let first = interner.intern(long)
        let second = interner.intern(String(long.reversed().reversed()))
        #expect(first == long && second == long)
        #expect(interner.count == 1)
        #expect(interner.intern("short") == "short" && interner.count == 1)
    }
}
