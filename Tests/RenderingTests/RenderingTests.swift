@testable import Analysis
import Model
import Support
import Testing
@testable import Rendering

@Suite("Report renderers")
struct RenderingTests {
    @Test("a week whose AI work took longer than its kind's human work says hours lost, not negative hours saved")
    func hoursLost() throws {
        let week = try #require(ISOWeek("2026-W47"))
        func task(_ id: String, ai: Bool, effort: Double, end: Int64) -> WorkTask {
            WorkTask(
                id: id, repository: "/r", key: id, kind: .burst, title: "t \(id)", author: "a", branch: nil, commits: [],
                category: .crud, confidence: 0.9, ai: ai, effortHours: effort, reworkHours: 0, activeSeconds: 0,
                start: end - 3600, end: end, linesAdded: 10, filesTouched: 1, aiLinesAdded: 0)
        }
        let tasks = (0..<6).map { task("h\($0)", ai: false, effort: 2, end: week.start - 86_400) }
            + (0..<6).map { task("a\($0)", ai: true, effort: 4, end: week.start + 3600) }
        let summary = ReportBuilders.weeklySummary(RetroAnalysis().weekly(tasks, week: week))
        #expect(summary.contains("about 12.0 h lost (AI work here took longer)"), "\(summary)")
        #expect(!summary.contains("-12"))
    }

    @Test("rework and review shares of one task a side say they are too few to compare")
    func thinReviewShares() {
        let thin = ReportBuilders.reviewSentence(ai: 0.21, human: 0.1, aiTasks: 1, humanTasks: 1)
        #expect(thin.contains("(1 and 1 tasks: too few on a side to read as a difference)"), "\(thin)")
        let enough = ReportBuilders.reviewSentence(ai: 0.21, human: 0.1, aiTasks: 6, humanTasks: 9)
        #expect(!enough.contains("too few"))
    }

    @Test("a terminal's escape sequence in a commit subject reaches no report; an entity in Markdown stays text")
    func controlCharactersAndEntities() {
        let subject = "fix \u{1B}[31mred\u{1B}[0m & lock &amp; key"
        let markdown = MarkdownRenderer.inline(subject)
        #expect(!markdown.contains("\u{1B}") && markdown.contains("\u{FFFD}\\[31mred"))
        #expect(markdown.contains("\\&amp;"))
        #expect(!HTML.escape(subject).contains("\u{1B}"))
        #expect(!CSV.field(subject).contains("\u{1B}"))
        #expect(CSV.field("a\nb") == "\"a\nb\"")
    }

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

    @Test("CSV gives hours and percentages as numbers with the unit in the header; words and other figures stay")
    func csvNumbers() {
        let table = ReportDocument.Table(
            name: "t", columns: [("week", .left), ("effort", .right), ("share", .right), ("P50 hours", .right), ("interval", .right)],
            rows: [["W01", "4.5 h", "24%", "211 h", "0.35–0.63"], ["W02", "-", "-", "-12 h", "-"], ["W03", "no ratio", "100%", "0 h", "1.0–2.0"]])
        #expect(
            CSVRenderer.render(table)
                == "week,effort (h),share (%),P50 hours,interval\nW01,4.5,24,211,0.35–0.63\nW02,-,-,-12,-\nW03,no ratio,100,0,1.0–2.0\n")
    }

    @Test("CSV of a table of one figure a row (the retro's review table) names each row's unit after its label")
    func csvNumbersByRow() {
        let table = ReportDocument.Table(
            name: "review", columns: [("figure", .left), ("AI", .right), ("human", .right)],
            rows: [
                ["rework + review share of effort", "14%", "unknown"], ["reviewer hours", "3.5 h", "0.0 h"],
                ["pull requests", "4", "6"], ["median wait to merge", "-", "12.0 h"],
            ])
        #expect(
            CSVRenderer.render(table)
                == "figure,AI,human\nrework + review share of effort (%),14,unknown\nreviewer hours,3.5,0.0\npull requests,4,6\n"
                + "median wait to merge (h),-,12.0\n")
    }

    @Test("text output wraps paragraphs and fits tables to the width", arguments: [40, 60, 120])
    func text(width: Int) {
        let text = TextRenderer.render(Self.document, width: width)
        for line in text.split(separator: "\n") {
            #expect(line.count <= width, "\(line)")
        }
        #expect(text.contains("(none)"))
        #expect(text.contains("o"))
    }

    static let wide = ReportDocument(
        title: "Wide", subtitle: "a table wider than a terminal",
        blocks: [
            .paragraph("A path longer than any line: /home/someone/projects/" + String(repeating: "nested/", count: 20) + "file.swift"),
            .table(
                ReportDocument.Table(
                    name: "categories",
                    columns: [("category", .left), ("zone", .left), ("ratio", .right), ("95% interval", .right),
                              ("rework AI", .right), ("rework human", .right), ("churn AI", .right), ("churn human", .right)],
                    rows: [["distributed-state", "weak", "1.05", "0.78–1.45", "15%", "3%", "55%", "42%"]],
                    priority: ["category", "ratio", "95% interval"])),
        ])

    @Test("a table too wide for the terminal keeps its important columns and names the others")
    func narrowTable() {
        let text = TextRenderer.render(Self.wide, width: 50)
        for line in text.split(separator: "\n") { #expect(line.count <= 50, "\(line)") }
        #expect(text.contains("category           zone  ratio  95% interval"))
        #expect(text.contains("Not shown at this width: rework AI, rework human,"))
        #expect(text.contains("has every column)."))
        #expect(TextRenderer.render(Self.wide, width: 120).contains("churn human") == true)
        #expect(!TextRenderer.render(Self.wide, width: 120).contains("Not shown"))
    }

    @Test("each chart in the HTML carries its figures as a table in a details element; print and CSP styles stay")
    func chartData() {
        let html = HTMLRenderer.render(Self.document)
        #expect(html.components(separatedBy: "<details><summary>Data of this chart</summary><table>").count == 3)
        #expect(html.contains("<td class=\"r\">0.50</td><td class=\"r\">0.30</td><td class=\"r\">0.80</td>"))
        #expect(html.contains("@media print{"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
    }

    @Test("line charts: round ticks, both axes titled, each series dashed its own way and named beside its line")
    func lineChart() {
        let chart = ReportDocument.Chart(
            title: "done", kind: .lines(
                labels: ["10", "11", "12"],
                series: [
                    ReportDocument.Series(name: "with AI", values: [10, 60, 100], labelAt: 1),
                    ReportDocument.Series(name: "all human", values: [0, 40, 100], labelAt: 1),
                ]), axis: "probability (%)", xAxis: "working days")
        let svg = SVGChart.render(chart)
        for tick in [">0<", ">25<", ">50<", ">75<", ">100<"] { #expect(svg.contains(tick), "\(tick)") }
        #expect(svg.contains(">probability (%)</text>") && svg.contains(">working days</text>"))
        #expect(svg.contains("class=\"series d0\"") && svg.contains("class=\"series d1\""))
        #expect(svg.contains("class=\"direct s0\">with AI</text>") && svg.contains("class=\"direct s1\">all human</text>"))
        #expect(SVGChart.ticks(0.9) == (0.25, 1) && SVGChart.ticks(41) == (20, 60) && SVGChart.ticks(100) == (25, 100))
    }

    @Test("the same document renders byte-identically")
    func deterministic() {
        #expect(HTMLRenderer.render(Self.document) == HTMLRenderer.render(Self.document))
        #expect(TextRenderer.render(Self.document, width: 80) == TextRenderer.render(Self.document, width: 80))
    }

    @Test("week labels name the year when the weeks span two")
    func weekLabels() {
        #expect(ReportBuilders.weekLabels(["2026-W04", "2026-W05"]) == ["W04", "W05"])
        #expect(ReportBuilders.weekLabels(["2025-W52", "2026-W01"]) == ["25-W52", "26-W01"])
    }

    @Test("a week whose hours saved are negative is told apart as hours lost")
    func negativeHoursSaved() {
        let lost = Weekly.WeekFigures(week: "2026-W05", tasks: 4, aiTasks: 2, effortHours: 10, aiShareOfLines: 0.5, hoursSaved: -3)
        let saved = Weekly.WeekFigures(week: "2026-W06", tasks: 4, aiTasks: 2, effortHours: 10, aiShareOfLines: 0.5, hoursSaved: 2)
        #expect(ReportBuilders.weekNote([lost, saved], pricedBy: "the whole history")?.contains("hours lost") == true)
        #expect(ReportBuilders.weekNote([saved], pricedBy: "the whole history")?.contains("hours lost") == false)
    }

    @Test("reviewer time no export measured reads 'unknown', with a legend, not 0.0 h")
    func unknownReviewerTime() {
        let tasks = (0..<12).map { index in
            var task = WorkTask(
                id: String(format: "%012x", index), repository: "/r", key: "K-\(index)", kind: .issue, title: "t", author: "a@x",
                branch: nil, commits: [], category: .crud, ai: index % 2 == 0, effortHours: 2, start: Int64(index) * 3600,
                end: Int64(index) * 3600 + 60)
            task.pullRequest = index + 1
            return task
        }
        let text = TextRenderer.render(ReportBuilders.retro(RetroAnalysis().run(tasks, since: nil, until: nil), scope: "r"), width: 140)
        #expect(text.contains("'unknown': the pull requests' exports"), "\(text)")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("reviewer hours") || $0.hasPrefix("rework + review share") }
        #expect(rows.count == 2 && rows.allSatisfy { $0.hasSuffix("unknown  unknown") }, "\(rows)")
        // Nor does the reading call it a difference.
        #expect(!text.contains("Rework and review took"))
    }

    @Test("a check the retro cannot make with enough tasks on both sides reads 'n/a', not 'too few' (the legend's 'fewer than 5')")
    func checkNotMade() throws {
        // One person did every AI task, another every human one: AI and person cannot be told apart.
        let tasks = (0..<12).map { (index: Int) -> WorkTask in
            let ai = index % 2 == 0
            let start = Int64(index) * 86_400
            return WorkTask(
                id: String(format: "%012x", index), repository: "/r", key: "K-\(index)", kind: .issue, title: "t",
                author: ai ? "a@x" : "b@x", branch: nil, commits: [], category: .crud, ai: ai,
                effortHours: 1 + Double(index % 5), start: start, end: start + 60)
        }
        let retro = RetroAnalysis().run(tasks, since: nil, until: nil)
        let crud = try #require(retro.categories.first { $0.category == "crud" })
        #expect(crud.nAI == 6 && crud.nHuman == 6 && crud.ratio != nil && crud.adjustedRatio == nil)
        let table = try #require(CSVRenderer.table(ReportBuilders.retro(retro, scope: "r"), named: "categories"))
        let header = table.columns
        let row = try #require(table.rows.first { $0.first == "crud" })
        let adjusted = try #require(header.firstIndex(of: "adjusted"))
        #expect(row[adjusted] == "n/a", "\(zip(header, row).map { "\($0)=\($1)" })")
        #expect(table.note?.contains("'n/a'") == true)
    }

    @Test("a retro of one week has its week table; a week no ratio can price reads 'no ratio', as the legend says")
    func oneWeekRetro() {
        // Two AI-assisted tasks in one week (Thursday 1 January 1970): too few for any ratio.
        let tasks = (0..<2).map { index in
            WorkTask(
                id: String(format: "%012x", index), repository: "/r", key: "K-\(index)", kind: .issue, title: "t", author: "a@x",
                branch: nil, commits: [], category: .crud, ai: true, effortHours: 2, start: Int64(index) * 3600,
                end: Int64(index) * 3600 + 60)
        }
        let text = TextRenderer.render(ReportBuilders.retro(RetroAnalysis().run(tasks, since: nil, until: nil), scope: "r"), width: 140)
        #expect(text.contains("Week by week"), "\(text)")
        let row = text.split(separator: "\n").first { $0.hasPrefix("1970-W01") }
        #expect(row?.hasSuffix("no ratio") == true, "\(row ?? "")")
        #expect(text.contains("'no ratio': the week's AI-assisted"))
    }

    @Test("a chart's data table shows a series of counts as counts, and other figures with their decimals")
    func chartDataCounts() throws {
        let chart = ReportDocument.Chart(
            title: "t",
            kind: .lines(
                labels: ["W01", "W02"],
                series: [
                    ReportDocument.Series(name: "tasks", values: [25, 3]), ReportDocument.Series(name: "hours", values: [2.5, 3]),
                ]), axis: "a", xAxis: "week")
        let table = try #require(HTMLRenderer.data(of: chart))
        #expect(table.rows == [["W01", "25", "2.50"], ["W02", "3", "3.00"]])
    }

    @Test("a week's side with tasks but no rework share is unmeasurable, not absent")
    func weeklyUnmeasuredSide() {
        let unknownAI = ReportBuilders.reviewSentence(ai: nil, human: 0.2, aiTasks: 3, humanTasks: 6)
        #expect(unknownAI.hasPrefix("Of AI-assisted effort not measurable") && unknownAI.contains("20% of human effort"), "\(unknownAI)")
        #expect(ReportBuilders.reviewSentence(ai: nil, human: 0.2, aiTasks: 0, humanTasks: 6).hasPrefix("No AI-assisted task this week"))
        #expect(ReportBuilders.reviewSentence(ai: 0.1, human: nil, aiTasks: 3, humanTasks: 2).contains("of human effort not measurable"))
        #expect(ReportBuilders.reviewSentence(ai: nil, human: nil, aiTasks: 1, humanTasks: 1).contains("not measurable"))
    }
}

