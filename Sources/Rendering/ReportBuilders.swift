import Analysis
import Support

/// Report documents from analysis results: the retrospective and the weekly report.
package enum ReportBuilders {
    static func ratio(_ value: Double?) -> String { value.map { Format.fixed($0, 2) } ?? "not enough data" }
    static func percent(_ value: Double?) -> String { value.map { Format.fixed($0 * 100, 0) + "%" } ?? "-" }
    static func interval(_ low: Double?, _ high: Double?) -> String {
        guard let low, let high else { return "-" }
        return Format.fixed(low, 2) + "–" + Format.fixed(high, 2)
    }

    /// The coverage sentence and the per-person table, when the command supplied them.
    static func team(coverage: Coverage?, people: [PersonFigures]?, into document: inout ReportDocument) {
        if let coverage {
            document.blocks.append(
                .paragraph(
                    "Coverage: session logs of \(coverage.developersWithSessionLogs) of \(coverage.developers) developers "
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
                        })))
        }
    }

    package static func retro(_ retro: Retro, scope: String) -> ReportDocument {
        var document = ReportDocument(
            title: "Retrospective: \(scope)",
            subtitle: "\(retro.counts.tasks) tasks (\(retro.counts.ai) AI-assisted, \(retro.counts.human) without AI, "
                + "\(retro.counts.bots) by bots and left out). Ratio = AI effort / human effort; below 1 AI was faster.")
        team(coverage: retro.coverage, people: retro.people, into: &document)
        document.blocks.append(.heading("Reading"))
        document.blocks.append(.list(retro.reading))
        document.blocks.append(.heading("Speedup per category"))
        func rows(_ groups: [GroupFigures], label: (GroupFigures) -> String) -> [[String]] {
            groups.map { group in
                [
                    label(group), group.zone, "\(group.nAI)", "\(group.nHuman)", ratio(group.ratio),
                    interval(group.ratioLow, group.ratioHigh), percent(group.timeSaved), ratio(group.sizeMatchedRatio),
                    percent(group.reworkShareAI), percent(group.reworkShareHuman), percent(group.churnAI),
                    percent(group.churnHuman),
                ]
            }
        }
        let columns: [(String, ReportDocument.Table.Alignment)] = [
            ("category", .left), ("zone", .left), ("AI", .right), ("human", .right), ("ratio", .right),
            ("95% interval", .right), ("time saved", .right), ("size-matched", .right), ("rework AI", .right),
            ("rework human", .right), ("churn AI", .right), ("churn human", .right),
        ]
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "categories", columns: columns, rows: rows(retro.categories) { $0.category ?? "" },
                    note: "AI and human are task counts; 'not enough data' below 5 of either.")))
        let points = retro.categories.compactMap { group -> ReportDocument.IntervalPoint? in
            guard let value = group.ratio, let low = group.ratioLow, let high = group.ratioHigh else { return nil }
            return ReportDocument.IntervalPoint(label: group.category ?? "", value: value, low: low, high: high)
        }
        document.blocks.append(
            .chart(
                ReportDocument.Chart(
                    title: "AI effort / human effort per category", kind: .intervals(points, reference: 1),
                    axis: "ratio of geometric mean effort (1 = no change)")))
        document.blocks.append(.heading("Zones and the end-to-end effect"))
        var zoneColumns = columns
        zoneColumns[0] = ("zone", .left)
        zoneColumns.remove(at: 1)
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "zones", columns: zoneColumns,
                    rows: rows(retro.zones) { $0.zone }.map { row in var row = row; row.remove(at: 1); return row })))
        document.blocks.append(
            .chart(
                ReportDocument.Chart(
                    title: "Zone mix: share of effort by zone", kind: .shares(
                        labels: ["AI-assisted", "without AI"], parts: retro.zones.map(\.zone),
                        values: [retro.zones.map(\.effortHoursAI), retro.zones.map(\.effortHoursHuman)]),
                    axis: "share of effort")))
        let end = retro.endToEnd
        document.blocks.append(
            .paragraph(
                end.ratio.map {
                    "End to end, weighted by each category's share of human-equivalent effort: ratio \(Format.fixed($0, 2)) "
                        + "(95% interval \(interval(end.ratioLow, end.ratioHigh))), time saved \(percent(end.timeSaved)), over "
                        + "\(end.categories.joined(separator: ", "))."
                } ?? "End to end: not enough data (no category has 5 AI and 5 human tasks)."))
        if retro.weeks.count > 1 {
            document.blocks.append(.heading("Week by week"))
            document.blocks.append(
                .chart(
                    ReportDocument.Chart(
                        title: "Tasks finished per week",
                        kind: .lines(
                            labels: retro.weeks.map { String($0.week.suffix(3)) },
                            series: [
                                ReportDocument.Series(name: "all tasks", values: retro.weeks.map { Double($0.tasks) }),
                                ReportDocument.Series(name: "AI-assisted", values: retro.weeks.map { Double($0.aiTasks) }),
                            ]), axis: "tasks")))
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
                                percent($0.aiShareOfLines), Format.fixed($0.hoursSaved, 1) + " h",
                            ]
                        })))
        }
        document.blocks.append(.heading("Review overhead"))
        let review = retro.review
        func hours(_ value: Double?) -> String { value.map { Format.fixed($0, 1) + " h" } ?? "-" }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "review", columns: [("figure", .left), ("AI", .right), ("human", .right)],
                    rows: [
                        ["rework + review share of effort", percent(review.reworkShareAI), percent(review.reworkShareHuman)],
                        ["reviewer hours", hours(review.reviewerHoursAI), hours(review.reviewerHoursHuman)],
                        ["pull requests", "\(review.pullRequestsAI)", "\(review.pullRequestsHuman)"],
                        ["mean review rounds", review.meanReviewRoundsAI.map { Format.fixed($0, 1) } ?? "-", review.meanReviewRoundsHuman.map { Format.fixed($0, 1) } ?? "-"],
                        ["median wait for a first review", hours(review.medianFirstReviewWaitHoursAI), hours(review.medianFirstReviewWaitHoursHuman)],
                        ["median wait to merge", hours(review.medianMergeWaitHoursAI), hours(review.medianMergeWaitHoursHuman)],
                    ],
                    note: "Waiting is calendar time, reported beside effort and not added to it.")))
        document.blocks.append(.heading("Calibration and AI share"))
        let calibration = retro.calibration
        document.blocks.append(
            .paragraph(
                calibration.spearman.map {
                    "The git estimator against measured session time on \(calibration.n) AI tasks: Spearman \(Format.fixed($0, 2)), "
                        + "median estimate / measured \(calibration.medianRatio.map { Format.fixed($0, 2) } ?? "-")."
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
                    note: "multiplier label TASK CATEGORY corrects one; labels survive every rebuild.")))
        if let checks = retro.reviewChecks {
            document.blocks.append(.heading("Review checks: where they fire, and whether they pay"))
            document.blocks.append(
                .table(
                    ReportDocument.Table(
                        name: "review-checks",
                        columns: [
                            ("check", .left), ("AI tasks flagged", .right), ("human tasks flagged", .right),
                            ("rework, flagged AI", .right), ("rework, other AI", .right), ("churn, flagged AI", .right),
                            ("churn, other AI", .right),
                        ],
                        rows: checks.map { figures in
                            [
                                figures.check, "\(figures.aiFlagged) of \(figures.aiTasks)", "\(figures.humanFlagged) of \(figures.humanTasks)",
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
        let summary = weekly.summary
        var document = ReportDocument(
            title: "Week \(weekly.week)",
            subtitle: "\(weekly.from) to \(weekly.to): \(summary.tasks) tasks finished, \(summary.aiTasks) AI-assisted, "
                + "\(Format.fixed(summary.effortHours, 1)) h of effort, AI share of lines \(percent(summary.aiShareOfLines)), "
                + "about \(Format.fixed(summary.hoursSaved, 1)) h saved.")
        team(coverage: weekly.coverage, people: weekly.people, into: &document)
        document.blocks.append(.heading("Review overhead this week"))
        document.blocks.append(
            .paragraph(
                "Rework and review took \(percent(weekly.reworkShareAI)) of AI-assisted effort and "
                    + "\(percent(weekly.reworkShareHuman)) of human effort."))
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
                            percent($0.aiShareOfLines), Format.fixed($0.hoursSaved, 1) + " h",
                        ]
                    })))
        document.blocks.append(
            .chart(
                ReportDocument.Chart(
                    title: "Weekly tasks and hours saved",
                    kind: .lines(
                        labels: weekly.trend.map(\.week),
                        series: [
                            ReportDocument.Series(name: "tasks", values: weekly.trend.map { Double($0.tasks) }),
                            ReportDocument.Series(name: "AI tasks", values: weekly.trend.map { Double($0.aiTasks) }),
                            ReportDocument.Series(name: "hours saved", values: weekly.trend.map(\.hoursSaved)),
                        ]), axis: "per week")))
        document.blocks.append(.heading("Notable"))
        document.blocks.append(.list(weekly.notable.map { "\($0.what): \($0.title) (\($0.id)), \($0.detail)" }))
        document.blocks.append(.heading("Tasks"))
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "tasks",
                    columns: [("id", .left), ("category", .left), ("AI", .left), ("effort", .right), ("rework", .right), ("title", .left)],
                    rows: weekly.tasks.map {
                        [$0.id, $0.category, $0.ai ? "yes" : "no", Format.fixed($0.effortHours, 1) + " h", Format.fixed($0.reworkHours, 1) + " h", $0.title]
                    })))
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
}
