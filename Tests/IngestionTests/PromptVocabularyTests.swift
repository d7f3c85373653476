import Model
import Testing

@Suite("What is kept of a prompt by default")
struct PromptVocabularyTests {
    @Test("only vocabulary words are kept, counted, whatever the case and punctuation")
    func words() {
        let counts = PromptVocabulary.words(in: "Add a REST endpoint; then migrate the schema. My secret plan: endpoint!")
        #expect(counts == ["rest": 1, "endpoint": 2, "migrate": 1, "schema": 1, "secret": 1])
        #expect(PromptVocabulary.words(in: "hello alice, call 555-1234").isEmpty)
    }
}
