import CSQLite

/// A prepared statement: values are always bound, never spliced into the SQL.
///
/// Reuse one statement for many rows inside a transaction; that is where
/// SQLite's speed comes from.
package final class Statement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    package let sql: String
    /// Whether a query is handing rows to a closure (a closure that prepares the same SQL then
    /// gets a statement of its own, see `Database.prepare`).
    private(set) var isRunning = false

    init(connection: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs the statement once with `values` (for INSERT, UPDATE, DELETE).
    package func execute(_ values: [SQLValue] = []) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
    }

    /// Runs a query with `values` and hands each row to `body`.
    package func query(_ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        try bind(values)
        isRunning = true
        defer {
            sqlite3_reset(handle)
            isRunning = false
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try body(Row(handle: handle))
        }
    }

    /// Runs a query and maps each row.
    package func rows<T>(_ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try query(values) { result.append(try transform($0)) }
        return result
    }

    /// Runs a query and maps its first row, if any.
    package func first<T>(_ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> T? {
        var result: T?
        try bind(values)
        isRunning = true
        defer {
            sqlite3_reset(handle)
            isRunning = false
        }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW {
            result = try transform(Row(handle: handle))
        } else if code != SQLITE_DONE {
            throw error(code)
        }
        return result
    }

    private func bind(_ values: [SQLValue]) throws {
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "expected \(expected) values, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                // With an explicit byte count, text holding NUL is stored whole.
                var text = text
                code = text.withUTF8 { bytes in
                    sqlite3_bind_text(
                        handle, index, UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self),
                        Int32(bytes.count), multiplier_sqlite_transient())
                }
            case .blob(let bytes):
                // A zero-length blob is bound as one, not as NULL (a nil pointer would be NULL).
                code = bytes.withUnsafeBytes { raw in
                    sqlite3_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), multiplier_sqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    private func error(_ code: Int32) -> SQLiteError {
        SQLiteError(
            code: sqlite3_extended_errcode(connection), message: String(cString: sqlite3_errmsg(connection)),
            sql: sql)
    }
}

/// One result row; valid only inside the closure it is handed to.
package struct Row {
    fileprivate let handle: OpaquePointer

    package func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    package func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    package func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    package func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }
    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    package func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    package func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    package func blob(_ column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// How many columns the row has.
    package var columnCount: Int32 { sqlite3_column_count(handle) }
    package func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
    package func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    package func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    /// Whether the column holds `value`, as binding it would have stored it.
    package func holds(_ value: SQLValue, at column: Int32) -> Bool {
        switch value {
        case .null: isNull(column)
        case .integer(let integer): !isNull(column) && int64(column) == integer
        case .real(let real): !isNull(column) && double(column) == real
        case .text(let text): !isNull(column) && self.text(column) == text
        case .blob(let bytes): !isNull(column) && blob(column) == bytes
        }
    }
}
