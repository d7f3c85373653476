import Analysis
import Support

/// Report documents from analysis results: the retrospective and the weekly report.
package enum ReportBuilders {
    /// A ratio in a table cell; "too few" where a side has fewer than 5 tasks (the table's note says so).
    static func ratio(_ value: Double?) -> String { value.map { Format.fixed($0, 2) } ?? "too few" }

    /// A check's ratio (adjusted, size-matched, within-person): "too few" only where a side has fewer
    /// than 5 tasks; with enough on both, "n/a" (the check cannot be made: AI and person cannot be
    /// told apart, or no bucket or person has both kinds).
    static func check(_ value: Double?, _ group: GroupFigures) -> String {
        if let value { return Format.fixed(value, 2) }
        return group.nAI >= Speedup.minimumTasks && group.nHuman >= Speedup.minimumTasks ? "n/a" : "too few"
    }
    static func percent(_ value: Double?) -> String { value.map { Format.fixed($0 * 100, 0) + "%" } ?? "-" }
    static func interval(_ low: Double?, _ high: Double?) -> String {
        guard let low, let high else { return "-" }
        return Format.fixed(low, 2) + "–" + Format.fixed(high, 2)
    }

    /// The coverage sentence and the per-person table, when the command supplied them.
    static func team(coverage: Coverage?, people: [PersonFigures]?, into document: inout ReportDocument) {
        if let coverage, coverage.developers > 0 {
            document.blocks.append(
                .paragraph(
                    "Coverage: session logs of \(coverage.developersWithSessionLogs) of \(coverage.developers) "
                        + (coverage.developers == 1 ? "developer " : "developers ")
                        + "who finished tasks here"
                        + (coverage.team ? " (merged machines included)." : " (this machine's logs; --team adds merged ones).")
                        + (coverage.developersWithSessionLogs < coverage.developers
                            ? " AI attribution rests on commit markers alone for the others." : "")))
        }
        if let people {
            document.blocks.append(.heading("Per person"))
            document.blocks.append(
                .table(
                    ReportDocument.Table(
                        name: "people",
                        columns: [("person", .left), ("tasks", .right), ("AI tasks", .right), ("effort", .right), ("AI share of lines", .right)],
                        rows: people.map {
                            [$0.person, "\($0.tasks)", "\($0.aiTasks)", Format.fixed($0.effortHours, 1) + " h", percent($0.aiShareOfLines)]
                        }, priority: ["person", "tasks", "AI tasks", "AI share of lines"])))
        }
    }

    package static func retro(_ retro: Retro, scope: String) -> ReportDocument {
        var document = ReportDocument(
            title: "Retrospective: \(scope)",
            subtitle: retro.counts.tasks == 0
                ? "No finished task in this scope"
                    + (retro.counts.bots > 0 ? " (\(retro.counts.bots) by bots, left out)." : ".")
                    + " Ingest a repository ('multiplier ingest git PATH') or widen --since/--until."
                : "\(retro.counts.tasks) tasks (\(retro.counts.ai) AI-assisted, \(retro.counts.human) without AI, "
                    + "\(retro.counts.bots) by bots and left out). Ratio = AI effort / human effort; below 1 AI was faster.")
        team(coverage: retro.coverage, people: retro.people, into: &document)
        document.blocks.append(.heading("Reading"))
        document.blocks.append(.list(retro.reading))
        document.blocks.append(.heading("Speedup per category"))
        func rows(_ groups: [GroupFigures], label: (GroupFigures) -> String) -> [[String]] {
            groups.map { group in
                [
                    label(group), group.zone, "\(group.nAI)", "\(group.nHuman)", ratio(group.ratio),
                    interval(group.ratioLow, group.ratioHigh), percent(group.timeSaved), check(group.adjustedRatio, group),
                    check(group.sizeMatchedRatio, group), check(group.withinPersonRatio, group),
                    percent(group.reworkShareAI), percent(group.reworkShareHuman), percent(group.churnAI),
                    percent(group.churnHuman),
                ]
            }
        }
        let columns: [(String, ReportDocument.Table.Alignment)] = [
            ("category", .left), ("zone", .left), ("AI", .right), ("human", .right), ("ratio", .right),
            ("95% interval", .right), ("time saved", .right), ("adjusted", .right), ("size-matched", .right),
            ("within-person", .right),
            ("rework AI", .right),
            ("rework human", .right), ("churn AI", .right), ("churn human", .right),
        ]
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "categories", columns: columns, rows: rows(retro.categories) { $0.category ?? "" },
                    note: "AI and human are task counts; 'too few': fewer than 5 of either, so no ratio. The ratio is AI over human effort (geometric means); 'adjusted' is the ratio adjusted for size (files touched) and person, a check; 'n/a': enough tasks, but the check cannot be made (AI and person cannot be told apart, or no size bucket or person has both kinds; the Reading says which).",
                    priority: ["category", "ratio", "95% interval", "time saved", "AI", "human", "zone", "adjusted", "size-matched", "within-person"])))
        let points = retro.categories.compactMap { group -> ReportDocument.IntervalPoint? in
            guard let value = group.ratio, let low = group.ratioLow, let high = group.ratioHigh else { return nil }
            return ReportDocument.IntervalPoint(label: group.category ?? "", value: value, low: low, high: high)
        }
        if !points.isEmpty {
            document.blocks.append(
                .chart(
                    ReportDocument.Chart(
                        title: "Effort ratio per category, with 95% intervals", kind: .intervals(points, reference: 1),
                        axis: "AI effort / human effort (1 = no change, below 1 = AI faster)")))
        }
        document.blocks.append(.heading("Zones and the end-to-end effect"))
        var zoneColumns = columns
        zoneColumns[0] = ("zone", .left)
        zoneColumns.remove(at: 1)
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "zones", columns: zoneColumns,
                    rows: rows(retro.zones) { $0.zone }.map { row in var row = row; row.remove(at: 1); return row },
                    priority: ["zone", "ratio", "95% interval", "time saved", "AI", "human", "adjusted", "size-matched", "within-person"])))
        if retro.zones.contains(where: { $0.effortHoursAI > 0 || $0.effortHoursHuman > 0 }) {
            document.blocks.append(
                .chart(
                    ReportDocument.Chart(
                        title: "Zone mix: share of effort by zone", kind: .shares(
                            labels: ["AI-assisted", "without AI"], parts: retro.zones.map(\.zone),
                            values: [retro.zones.map(\.effortHoursAI), retro.zones.map(\.effortHoursHuman)]),
                        axis: "share of the group's effort hours (%)")))
        }
        let end = retro.endToEnd
        document.blocks.append(
            .paragraph(
                end.ratio.map {
                    "End to end, weighted by each category's share of human-equivalent effort: ratio \(Format.fixed($0, 2))"
                        + (end.ratioLow != nil && end.ratioHigh != nil ? " (95% interval \(interval(end.ratioLow, end.ratioHigh)))" : "")
                        + (end.timeSaved.map { ", time saved \(percent($0))" } ?? "")
                        + ", over \(end.categories.joined(separator: ", "))."
                        + (end.adjustedRatio.map {
                            " As a check, the same sum of the ratios adjusted for task size and person: \(Format.fixed($0, 2))"
                                + (end.adjustedRatioLow != nil && end.adjustedRatioHigh != nil
                                    ? " (\(interval(end.adjustedRatioLow, end.adjustedRatioHigh)))." : ".")
                        } ?? "")
                } ?? "End to end: not enough data (no category has 5 AI and 5 human tasks)."))
        // Always there, if empty ("(none)"): a script reading the CSV folder's weeks.csv finds it for any period.
        document.blocks.append(.heading("Week by week"))
        // A line needs two weeks; the table shows one as well (a retro of a single week).
        if retro.weeks.count > 1 {
            document.blocks.append(
                .chart(
                    ReportDocument.Chart(
                        title: "Tasks finished per week",
                        kind: .lines(
                            labels: weekLabels(retro.weeks.map(\.week)),
                            series: [
                                ReportDocument.Series(name: "all tasks", values: retro.weeks.map { Double($0.tasks) }),
                                ReportDocument.Series(name: "AI-assisted", values: retro.weeks.map { Double($0.aiTasks) }),
                            ]), axis: "tasks finished", xAxis: weekAxis(retro.weeks.map(\.week)))))
        }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "weeks",
                    columns: [
                        ("week", .left), ("tasks", .right), ("AI tasks", .right), ("effort", .right),
                        ("AI share of lines", .right), ("hours saved", .right),
                    ],
                    rows: retro.weeks.map {
                        [
                            $0.week, "\($0.tasks)", "\($0.aiTasks)", Format.fixed($0.effortHours, 1) + " h",
                            // `Self`: the review table's `hours` below says "-" for no figure, this one "no ratio".
                            percent($0.aiShareOfLines), Self.hours($0.hoursSaved),
                        ]
                    }, note: weekNote(retro.weeks, pricedBy: "this report's period"))))
        document.blocks.append(.heading("Review overhead"))
        let review = retro.review
        func hours(_ value: Double?) -> String { value.map { Format.fixed($0, 1) + " h" } ?? "-" }
        let reviewRows = [
            [
                "rework + review share of effort", review.reviewerHoursAI == nil ? "unknown" : percent(review.reworkShareAI),
                review.reviewerHoursHuman == nil ? "unknown" : percent(review.reworkShareHuman),
            ],
            ["reviewer hours", review.reviewerHoursAI.map(hours) ?? "unknown", review.reviewerHoursHuman.map(hours) ?? "unknown"],
            ["pull requests", "\(review.pullRequestsAI)", "\(review.pullRequestsHuman)"],
            ["mean review rounds", review.meanReviewRoundsAI.map { Format.fixed($0, 1) } ?? "-", review.meanReviewRoundsHuman.map { Format.fixed($0, 1) } ?? "-"],
            ["median wait for a first review", hours(review.medianFirstReviewWaitHoursAI), hours(review.medianFirstReviewWaitHoursHuman)],
            ["median wait to merge", hours(review.medianMergeWaitHoursAI), hours(review.medianMergeWaitHoursHuman)],
        ]
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "review", columns: [("figure", .left), ("AI", .right), ("human", .right)], rows: reviewRows,
                    note: "Waiting is calendar time, reported beside effort and not added to it"
                        + (reviewRows.joined().contains("-") ? "; '-': no task to measure it on" : "")
                        + (reviewRows.joined().contains("unknown")
                            ? "; 'unknown': the pull requests' exports have no reviews (see Assumptions)" : "") + ".")))
        document.blocks.append(.heading("Calibration and AI share"))
        let calibration = retro.calibration
        document.blocks.append(
            .paragraph(
                calibration.spearman.map {
                    "The git estimator against measured session time on \(calibration.n) AI tasks: Spearman \(Format.fixed($0, 2))"
                        + (calibration.medianRatio.map { ", median estimate / measured \(Format.fixed($0, 2))." } ?? ".")
                } ?? "Calibration: not enough AI tasks with measured session time (\(calibration.n))."))
        document.blocks.append(
            .paragraph(
                retro.aiShare.share.map {
                    "AI-assisted lines: \(retro.aiShare.aiLinesAdded) of \(retro.aiShare.linesAdded) lines added (\(percent($0)))."
                } ?? "AI share of lines: no lines added in this scope."))
        if let surviving = retro.aiShare.surviving {
            document.blocks.append(
                .paragraph(
                    surviving.share.map {
                        "Lines at the end of \(surviving.range) that the release wrote (git blame): \(surviving.aiLines) of "
                            + "\(surviving.lines) by AI-assisted work (\(percent($0)))."
                    } ?? "Lines at the end of \(surviving.range) that the release wrote (git blame): none in this scope."))
        }
        document.blocks.append(.heading("Low-confidence tasks worth labelling"))
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "low-confidence",
                    columns: [("id", .left), ("category", .left), ("confidence", .right), ("AI", .left), ("title", .left)],
                    rows: retro.lowConfidence.map {
                        [$0.id, $0.category, Format.fixed($0.confidence, 2), $0.ai ? "yes" : "no", $0.title]
                    },
                    note: "multiplier label TASK CATEGORY corrects one; labels survive every rebuild.",
                    priority: ["id", "category", "title", "confidence", "AI"], flexible: "title")))
        if let checks = retro.reviewChecks {
            document.blocks.append(.heading("Review checks: where they fire, and whether they pay"))
            document.blocks.append(
                .table(
                    ReportDocument.Table(
                        name: "review-checks",
                        columns: [
                            // Counts in columns of their own: CSV gives numbers a spreadsheet adds up, not "17 of 42".
                            ("check", .left), ("AI tasks flagged", .right), ("AI tasks", .right), ("human tasks flagged", .right),
                            ("human tasks", .right), ("rework, flagged AI", .right), ("rework, other AI", .right),
                            ("churn, flagged AI", .right), ("churn, other AI", .right),
                        ],
                        rows: checks.map { figures in
                            [
                                figures.check, "\(figures.aiFlagged)", "\(figures.aiTasks)", "\(figures.humanFlagged)",
                                "\(figures.humanTasks)",
                                percent(figures.reworkShareFlaggedAI), percent(figures.reworkShareOtherAI),
                                percent(figures.churnShareFlaggedAI), percent(figures.churnShareOtherAI),
                            ]
                        },
                        note: "A check pays when the AI tasks it flags show more rework or churn afterwards than the rest. "
                            + "Over-engineering includes the churn rule itself, so its churn column is not independent.")))
        }
        document.blocks.append(.heading("Assumptions"))
        document.blocks.append(.list(retro.assumptions))
        return document
    }

    package static func weekly(_ weekly: Weekly) -> ReportDocument {
        var document = ReportDocument(title: "Week \(weekly.week)", subtitle: weeklySummary(weekly))
        team(coverage: weekly.coverage, people: weekly.people, into: &document)
        document.blocks.append(.paragraph(weekly.evidence.sentence))
        document.blocks.append(.heading("Review overhead this week"))
        document.blocks.append(
            .paragraph(
                reviewSentence(
                    ai: weekly.reworkShareAI, human: weekly.reworkShareHuman, aiTasks: weekly.summary.aiTasks,
                    humanTasks: weekly.summary.tasks - weekly.summary.aiTasks)))
        document.blocks.append(.heading("Four-week trend"))
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "trend",
                    columns: [
                        ("week", .left), ("tasks", .right), ("AI tasks", .right), ("effort", .right),
                        ("AI share of lines", .right), ("hours saved", .right),
                    ],
                    rows: weekly.trend.map {
                        [
                            $0.week, "\($0.tasks)", "\($0.aiTasks)", Format.fixed($0.effortHours, 1) + " h",
                            percent($0.aiShareOfLines), hours($0.hoursSaved),
                        ]
                    }, note: weekNote(weekly.trend, pricedBy: "the whole history"))))
        document.blocks.append(
            .chart(
                ReportDocument.Chart(
                    title: "Tasks finished per week",
                    kind: .lines(
                        labels: weekLabels(weekly.trend.map(\.week)),
                        series: [
                            ReportDocument.Series(name: "all tasks", values: weekly.trend.map { Double($0.tasks) }),
                            ReportDocument.Series(name: "AI-assisted", values: weekly.trend.map { Double($0.aiTasks) }),
                        ]), axis: "tasks finished", xAxis: weekAxis(weekly.trend.map(\.week)))))
        document.blocks.append(
            .chart(
                ReportDocument.Chart(
                    title: "Hours saved per week",
                    kind: .lines(
                        labels: weekLabels(weekly.trend.map(\.week)),
                        series: [ReportDocument.Series(name: "hours saved", values: weekly.trend.map(\.hoursSaved))]),
                    axis: "hours saved (h)", xAxis: weekAxis(weekly.trend.map(\.week)))))
        document.blocks.append(.heading("Notable"))
        if weekly.notable.isEmpty {
            document.blocks.append(.paragraph("Nothing notable: no AI-assisted task and no review wait this week."))
        } else {
            document.blocks.append(.list(weekly.notable.map { "\($0.what): \($0.title) (\($0.id)), \($0.detail)" }))
        }
        document.blocks.append(.heading("Tasks"))
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "tasks",
                    columns: [("id", .left), ("category", .left), ("AI", .left), ("effort", .right), ("rework", .right), ("title", .left)],
                    rows: weekly.tasks.map {
                        [$0.id, $0.category, $0.ai ? "yes" : "no", Format.fixed($0.effortHours, 1) + " h", Format.fixed($0.reworkHours, 1) + " h", $0.title]
                    }, priority: ["id", "category", "AI", "title", "effort", "rework"], flexible: "title")))
        if let reviewFirst = weekly.reviewFirst {
            document.blocks.append(.heading("Review these first"))
            document.blocks.append(
                reviewFirst.isEmpty
                    ? .paragraph("No finding on this week's AI-assisted tasks.")
                    : .list(
                        reviewFirst.map { "\($0.key) \($0.title) (\($0.id), risk \(Format.fixed($0.risk, 1))): \($0.reasons.joined(separator: "; "))" }))
        }
        document.blocks.append(.heading("Assumptions"))
        document.blocks.append(.list(weekly.assumptions))
        return document
    }

    /// The week in one sentence; each figure that does not exist is said in words.
    static func weeklySummary(_ weekly: Weekly) -> String {
        let summary = weekly.summary
        let span = "\(weekly.from.prefix(10)) to \(weekly.to.prefix(10))"
        guard summary.tasks > 0 else { return span + ": no task finished this week." }
        var parts = [
            "\(summary.tasks) task\(summary.tasks == 1 ? "" : "s") finished",
            summary.aiTasks == 0 ? "no AI-assisted task" : "\(summary.aiTasks) AI-assisted",
            "\(Format.fixed(summary.effortHours, 1)) h of effort",
            summary.aiShareOfLines.map { "AI share of lines \(percent($0))" } ?? "no lines added",
        ]
        if summary.aiTasks > 0 {
            // No figure: no ratio prices the week's AI tasks (a ratio of exactly 1 prices them at 0 h).
            // Where AI work took longer than human work of its kind, the hours are lost, not saved.
            parts.append(
                summary.hoursSaved.map {
                    $0 < -0.05 ? "about \(Format.fixed(-$0, 1)) h lost (AI work here took longer)" : "about \(Format.fixed(max($0, 0), 1)) h saved"
                } ?? "no hours saved that the history can price")
        }
        return span + ": " + parts.joined(separator: ", ") + "."
    }

    /// A week's hours saved, or "no ratio" when none of its AI-assisted tasks could be priced.
    static func hours(_ saved: Double?) -> String {
        saved.map { Format.fixed($0, 1) + " h" } ?? "no ratio"
    }

    /// What the week-by-week table's words stand for.
    static func weekNote(_ weeks: [Weekly.WeekFigures], pricedBy period: String) -> String? {
        var notes: [String] = []
        if weeks.contains(where: { $0.aiTasks > 0 }) { notes.append("Hours saved are priced with the category ratios of \(period).") }
        if weeks.contains(where: { $0.aiShareOfLines == nil }) { notes.append("'-': no lines added that week.") }
        if weeks.contains(where: { $0.hoursSaved == nil }) {
            notes.append("'no ratio': the week's AI-assisted tasks are all of categories without a ratio, so no hours saved can be priced.")
        }
        if weeks.contains(where: { ($0.hoursSaved ?? 0) < -0.05 }) {
            notes.append("A negative figure is hours lost: that week's AI-assisted work took longer than the ratios price human work of its kind.")
        }
        return notes.isEmpty ? nil : notes.joined(separator: " ")
    }

    /// "ISO week of 2026", or "ISO week, 2025–2026" across a new year.
    /// A chart's labels for ISO weeks (`2026-W05`): `W05`, or `26-W05` when the weeks span years
    /// (two `W01`s would be two weeks under one name).
    static func weekLabels(_ weeks: [String]) -> [String] {
        let years = Set(weeks.map { $0.prefix(4) })
        return weeks.map { years.count > 1 ? String($0.dropFirst(2)) : String($0.suffix(3)) }
    }

    static func weekAxis(_ weeks: [String]) -> String {
        let years = Set(weeks.map { $0.prefix(4) }).sorted()
        guard let first = years.first, let last = years.last else { return "ISO week" }
        return first == last ? "ISO week of \(first)" : "ISO week, \(first)–\(last)"
    }

    /// Rework and review shares as a sentence that reads well when a side had no task, and says
    /// when a side has too few tasks for the two to be compared.
    static func reviewSentence(ai: Double?, human: Double?, aiTasks: Int, humanTasks: Int) -> String {
        // A side with tasks and no share: no effort, or pull requests whose exports have no reviews.
        let unmeasured = "not measurable (no effort, or pull-request exports without reviews: see Assumptions)"
        switch (ai, human) {
        case let (ai?, human?):
            let thin = min(aiTasks, humanTasks) < Speedup.minimumTasks
                ? " (\(aiTasks) and \(humanTasks) tasks: too few on a side to read as a difference)" : ""
            return "Rework and review took \(percent(ai)) of AI-assisted effort and \(percent(human)) of human effort\(thin)."
        case let (ai?, nil):
            return "Rework and review took \(percent(ai)) of AI-assisted effort; "
                + (humanTasks > 0 ? "of human effort \(unmeasured)." : "no task without AI this week.")
        case let (nil, human?):
            return (aiTasks > 0 ? "Of AI-assisted effort \(unmeasured); r" : "No AI-assisted task this week; r")
                + "ework and review took \(percent(human)) of human effort."
        case (nil, nil):
            return aiTasks + humanTasks > 0
                ? "Rework and review: \(unmeasured) this week." : "No task with effort this week, so no rework or review to measure."
        }
    }
}
