/// What can go wrong with the database, in words a user can act on.
package enum StorageError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notADatabase(path: String)
    /// An SQLite file of another program: tables or views but no schema version, or a version without Multiplier's tables.
    case foreignDatabase(path: String, tables: [String])
    case newerSchema(path: String, found: Int, supported: Int)
    /// A read-only open of a database that a read-write open would migrate first.
    case olderSchema(path: String, found: Int, supported: Int)
    /// A read-only open of a file that does not exist.
    case missing(path: String)
    case sqlite(SQLiteError, during: String)
    case corrupt(what: String, reason: String)
    case notAnExport(path: String)
    /// An export whose tables or values are not what `export` writes (cut short, edited).
    case damagedExport(path: String, reason: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open database at \(path): \(reason)"
        case .notADatabase(let path):
            return "\(path) is not a Multiplier database (not an SQLite file); pass another --db"
        case .foreignDatabase(let path, let tables) where tables.contains("git_commit"):
            return "\(path) has Multiplier's tables but no schema version (reset by another program); it was left as it is: "
                + "restore it from a copy, or pass another --db"
        case .foreignDatabase(let path, let tables) where tables.isEmpty:
            return "\(path) is an SQLite database of another program (a schema version but none of Multiplier's tables); "
                + "it was left as it is: pass another --db"
        case .foreignDatabase(let path, let tables):
            return "\(path) is an SQLite database of another program (\(tables.prefix(3).joined(separator: ", "))\(tables.count > 3 ? ", …" : "")), "
                + "not a Multiplier one; it was left as it is: pass another --db"
        case .newerSchema(let path, let found, let supported):
            return "\(path) was written by a newer Multiplier (schema \(found), this one knows up to \(supported)); "
                + "upgrade multiplier or pass another --db"
        case .olderSchema(let path, let found, let supported):
            return "\(path) has schema \(found) and this Multiplier reads \(supported); it opens databases read-only here, "
                + "so run any multiplier command on it once to upgrade it (for example 'multiplier status --db \(path)')"
        case .missing(let path):
            return "no database at \(path); run 'multiplier ingest git PATH' first, or pass another --db "
                + "(after 'multiplier demo': --db .multiplier/demo.sqlite, in the folder it ran in)"
        case .sqlite(let error, let during):
            return "database error while \(during): \(error)"
        case .notAnExport(let path):
            return "\(path) is not a Multiplier export (make one with 'multiplier export --out FILE')"
        case .damagedExport(let path, let reason):
            return "\(path) is a damaged Multiplier export (\(reason)); ask its sender to export it again"
        case .corrupt(let what, let reason):
            // Tasks are derived: `classify` builds them all again (an ingest with nothing new would not).
            // A pull request comes from an export, read again by `ingest reviews`.
            return what.hasPrefix("task")
                ? "the stored \(what) cannot be read (\(reason)); run `multiplier classify` to rebuild the tasks"
                : "the stored \(what) cannot be read (\(reason)); run `multiplier ingest reviews` on its export again"
        }
    }
}
