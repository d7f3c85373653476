extension Database {
    /// What takes the space in the database file: bytes per table, its indexes counted with it,
    /// largest first (SQLite's `dbstat`; empty where the library was built without it).
    package func spaceByTable() throws -> [(name: String, bytes: Int)] {
        let available = try prepare("SELECT count(*) FROM pragma_module_list WHERE name = 'dbstat'").first { $0.int(0) } ?? 0
        guard available > 0 else { return [] }
        return try prepare(
            """
            SELECT coalesce(m.tbl_name, d.name) AS owner, sum(d.pgsize) AS bytes
            FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name
            GROUP BY owner ORDER BY bytes DESC, owner
            """
        ).rows { ($0.text(0), $0.int(1)) }
    }
}
