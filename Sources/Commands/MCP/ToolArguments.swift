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
    /// Where these values are in the tool's arguments (`backlog[2]`), nil for the arguments themselves.
    private let path: String?

    /// - Parameter path: for an object inside an argument, its JSON position (`backlog[2]`): the
    ///   messages name its fields from there (`'backlog[2].estimate_hours'`).
    /// - Throws: `Mistake` naming any argument (or field) the tool does not take.
    init(_ values: [String: JSONValue], tool: String, path: String? = nil, allowed: [String]) throws(Mistake) {
        self.values = values
        self.tool = tool
        self.path = path
        let unknown = values.keys.filter { !allowed.contains($0) }.sorted()
        if let first = unknown.first {
            let suggestion = EditDistance.nearest(to: first, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw Mistake(
                description:
                    "\(path ?? tool) takes no \(path == nil ? "argument" : "field") '\(first.prefix(80))'\(suggestion); "
                    + "it takes \(allowed.joined(separator: ", "))")
        }
    }

    /// An argument (or field) as the messages name it: `'since'`, `'backlog[2].id'`.
    private func quoted(_ name: String) -> String { "'" + (path.map { $0 + "." } ?? "") + name + "'" }

    func string(_ name: String, required: Bool = false, limit: Int = textLimit) throws(Mistake) -> String? {
        switch values[name] {
        case nil, .null?:
            if required { throw Mistake(description: "\(path ?? tool) needs '\(name)', a string") }
            return nil
        case .string(let text)?:
            guard text.count <= limit else { throw Mistake(description: "\(quoted(name)) is longer than \(limit) characters") }
            if required && text.trimmingCharacters(in: .whitespaces).isEmpty {
                throw Mistake(description: "\(quoted(name)) is empty")
            }
            return text
        case let other?: throw Mistake(description: "\(quoted(name)) must be a string, not \(other.kindName)")
        }
    }

    /// A value that is passed on to a command and then possibly to git: never one that reads as an option.
    func operand(_ name: String) throws(Mistake) -> String? {
        let text = try string(name)
        if let text, text.hasPrefix("-") { throw Mistake(description: "\(quoted(name)) may not start with '-': '\(text.prefix(80))'") }
        return text
    }

    func strings(_ name: String, limit: Int = 100) throws(Mistake) -> [String] {
        switch values[name] {
        case nil, .null?: return []
        case .array(let items)?:
            guard items.count <= limit else { throw Mistake(description: "\(quoted(name)) has more than \(limit) entries") }
            var texts: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item, text.count <= Self.textLimit else {
                    throw Mistake(description: "\(quoted("\(name)[\(index)]")) must be a string of at most \(Self.textLimit) characters")
                }
                texts.append(text)
            }
            return texts
        case let other?: throw Mistake(description: "\(quoted(name)) must be an array of strings, not \(other.kindName)")
        }
    }

    func bool(_ name: String) throws(Mistake) -> Bool? {
        switch values[name] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let other?: throw Mistake(description: "\(quoted(name)) must be true or false, not \(other.kindName)")
        }
    }

    /// A number in `range`; any number when `range` is nil (its caller checks it).
    func number(_ name: String, in range: ClosedRange<Double>?) throws(Mistake) -> Double? {
        switch values[name] {
        case nil, .null?: return nil
        case .number(let value)? where range?.contains(value) ?? true: return value
        case let other?:
            guard let range else { throw Mistake(description: "\(quoted(name)) must be a number, not \(other.kindName)") }
            throw Mistake(
                description: "\(quoted(name)) must be a number from \(JSONValue.number(range.lowerBound).text) to "
                    + "\(JSONValue.number(range.upperBound).text), not \(other.text.prefix(40))")
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(Mistake) -> Int? {
        guard let value = try number(name, in: Double(range.lowerBound)...Double(range.upperBound)) else { return nil }
        guard value == value.rounded() else { throw Mistake(description: "\(quoted(name)) must be a whole number, not \(value)") }
        return Int(value)
    }

    /// An array of 1 to `limit` objects.
    func objects(_ name: String, limit: Int) throws(Mistake) -> [[String: JSONValue]] {
        guard case .array(let items)? = values[name] else {
            if let other = values[name], other != .null {
                throw Mistake(description: "\(quoted(name)) must be an array of objects, not \(other.kindName)")
            }
            throw Mistake(description: "\(path ?? tool) needs '\(name)', an array of objects")
        }
        guard !items.isEmpty, items.count <= limit else {
            throw Mistake(description: "\(quoted(name)) must have from 1 to \(limit) entries, not \(items.count)")
        }
        var objects: [[String: JSONValue]] = []
        for (index, item) in items.enumerated() {
            guard case .object(let members) = item else {
                throw Mistake(description: "\(quoted("\(name)[\(index)]")) must be an object, not \(item.kindName)")
            }
            objects.append(members)
        }
        return objects
    }
}
