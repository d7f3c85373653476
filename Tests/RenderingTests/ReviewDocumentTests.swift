import Model
import Review
import Testing

@testable import Rendering

@Suite("The review report's document")
struct ReviewDocumentTests {
    /// Evidence comes from the reviewed code: hostile text and secrets.
    static let report: ReviewReport = {
        let diff = CommitDiff(
            hash: "0123456789abcdef",
            files: [
                CommitDiff.File(
                    path: "web/<x>.py",
                    added: [
                        CommitDiff.Line(number: 3, text: #"cur.execute(f"SELECT a FROM t WHERE b = '{b}'") # <script>alert(1)</script>"#),
                        CommitDiff.Line(number: 4, text: #"KEY = "AKIAIOSFODNN7EXAMPLE""#),
                    ])
            ])
        let unit = ReviewUnit(
            id: "abc123def456", key: "SHOP-1", title: "a <b>title</b>", repository: "/r", author: "a@x", ai: true,
            category: .security, end: 0, diffs: [diff])
        return Reviewer.review([unit], contexts: [:], scope: "test")
    }()

    @Test("ranked tasks, then each finding with place, reason and evidence; HTML escapes the code; no secret is printed")
    func document() throws {
        let document = ReportBuilders.review(Self.report)
        #expect(document.title == "Review these first")
        #expect(document.tables.map(\.name) == ["tasks", "findings"])
        let findings = try #require(document.tables.last)
        #expect(findings.rows.map { $0[3] } == ["weak-category", "sql-interpolation", "secret-literal"])
        #expect(findings.rows[1][4] == "0123456789" && findings.rows[1][5] == "web/<x>.py" && findings.rows[1][6] == "3")
        let text = TextRenderer.render(document, width: 200)
        #expect(text.contains("web/<x>.py:3") && !text.contains("AKIAIOSFODNN7EXAMPLE"))
        let html = HTMLRenderer.render(document)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;") && !html.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(!MarkdownRenderer.render(document).contains("AKIAIOSFODNN7EXAMPLE"))
    }

    @Test("nothing found: one sentence, no empty tables and no risk legend; CSV keeps the tables' headers")
    func empty() throws {
        for (report, sentence) in [
            (ReviewReport(scope: "test", reviewed: 3, aiReviewed: 2, items: []), "Nothing to review first: no finding in the 3 tasks read."),
            (ReviewReport(scope: "test", reviewed: 0, aiReviewed: 0, items: []), "Nothing to review: no task read."),
        ] {
            let document = ReportBuilders.review(report)
            let text = TextRenderer.render(document, width: 100)
            #expect(text == "Review these first\n==================\ntest: \(report.reviewed) read (\(report.aiReviewed) AI-assisted), 0 with findings.\n\(sentence)\n")
            let markdown = MarkdownRenderer.render(document)
            #expect(markdown.hasSuffix("with findings.\n\(sentence)\n\n") && !markdown.contains("(none)"), "\(markdown)")
            let html = HTMLRenderer.render(document)
            #expect(html.contains("<p>\(sentence)</p>") && !html.contains("(none)") && !html.contains("Risk:"))
            #expect(document.tables.map { CSVRenderer.render($0) } == ["rank,id,key,risk,AI,category,checks,title\n", "id,key,check,rule,commit,file,line,evidence,reason\n"])
        }
    }
}
