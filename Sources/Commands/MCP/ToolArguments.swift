import Foundation
import Support

/// A tool's `arguments`, checked against what the tool takes; every mistake is a message the
/// assistant can correct itself from (a tool result with `isError`, not a protocol error).
struct ToolArguments {
    /// A wrong argument.
    struct Mistake: Error, CustomStringConvertible {
        var description: String
    }

    /// The longest text an argument may hold, in characters, unless a tool says otherwise.
    static let textLimit = 4_096

    private let values: [String: JSONValue]
    private let tool: String

    /// - Throws: `Mistake` naming any argument the tool does not take.
    init(_ values: [String: JSONValue], tool: String, allowed: [String]) throws(Mistake) {
        self.values = values
        self.tool = tool
        let unknown = values.keys.filter { !allowed.contains($0) }.sorted()
        if let first = unknown.first {
            let suggestion = EditDistance.nearest(to: first, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw Mistake(
                description:
                    "\(tool) takes no argument '\(first.prefix(80))'\(suggestion); it takes \(allowed.joined(separator: ", "))")
        }
    }

    func string(_ name: String, required: Bool = false, limit: Int = textLimit) throws(Mistake) -> String? {
        switch values[name] {
        case nil, .null?:
            if required { throw Mistake(description: "\(tool) needs '\(name)', a string") }
            return nil
        case .string(let text)?:
            guard text.count <= limit else { throw Mistake(description: "'\(name)' is longer than \(limit) characters") }
            if required && text.trimmingCharacters(in: .whitespaces).isEmpty {
                throw Mistake(description: "'\(name)' is empty")
            }
            return text
        case let other?: throw Mistake(description: "'\(name)' must be a string, not \(other.kindName)")
        }
    }

    /// A value that is passed on to a command and then possibly to git: never one that reads as an option.
    func operand(_ name: String) throws(Mistake) -> String? {
        let text = try string(name)
        if let text, text.hasPrefix("-") { throw Mistake(description: "'\(name)' may not start with '-': '\(text.prefix(80))'") }
        return text
    }

    func strings(_ name: String, limit: Int = 100) throws(Mistake) -> [String] {
        switch values[name] {
        case nil, .null?: return []
        case .array(let items)?:
            guard items.count <= limit else { throw Mistake(description: "'\(name)' has more than \(limit) entries") }
            var texts: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item, text.count <= Self.textLimit else {
                    throw Mistake(description: "'\(name)[\(index)]' must be a string of at most \(Self.textLimit) characters")
                }
                texts.append(text)
            }
            return texts
        case let other?: throw Mistake(description: "'\(name)' must be an array of strings, not \(other.kindName)")
        }
    }

    func bool(_ name: String) throws(Mistake) -> Bool? {
        switch values[name] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let other?: throw Mistake(description: "'\(name)' must be true or false, not \(other.kindName)")
        }
    }

    func number(_ name: String, in range: ClosedRange<Double>) throws(Mistake) -> Double? {
        switch values[name] {
        case nil, .null?: return nil
        case .number(let value)? where range.contains(value): return value
        case let other?:
            throw Mistake(
                description: "'\(name)' must be a number from \(JSONValue.number(range.lowerBound).text) to "
                    + "\(JSONValue.number(range.upperBound).text), not \(other.text.prefix(40))")
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(Mistake) -> Int? {
        guard let value = try number(name, in: Double(range.lowerBound)...Double(range.upperBound)) else { return nil }
        guard value == value.rounded() else { throw Mistake(description: "'\(name)' must be a whole number, not \(value)") }
        return Int(value)
    }

    /// An array of objects, each checked by `body`.
    func objects(_ name: String, limit: Int) throws(Mistake) -> [[String: JSONValue]] {
        guard case .array(let items)? = values[name] else {
            throw Mistake(description: "\(tool) needs '\(name)', an array of objects")
        }
        guard !items.isEmpty, items.count <= limit else {
            throw Mistake(description: "'\(name)' must have from 1 to \(limit) entries, not \(items.count)")
        }
        var objects: [[String: JSONValue]] = []
        for (index, item) in items.enumerated() {
            guard case .object(let members) = item else {
                throw Mistake(description: "'\(name)[\(index)]' must be an object, not \(item.kindName)")
            }
            objects.append(members)
        }
        return objects
    }
}
