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

    /// One line: the statement's whitespace folded, and cut after 80 characters.
    package var description: String {
        guard let sql else { return "\(message) (SQLite code \(code))" }
        let folded = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return "\(message) (SQLite code \(code)) in: \(folded.count > 80 ? folded.prefix(79) + "…" : folded)"
    }

    /// The primary result code (the low byte of the extended one).
    package var primaryCode: Int32 { code & 0xff }
}
