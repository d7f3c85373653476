import Analysis
import Model
import Support

/// Report documents for `plan`: the forecast and the backtest.
package enum PlanDocuments {
    package static func forecast(_ forecast: Forecast, backlog: [BacklogItem], file: String) -> ReportDocument {
        func hours(_ value: Double) -> String { Format.fixed(value, 0) + " h" }
        func weeks(_ value: Double) -> String { Format.fixed(value, 1) }
        let ai = forecast.withAI
        let human = forecast.allHuman
        var document = ReportDocument(
            title: "Plan: \(file)",
            subtitle: "\(forecast.tasks) task\(forecast.tasks == 1 ? "" : "s"), \(forecast.runs) Monte Carlo run\(forecast.runs == 1 ? "" : "s") (seed \(forecast.seed)), capacity "
                + "\(Format.fixed(forecast.capacityHoursPerWeek, 1)) h a week (\(forecast.capacitySource)).")
        document.blocks.append(
            .paragraph(
                "With AI as planned: P50 \(weeks(ai.p50Weeks)) weeks, P80 \(weeks(ai.p80Weeks)), P95 \(weeks(ai.p95Weeks)). "
                    + "All human: P50 \(weeks(human.p50Weeks)), P80 \(weeks(human.p80Weeks)), P95 \(weeks(human.p95Weeks)). "
                    + saving(forecast.difference)
                    // Equal percentiles are no certainty: the history had no spread to draw from.
                    + (ai.p95Hours - ai.p50Hours < 0.005 * max(ai.p50Hours, 1)
                        ? " No range: the history gives no spread to draw from (see Assumptions), so this is the sum "
                            + "of the estimates as given, not a certainty." : "")))
        document.blocks.append(.heading("Totals"))
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "totals",
                    columns: [("plan", .left), ("P50 hours", .right), ("P80 hours", .right), ("P95 hours", .right),
                              ("P50 weeks", .right), ("P80 weeks", .right), ("P95 weeks", .right)],
                    rows: [("with AI", ai), ("all human", human), ("difference", forecast.difference)].map { name, p in
                        [name, hours(p.p50Hours), hours(p.p80Hours), hours(p.p95Hours), weeks(p.p50Weeks), weeks(p.p80Weeks), weeks(p.p95Weeks)]
                    }, priority: ["plan", "P50 weeks", "P80 weeks", "P95 weeks", "P80 hours"])))
        let completion = forecast.completion
        if !completion.steps.isEmpty {
            // Each curve is labelled where it crosses 50%, the with-AI one to its left, the other to its right.
            func middle(_ values: [Double]) -> Int? { values.firstIndex { $0 >= 0.5 } }
            document.blocks.append(
                .chart(
                    ReportDocument.Chart(
                        title: "Probability of being done after each \(completion.unit)",
                        kind: .lines(
                            labels: completion.steps.map { Format.fixed($0, 0) },
                            series: [
                                ReportDocument.Series(
                                    name: "with AI", values: completion.withAI.map { $0 * 100 }, labelAt: middle(completion.withAI)),
                                ReportDocument.Series(
                                    name: "all human", values: completion.allHuman.map { $0 * 100 },
                                    labelAt: middle(completion.allHuman)),
                            ]),
                        axis: "probability of being done (%)",
                        xAxis: "\(completion.unit)s from the start (one = \(Format.fixed(completion.teamHoursPerUnit, 1)) team hours)")))
        }
        document.blocks.append(.heading("Per category"))
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "categories",
                    columns: [("category", .left), ("zone", .left), ("tasks", .right), ("AI tasks", .right), ("estimated", .right),
                              ("expected with AI", .right), ("expected all human", .right), ("share of uncertainty", .right),
                              ("history", .left)],
                    rows: forecast.categories.map {
                        [$0.category, $0.zone, "\($0.tasks)", "\($0.aiTasks)", hours($0.estimatedHours), hours($0.expectedHoursWithAI),
                         hours($0.expectedHoursAllHuman), Format.fixed($0.uncertaintyShare * 100, 0) + "%", $0.basis]
                    },
                    priority: ["category", "tasks", "expected with AI", "expected all human", "share of uncertainty", "AI tasks",
                               "estimated", "history"],
                    flexible: "history")))
        document.blocks.append(.heading("The tasks that dominate the risk"))
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "risks",
                    columns: [("id", .left), ("category", .left), ("estimate", .right), ("P95", .right), ("share of uncertainty", .right), ("title", .left)],
                    rows: forecast.risks.map {
                        [$0.id, $0.category, hours($0.estimateHours), hours($0.p95Hours), Format.fixed($0.uncertaintyShare * 100, 0) + "%", $0.title]
                    }, priority: ["id", "share of uncertainty", "title", "estimate", "P95", "category"], flexible: "title")))
        let classified = backlog.filter(\.classified)
        if !classified.isEmpty {
            document.blocks.append(.heading("Categories classified from the title"))
            document.blocks.append(.list(classified.map { "\($0.id) \($0.title): \($0.category.rawValue)" }))
        }
        document.blocks.append(.heading("Assumptions"))
        document.blocks.append(.list(forecast.assumptions))
        return document
    }

    package static func backtest(_ backtest: Backtest) -> ReportDocument {
        guard let rates = backtest.hitRates else {
            return ReportDocument(title: "Backtest of the forecaster", subtitle: backtest.unavailable ?? backtest.note)
        }
        var document = ReportDocument(
            title: "Backtest of the forecaster",
            subtitle: "\(backtest.windows) window\(backtest.windows == 1 ? "" : "s") of \(backtest.horizonWeeks) weeks. The actual total fell below P50 in "
                + "\(Format.fixed(rates.p50 * 100, 0))% of them, below P80 in \(Format.fixed(rates.p80 * 100, 0))%, "
                + "below P95 in \(Format.fixed(rates.p95 * 100, 0))% (calibrated: about 50%, 80%, 95%).")
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "windows",
                    columns: [("cut", .left), ("tasks", .right), ("actual", .right), ("P50", .right), ("P80", .right), ("P95", .right)],
                    rows: backtest.details.map {
                        [$0.cut, "\($0.tasks)", Format.fixed($0.actualHours, 1), Format.fixed($0.p50Hours, 1),
                         Format.fixed($0.p80Hours, 1), Format.fixed($0.p95Hours, 1)]
                    }, note: backtest.windows == 0 ? nil : backtest.note)))
        return document
    }

    /// What AI changes at P80, in hours and weeks, in words when it changes nothing.
    static func saving(_ difference: Percentiles) -> String {
        let hours = difference.p80Hours
        let weeks = Format.fixed(abs(difference.p80Weeks), 1)
        if abs(hours) < 0.5 { return "At P80 AI makes no difference to the total." }
        return hours > 0
            ? "AI saves \(Format.fixed(hours, 0)) h (\(weeks) weeks) at P80."
            : "AI adds \(Format.fixed(-hours, 0)) h (\(weeks) weeks) at P80: the history shows no saving for this backlog's work."
    }
}
