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

    package var description: String {
        if let sql { return "\(message) (SQLite code \(code)) in: \(sql)" }
        return "\(message) (SQLite code \(code))"
    }

    /// The primary result code (the low byte of the extended one).
    package var primaryCode: Int32 { code & 0xff }
}
