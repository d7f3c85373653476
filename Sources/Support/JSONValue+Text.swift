import Foundation

/// JSON text in and out for `JSONValue`: parsing with a nesting limit, and compact output with
/// sorted keys (deterministic), for protocols that build their messages by hand (`multiplier mcp`).
extension JSONValue {
    /// Why a text is not accepted.
    package enum ParseFailure: Error, Equatable {
        case invalid(String)
        case tooDeep(limit: Int)
    }

    /// Parses one JSON text; arrays and objects nested deeper than `depthLimit` are refused before
    /// decoding, so no input can exhaust the stack.
    package static func parse(_ bytes: [UInt8], depthLimit: Int = 64) throws(ParseFailure) -> JSONValue {
        let scan = structure(bytes, stoppingAbove: depthLimit)
        guard scan.depth <= depthLimit else { throw .tooDeep(limit: depthLimit) }
        // Foundation's decoder lets a comma stand before `]` or `}`; JSON (RFC 8259) does not.
        if let offset = scan.trailingComma { throw .invalid("a comma before the closing bracket at byte \(offset + 1)") }
        // Said in the text's own terms rather than the decoder's (which names Swift types).
        guard bytes.withUnsafeBufferPointer(UTF8Validation.isValid) else { throw .invalid("the text is not UTF-8") }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalid(String((context.underlyingError.map { "\($0)" } ?? context.debugDescription).prefix(200)))
        } catch {
            // Valid JSON the decoder still refuses: a string with a \uD800–\uDFFF escape not in a pair.
            let surrogate = bytes.indices.dropLast(3).contains { index in
                bytes[index] == UInt8(ascii: "\\") && bytes[index + 1] | 0x20 == UInt8(ascii: "u")
                    && bytes[index + 2] | 0x20 == UInt8(ascii: "d") && "89abcdefABCDEF".utf8.contains(bytes[index + 3])
            }
            if surrogate { throw .invalid("a string holds a \\u surrogate escape without its pair, which is no character") }
            throw .invalid("a value that cannot be read")
        }
    }

    /// A value as `JSONEncoder` writes it, as a `JSONValue`.
    package init<Value: Encodable>(encoding value: Value) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// Compact JSON text, object keys sorted; whole numbers below 2^53 without a fraction.
    package var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    /// A member of an object (nil for anything else).
    package subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    package var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    package var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    package var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value):
            if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
                output += String(Int64(value))
            } else if value.isFinite {
                output += "\(value)"
            } else {
                output += "null"
            }
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                members[key]?.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// The deepest nesting of arrays and objects outside strings (counting stops above `limit`), and
    /// the offset of the first comma that closes an array or object (`[1,]`), if any.
    private static func structure(_ bytes: [UInt8], stoppingAbove limit: Int) -> (depth: Int, trailingComma: Int?) {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        // The offset of a comma with only white space after it so far.
        var openComma: Int?
        var trailingComma: Int?
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x2C:
                openComma = offset
                continue
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                deepest = max(deepest, depth)
                if deepest > limit { return (deepest, trailingComma) }
            case 0x5D, 0x7D:
                depth -= 1
                if trailingComma == nil, let openComma { trailingComma = openComma }
            default: break
            }
            openComma = nil
        }
        return (deepest, trailingComma)
    }
}
