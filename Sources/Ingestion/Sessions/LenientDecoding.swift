/// Decoding helpers for logs whose every field is optional in practice: a field
/// that is missing or of an unexpected type reads as nil instead of failing the line.
extension KeyedDecodingContainer {
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil  // a wrong type is as good as absent
    }

    func flag(_ key: Key) -> Bool { lenient(Bool.self, key) ?? false }
}

/// Coding keys made from any string, for objects whose keys are data (maps) or many.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The keys of a JSON object, its values skipped.
struct ObjectKeys: Decodable {
    var keys: [String]
    init(from decoder: Decoder) throws {
        keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
    }
}

/// Text given either as a JSON string or as an array of `{"type":"text","text":…}` parts
/// (what Claude tool results, Gemini content and Codex messages all do).
struct FlexibleText: Decodable {
    var text: String

    private struct Part: Decodable {
        var text: String?
        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            text = container.lenient(String.self, AnyKey("text"))
        }
    }

    init(from decoder: Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let string = try? single.decode(String.self) {
            text = string
        } else if let parts = try? single.decode([Part].self) {
            text = parts.compactMap(\.text).joined(separator: "\n")
        } else {
            text = ""
        }
    }
}

/// Every string inside a JSON value, depth first (for scanning tool arguments of unknown shape).
struct AllStrings: Decodable {
    var strings: [String] = []

    init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            for key in keyed.allKeys {
                if let nested = try? keyed.decode(AllStrings.self, forKey: key) { strings += nested.strings }
            }
        } else if var list = try? decoder.unkeyedContainer() {
            while !list.isAtEnd {
                guard let nested = try? list.decode(AllStrings.self) else { break }
                strings += nested.strings
            }
        } else if let string = try? decoder.singleValueContainer().decode(String.self) {
            strings = [string]
        }
    }
}
