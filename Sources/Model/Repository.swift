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

    /// A remote's URL without the user and password a `scheme://user:secret@host/…` URL may carry (a CI
    /// token in a clone URL): what is stored and shown. `git@host:o/r.git` and other URLs are unchanged.
    package static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + rest[rest.index(after: at)...]
    }
}
