import Support
import Testing

@Suite("UTC ISO 8601 timestamps")
struct TimestampTests {
    @Test("instants format as UTC with a Z", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (Int64(1_767_607_200), "2026-01-05T10:00:00Z"),
        (Int64(951_782_400), "2000-02-29T00:00:00Z"),
    ])
    func format(seconds: Int64, text: String) {
        #expect(Timestamp.iso8601(seconds) == text)
    }
}
