/// Aliases (a lower-case name or email → the person's email) with their chains followed: after
/// `people merge B B2` and `people merge A B`, B2 is A too, not B, who is no one any more.
package enum PersonAliases {
    /// Each alias mapped to the end of its chain. Aliases that name each other in a circle
    /// (`a → b`, `b → a`) are one person, the first of them in order, not each the other.
    package static func resolved(_ aliases: [String: String]) -> [String: String] {
        var resolved: [String: String] = [:]
        for (alias, person) in aliases {
            var path = [alias, person]
            while let next = aliases[path[path.count - 1]] {
                if let start = path.firstIndex(of: next) {
                    // A circle: its members are one person.
                    path = [path[path.count - 1], path[start...].min() ?? next]
                    break
                }
                path.append(next)
            }
            resolved[alias] = path[path.count - 1]
        }
        return resolved.filter { $0.key != $0.value }
    }
}
