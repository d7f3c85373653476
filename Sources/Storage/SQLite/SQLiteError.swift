import CSQLite

/// An error SQLite reported, with the statement that caused it.
package struct SQLiteError: Error, CustomStringConvertible, Equatable {
    /// The extended result code.
    package var code: Int32
    package var message: String
    /// The SQL text (never the bound values: they can hold user data).
    package var sql: String?

    package init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// A table or column of Multiplier's schema is missing, or one it makes is there already: the
    /// file was changed by another program (a table dropped, the schema version reset), bad data
    /// rather than a failed read or write.
    package var isAlteredSchema: Bool {
        primaryCode == 1
            && ["no such table", "no such column", "already exists"].contains { message.hasPrefix($0) || message.contains(" \($0)") }
    }

    package static let alteredSchemaAdvice =
        "the database's tables are not Multiplier's (changed by another program): restore it from a copy, or delete it and ingest again"

    /// One line: the statement's whitespace folded, and cut after 80 characters.
    package var description: String {
        guard let sql else { return "\(message) (SQLite code \(code))" }
        let folded = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return "\(message) (SQLite code \(code)) in: \(folded.count > 80 ? folded.prefix(79) + "…" : folded)"
    }

    /// The primary result code (the low byte of the extended one).
    package var primaryCode: Int32 { code & 0xff }
}
