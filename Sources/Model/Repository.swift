/// A git work tree that was ingested.
package struct Repository: Sendable, Equatable, Codable {
    package var id: Int64
    /// Absolute path of the work tree's root.
    package var root: String
    /// The `origin` remote's URL, if it has one.
    package var origin: String?
    /// A short name: the root folder's name.
    package var name: String
    /// When it was last ingested, seconds since 1970 UTC.
    package var lastIngest: Int64?

    package init(id: Int64, root: String, origin: String?, name: String, lastIngest: Int64?) {
        self.id = id
        self.root = root
        self.origin = origin
        self.name = name
        self.lastIngest = lastIngest
    }
}
