import Foundation
import Model
import Support

/// A repository's `.multiplier.json` (or `--config FILE`): extra rules, forced and
/// ignored paths, bots, author aliases and the METHOD.md settings. The schema is
/// documented in the README; every key is optional.
///
/// ```json
/// {
///   "rules": [{"category": "security", "paths": ["src/vault/**"], "words": ["vault"], "weight": 2}],
///   "categories": {"legacy/**": "maintenance"},
///   "ignore": ["generated/**"],
///   "bots": ["release-robot"],
///   "aliases": {"alice@old.example": "alice@acme.example"},
///   "settings": {"burstGapHours": 4, "maximumCommitGapHours": 2, "leadInMinutes": 30, "idleCapMinutes": 10,
///                "sessionLeadHours": 24, "sessionOverlapHours": 2, "sessionMaterialShare": 0.1,
///                "churnDays": 14, "reviewMinutes": 15, "nearTie": 0.95, "prototypeBranches": ["hack/"]}
/// }
/// ```
package struct RuleConfig: Sendable, Equatable {
    /// One extra rule: files matching `paths`, or words in subjects, branches and prompts.
    package struct Rule: Sendable, Equatable {
        package var category: Category
        package var paths: [Glob]
        package var words: [String]
        package var weight: Double
    }

    package var rules: [Rule] = []
    /// Paths forced to a category: when most of a task's files match, that is its category.
    package var forced: [(glob: Glob, category: Category)] = []
    /// Paths left out of size and signals.
    package var ignore: [Glob] = []
    /// When not empty, only paths matching one of these count (`report retro --paths`).
    package var only: [Glob] = []
    /// Extra bot names (author names or emails), matched without case.
    package var bots: [String] = []
    /// Alias name or email → the identity it belongs to (lower case).
    package var aliases: [String: String] = [:]
    package var settings = Settings()
    /// The file it was read from and the SHA-256 of its bytes (empty for the defaults): a task
    /// build records it, so a changed configuration rebuilds the tasks.
    package var source = ""

    package init() {}

    package static func == (lhs: RuleConfig, rhs: RuleConfig) -> Bool {
        lhs.rules == rhs.rules && lhs.ignore == rhs.ignore && lhs.only == rhs.only && lhs.bots == rhs.bots && lhs.aliases == rhs.aliases
            && lhs.settings == rhs.settings && lhs.forced.map(\.glob) == rhs.forced.map(\.glob)
            && lhs.forced.map(\.category) == rhs.forced.map(\.category)
    }

    /// Whether a path is ignored by the configuration.
    package func ignores(_ path: String) -> Bool {
        ignore.contains { $0.matches(path) } || (!only.isEmpty && !only.contains { $0.matches(path) })
    }

    /// Reads and validates a configuration file; every problem names its JSON path.
    package static func load(path: String) throws(ConfigError) -> RuleConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(data, file: path)
    }

    /// Parses configuration JSON; `file` names it in errors.
    package static func parse(_ data: Data, file: String) throws(ConfigError) -> RuleConfig {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .invalid(file: file, path: "$", expected: "valid JSON (\(Self.reason(error)))")
        }
        let reader = Reader(file: file)
        let object = try reader.object(root, at: "$")
        var config = RuleConfig()
        config.source = file + " " + SHA256.hex(SHA256.hash(Array(data)))
        let known: Set<String> = ["rules", "categories", "ignore", "bots", "aliases", "settings", "$schema"]
        for key in object.keys.sorted() where !known.contains(key) {
            throw .invalid(file: file, path: "$.\(key)", expected: "one of the keys \(known.sorted().joined(separator: ", "))")
        }
        if let rules = object["rules"] {
            for (index, item) in try reader.array(rules, at: "$.rules").enumerated() {
                let at = "$.rules[\(index)]"
                let rule = try reader.object(item, at: at)
                for key in rule.keys.sorted() where !["category", "paths", "words", "weight"].contains(key) {
                    throw .invalid(file: file, path: "\(at).\(key)", expected: "one of category, paths, words, weight")
                }
                let category = try reader.category(rule["category"], at: "\(at).category")
                let paths = try reader.strings(rule["paths"] ?? .array([]), at: "\(at).paths").map(Glob.init)
                let words = try reader.strings(rule["words"] ?? .array([]), at: "\(at).words").map { $0.lowercased() }
                if paths.isEmpty && words.isEmpty {
                    throw .invalid(file: file, path: at, expected: "at least one of \"paths\" or \"words\"")
                }
                // Built-in signals weigh up to about 6: a weight past 100 is a typo, and one near the
                // largest double made every score infinite and no task could be stored.
                let weight = try rule["weight"].map { value throws(ConfigError) in
                    let number = try reader.number(value, at: "\(at).weight", minimum: 0)
                    guard number <= 100 else { throw .invalid(file: file, path: "\(at).weight", expected: "a number from 0 to 100") }
                    return number
                } ?? 1
                config.rules.append(Rule(category: category, paths: paths, words: words, weight: weight))
            }
        }
        if let categories = object["categories"] {
            let map = try reader.object(categories, at: "$.categories")
            for key in map.keys.sorted() {
                config.forced.append((Glob(key), try reader.category(map[key], at: "$.categories[\"\(key)\"]")))
            }
        }
        if let ignore = object["ignore"] { config.ignore = try reader.strings(ignore, at: "$.ignore").map(Glob.init) }
        if let bots = object["bots"] { config.bots = try reader.strings(bots, at: "$.bots").map { $0.lowercased() } }
        if let aliases = object["aliases"] {
            let map = try reader.object(aliases, at: "$.aliases")
            for key in map.keys.sorted() {
                guard case .string(let value) = map[key], !value.isEmpty else {
                    throw .invalid(file: file, path: "$.aliases[\"\(key)\"]", expected: "a name or email (a string)")
                }
                config.aliases[key.lowercased()] = value.lowercased()
            }
        }
        if let settings = object["settings"] {
            config.settings = try reader.settings(settings)
        }
        return config
    }

    /// The parser's own words, with the line and column where it has them.
    private static func reason(_ error: Error) -> String {
        guard case DecodingError.dataCorrupted(let context) = error else { return "unreadable" }
        let underlying = context.underlyingError.map { ($0 as NSError).userInfo[NSDebugDescriptionErrorKey] as? String }
        return (underlying ?? nil) ?? context.debugDescription
    }

    /// Type checks with JSON paths in their errors.
    private struct Reader {
        let file: String

        func object(_ value: JSONValue, at path: String) throws(ConfigError) -> [String: JSONValue] {
            guard case .object(let object) = value else {
                throw .invalid(file: file, path: path, expected: "an object (found \(value.kindName))")
            }
            return object
        }

        func array(_ value: JSONValue, at path: String) throws(ConfigError) -> [JSONValue] {
            guard case .array(let array) = value else {
                throw .invalid(file: file, path: path, expected: "an array (found \(value.kindName))")
            }
            return array
        }

        func strings(_ value: JSONValue, at path: String) throws(ConfigError) -> [String] {
            var result: [String] = []
            for (index, item) in try array(value, at: path).enumerated() {
                guard case .string(let text) = item, !text.isEmpty else {
                    throw .invalid(file: file, path: "\(path)[\(index)]", expected: "a non-empty string")
                }
                result.append(text)
            }
            return result
        }

        func category(_ value: JSONValue?, at path: String) throws(ConfigError) -> Category {
            guard case .string(let name) = value, let category = Category(rawValue: name) else {
                throw .invalid(file: file, path: path, expected: "a category, one of \(Category.names)")
            }
            return category
        }

        func number(_ value: JSONValue, at path: String, minimum: Double) throws(ConfigError) -> Double {
            guard case .number(let number) = value, number.isFinite, number >= minimum else {
                throw .invalid(file: file, path: path, expected: "a number of at least \(Self.format(minimum))")
            }
            return number
        }

        private static func format(_ number: Double) -> String {
            number == number.rounded() ? String(Int(number)) : String(number)
        }

        func settings(_ value: JSONValue) throws(ConfigError) -> Settings {
            let map = try object(value, at: "$.settings")
            var settings = Settings()
            // Each from 0 to a bound no careful setting reaches: more is a typo, and the times
            // overflowed where they become seconds or milliseconds (an idle cap of 1e15 minutes
            // stopped every command).
            let hours = (maximum: 336.0, expected: "a number of hours from 0 to 336 (two weeks)")
            let minutes = (maximum: 1440.0, expected: "a number of minutes from 0 to 1440 (a day)")
            let days = (maximum: 730.0, expected: "a number of days from 0 to 730 (two years)")
            let share = (maximum: 1.0, expected: "a share between 0 and 1")
            let fields: [(name: String, key: WritableKeyPath<Settings, Double>, bound: (maximum: Double, expected: String))] = [
                ("burstGapHours", \.burstGapHours, hours), ("churnDays", \.churnDays, days),
                ("idleCapMinutes", \.idleCapMinutes, minutes), ("leadInMinutes", \.leadInMinutes, minutes),
                ("maximumCommitGapHours", \.maximumCommitGapHours, hours), ("nearTie", \.nearTie, share),
                ("reviewMinutes", \.reviewMinutes, minutes), ("sessionLeadHours", \.sessionLeadHours, hours),
                ("sessionMaterialShare", \.sessionMaterialShare, share), ("sessionOverlapHours", \.sessionOverlapHours, hours),
            ]
            for key in map.keys.sorted() {
                if key == "prototypeBranches", let raw = map[key] {
                    settings.prototypeBranches = try strings(raw, at: "$.settings.prototypeBranches")
                    continue
                }
                guard let field = fields.first(where: { $0.name == key }), let raw = map[key] else {
                    throw .invalid(
                        file: file, path: "$.settings.\(key)",
                        expected: "one of the settings \((fields.map(\.name) + ["prototypeBranches"]).joined(separator: ", "))")
                }
                guard case .number(let value) = raw, value.isFinite, value >= 0, value <= field.bound.maximum else {
                    throw .invalid(file: file, path: "$.settings.\(key)", expected: field.bound.expected)
                }
                settings[keyPath: field.key] = value
            }
            return settings
        }
    }
}

/// A configuration file that cannot be used.
package enum ConfigError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case invalid(file: String, path: String, expected: String)

    package var description: String {
        switch self {
        case .unreadable(let path): "cannot read the configuration file \(path)"
        case .invalid(let file, let path, let expected): "\(file): \(path): expected \(expected)"
        }
    }
}
