import Testing
@testable import Rendering

@Suite("Report renderers")
struct RenderingTests {
    static let hostile = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> & 'quoted' | *bold* #1"

    static let document = ReportDocument(
        title: "Retro " + hostile, subtitle: hostile,
        blocks: [
            .heading("Heading " + hostile), .paragraph(hostile), .list([hostile, "plain"]),
            .table(
                ReportDocument.Table(
                    name: "categories", columns: [("name", .left), ("ratio", .right)],
                    rows: [[hostile, "0.50"], ["crud", "1.00"]], note: hostile)),
            .chart(
                ReportDocument.Chart(
                    title: "chart " + hostile,
                    kind: .intervals(
                        [
                            ReportDocument.IntervalPoint(label: hostile, value: 0.5, low: 0.3, high: 0.8),
                            ReportDocument.IntervalPoint(label: "nan", value: .nan, low: 0, high: 1),
                        ], reference: 1), axis: hostile)),
            .chart(
                ReportDocument.Chart(
                    title: "trend", kind: .lines(labels: ["W1", "W2"], series: [ReportDocument.Series(name: hostile, values: [1, nil])]),
                    axis: "per week")),
            .table(ReportDocument.Table(name: "empty", columns: [("a", .left)], rows: [])),
        ])

    @Test("every text in the HTML is escaped; no script, no external reference")
    func html() {
        let html = HTMLRenderer.render(Self.document)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &#39;quoted&#39;"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"") && !html.contains("href="))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg role=\"img\""))
        #expect(!html.contains("nan") || !html.contains("cx=\"nan\""))
    }

    @Test("Markdown escapes markup and pipes so tables stay tables")
    func markdown() {
        let markdown = MarkdownRenderer.render(Self.document)
        #expect(markdown.contains("| name | ratio |\n|---|---:|\n"))
        #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>"))
        #expect(markdown.contains("\\| \\*bold\\* \\#1"))
        #expect(markdown.contains("_(none)_"))
    }

    @Test("CSV quotes what needs quoting; tables are found by name")
    func csv() throws {
        let table = try #require(CSVRenderer.table(Self.document, named: "categories"))
        let text = CSVRenderer.render(table)
        #expect(text.hasPrefix("name,ratio\n\"<script>"))
        #expect(text.contains("\"\"><img"))
        #expect(CSVRenderer.table(Self.document, named: "nope") == nil)
    }

    @Test("text output wraps paragraphs and fits tables to the width", arguments: [60, 120])
    func text(width: Int) {
        let text = TextRenderer.render(Self.document, width: width)
        for line in text.split(separator: "\n") where !line.contains("  ") {
            #expect(line.count <= width, "\(line)")
        }
        #expect(text.contains("(none)"))
        #expect(text.contains("o"))
    }

    @Test("the same document renders byte-identically")
    func deterministic() {
        #expect(HTMLRenderer.render(Self.document) == HTMLRenderer.render(Self.document))
        #expect(TextRenderer.render(Self.document, width: 80) == TextRenderer.render(Self.document, width: 80))
    }
}
