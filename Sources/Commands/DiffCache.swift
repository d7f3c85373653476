import Classification
import Ingestion
import Model
import Review
import Storage
import Support

/// What commits added: from the database when read before, else from git (then stored, unless
/// the database is open read-only, as `multiplier mcp` opens it). Lines are given, and kept, with
/// their secrets redacted and the kind of secret noted (`SecurityCheck.redacted`): the database
/// holds no key a commit added, and a review reads the same lines from git and from the cache.
/// Vendored packages and generated files, known by their folder or name
/// (`PathRules.isPackageOrGeneratedName`), are left out of what it gives, with a note: someone
/// else's code, or a generator's, is not the work under review.
struct DiffCache {
    let store: DiffStore
    let saves: Bool

    /// `saves: false` keeps nothing; a database open read-only (a copy the user may only read)
    /// keeps nothing either.
    init(database: Database, saves: Bool = true) {
        store = DiffStore(database: database)
        self.saves = saves && !database.isReadOnly
    }

    /// The diffs of `hashes` in `repository`, in the order asked (duplicates once); progress on a terminal.
    func diffs(_ hashes: [String], repository: String, environment: [String: String], console: Console) throws -> [CommitDiff] {
        var seen: Set<String> = []
        let unique = hashes.filter { seen.insert($0).inserted }
        var found = try store.diffs(unique, repository: repository, reader: DiffParser.version)
        let missing = unique.filter { found[$0] == nil }
        if !missing.isEmpty {
            var progress = Progress(console: console, label: "review: reading diffs")
            // A manifest's removed lines tell a changed version from a new dependency (`DependencyCheck`).
            let reader = DiffReader(
                git: GitInvocation(repository: repository, environment: environment), keepsRemoved: { Manifests.kind(of: $0) != nil })
            var read = try reader.read(missing) { progress.update($0, unit: "of \(missing.count) commits") }
            progress.finish()
            for diff in read.indices {
                for file in read[diff].files.indices {
                    read[diff].files[file].added = read[diff].files[file].added.map(SecurityCheck.redacted)
                    read[diff].files[file].removed = read[diff].files[file].removed.map(SecurityCheck.redacted)
                }
            }
            if saves { try store.save(read, repository: repository, reader: DiffParser.version) }
            for diff in read { found[diff.hash] = diff }
        }
        var left: Set<String> = []
        let diffs = unique.compactMap { found[$0] }.map { diff in
            var diff = diff
            diff.files.removeAll { file in
                guard PathRules.isPackageOrGeneratedName(file.path) else { return false }
                left.insert(file.path)
                return true
            }
            return diff
        }
        if let first = left.min() {
            console.note(
                "note: review: \(left.count) vendored or generated file\(left.count == 1 ? "" : "s") not reviewed (\(first)"
                    + (left.count > 1 ? ", …)" : ")"))
        }
        return diffs
    }
}
