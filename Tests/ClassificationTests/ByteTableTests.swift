import Testing
@testable import Classification

@Suite("Tables looked up by bytes")
struct ByteTableTests {
    @Test("a key is found by its bytes wherever they sit; others are not; non-ASCII keys are set aside")
    func lookup() {
        let table = ByteTable(["src": 1, "lib": 2, "": 3, "café": 4])
        let bytes = Array("a/src/lib".utf8)
        #expect(table.value(bytes[2..<5]) == 1)
        #expect(table.value(bytes[6..<9]) == 2)
        #expect(table.value(bytes[0..<0]) == 3)
        #expect(table.value(bytes[0..<1]) == nil)
        #expect(table.value(bytes[2..<4]) == nil)
        #expect(table.hasOtherKeys)
        #expect(!ByteTable(["a": 1]).hasOtherKeys)
    }

    @Test("the classifier's tables looked up by bytes are all ASCII, so bytes and strings agree")
    func tablesAreASCII() {
        #expect(!WordRules.entryTable.hasOtherKeys)
        #expect(!PathRules.folderKindBytes.hasOtherKeys)
        #expect(!PathRules.nameKindBytes.hasOtherKeys)
        #expect(!PathRules.extensionKindBytes.hasOtherKeys)
        #expect(!PathRules.docsNameBytes.hasOtherKeys)
    }
}
