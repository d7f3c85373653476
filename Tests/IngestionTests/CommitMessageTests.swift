import Ingestion
import Model
import Testing

@Suite("Subject, body and trailers of a raw message")
struct CommitMessageTests {
    @Test("the subject is the first paragraph joined, as git's %s")
    func subject() {
        let message = CommitMessage("Line one\nline two\r\n\r\nBody text\r\n")
        #expect(message.subject == "Line one line two")
        #expect(message.body == "Body text")
    }

    @Test("a last paragraph of Key: value lines is the trailer block, with continuations")
    func trailers() {
        let message = CommitMessage(
            "Subject\n\nBody.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nReviewed-by: Bob\n  continued\n(cherry picked from commit abc)\n")
        #expect(
            message.trailers == [
                Trailer(key: "Co-Authored-By", value: "Claude <noreply@anthropic.com>"),
                Trailer(key: "Reviewed-by", value: "Bob continued"),
            ])
    }

    @Test("a last paragraph of prose has no trailers", arguments: [
        "Subject\n\nThis: is prose\nand more prose\n", "Subject only\n", "",
    ])
    func noTrailers(raw: String) {
        #expect(CommitMessage(raw).trailers.isEmpty)
    }
}
