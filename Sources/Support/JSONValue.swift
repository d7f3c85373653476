/// Any JSON value, for files whose shape is checked by hand so that every problem
/// can name its JSON path (configuration, exports). Booleans stay booleans: `1` is
/// never `true`.
package enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    package init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {  // not a bool: try the next shape
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {  // not a number: try the next shape
            self = .number(value)
        } else if let value = try? container.decode(String.self) {  // not a string: try the next shape
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {  // not an array: must be an object
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// A short name of the value's kind, for messages.
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
