/// A value bound to a statement parameter or read from a column.
package enum SQLValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// An integer from a Swift `Int`.
    package static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    /// A Boolean as 0 or 1.
    package static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
    /// Text, or NULL for nil.
    package static func optional(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    /// An integer, or NULL for nil.
    package static func optional(_ value: Int?) -> SQLValue { value.map(SQLValue.int) ?? .null }
}
