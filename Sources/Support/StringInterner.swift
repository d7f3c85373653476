/// Hands out one shared copy of each distinct string: reading 75,000 commits makes 75,000
/// copies of a few dozen author names and of the same few thousand paths, each its own
/// allocation; interned, equal strings share one buffer. Values are unchanged (a string equals
/// its interned copy), so what is built from them is too.
package struct StringInterner {
    private var table: Set<String> = []

    package init() {}

    /// The shared copy of `string`, stored on first sight.
    package mutating func intern(_ string: String) -> String {
        // Short strings (15 UTF-8 bytes or fewer) are stored inline in the value: nothing to share.
        guard string.utf8.count > 15 else { return string }
        // An equal string already stored is returned in place of this one.
        return table.insert(string).memberAfterInsert
    }

    /// `intern` for an optional string.
    package mutating func intern(_ string: String?) -> String? {
        string.map { intern($0) }
    }

    /// How many distinct strings are stored.
    package var count: Int { table.count }
}

extension String {
    /// `lowercased()`, returning this very string (its shared buffer) when it is ASCII with no
    /// upper-case letter, as most emails and names already are: `lowercased()` always makes a
    /// new copy, one per commit where identities are compared.
    package var lowercasedSharingStorage: String {
        utf8.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) } ? self : lowercased()
    }
}
