import Support
import Testing

@Suite("JSONValue as text: parsing with a depth limit, compact sorted output")
struct JSONValueTextTests {
    @Test("output is compact with sorted keys, whole numbers without a fraction, control characters escaped")
    func output() throws {
        let value = try JSONValue.parse(Array(#"{"b":[1,2.5,-3e-7,true,null],"a":"q\"\\\n\u0001é"}"#.utf8))
        #expect(value.text == #"{"a":"q\"\\\n\u0001é","b":[1,2.5,-3e-07,true,null]}"#)
        #expect(try JSONValue.parse(Array(value.text.utf8)) == value)
    }

    @Test("nesting deeper than the limit is refused before decoding; not-JSON is invalid")
    func refusals() {
        let deep = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(throws: JSONValue.ParseFailure.tooDeep(limit: 64)) { try JSONValue.parse(deep) }
        #expect(throws: Never.self) { try JSONValue.parse(Array(#"["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]"#.utf8)) }
        for text in ["", "{", "[1 2]", "nope", "{\"a\":1}}", "\"\\x\""] {
            #expect(throws: JSONValue.ParseFailure.self, "\(text)") { try JSONValue.parse(Array(text.utf8)) }
        }
    }

    @Test("bytes that are not UTF-8 and an unpaired surrogate escape are said in the text's terms, not the decoder's")
    func unreadableText() throws {
        #expect(throws: JSONValue.ParseFailure.invalid("the text is not UTF-8")) { try JSONValue.parse(Array(#"{"a":""#.utf8) + [0xFF] + Array(#""}"#.utf8)) }
        #expect(throws: JSONValue.ParseFailure.invalid(#"a string holds a \u surrogate escape without its pair, which is no character"#)) {
            try JSONValue.parse(Array(#"{"a":"\uD800"}"#.utf8))
        }
        #expect(try JSONValue.parse(Array(#"{"a":"\ud83d\ude00"}"#.utf8)) == .object(["a": .string("😀")]))
    }

    @Test("a comma before a closing bracket is refused, naming where; commas inside strings are text")
    func trailingCommas() throws {
        for text in ["[1,]", "{\"a\":1,}", "{\"a\":[1, 2 ,\n ]}"] {
            #expect(throws: JSONValue.ParseFailure.self, "\(text)") { try JSONValue.parse(Array(text.utf8)) }
        }
        #expect(throws: JSONValue.ParseFailure.invalid("a comma before the closing bracket at byte 3")) { try JSONValue.parse(Array("[1,]".utf8)) }
        #expect(try JSONValue.parse(Array(#"{"a":",]","b":[",}"]}"#.utf8)) == .object(["a": .string(",]"), "b": .array([.string(",}")])]))
    }

    @Test("an Encodable value becomes the JSONValue JSONEncoder writes")
    func encoding() throws {
        struct Point: Encodable { var x = 1; var label = "a" }
        #expect(try JSONValue(encoding: Point()) == .object(["x": .number(1), "label": .string("a")]))
        #expect(JSONValue.object(["k": .number(2)])["k"]?.number == 2)
    }
}
