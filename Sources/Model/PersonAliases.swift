/// Aliases (a lower-case name or email → the person's email) with their chains followed: after
/// `people merge B B2` and `people merge A B`, B2 is A too, not B, who is no one any more.
package enum PersonAliases {
    /// Each alias mapped to the end of its chain; a cycle stops where it would come back.
    package static func resolved(_ aliases: [String: String]) -> [String: String] {
        var resolved: [String: String] = [:]
        for (alias, person) in aliases {
            var end = person
            var seen: Set<String> = [alias, person]
            while let next = aliases[end], seen.insert(next).inserted { end = next }
            resolved[alias] = end
        }
        return resolved
    }
}
