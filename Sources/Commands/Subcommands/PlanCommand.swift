import Analysis
import Classification
import Foundation
import Model
import Rendering
import Storage
import Support
import Tasks

/// `multiplier plan BACKLOG.csv`: how long a backlog takes, with AI and without, from the
/// team's own history; `--backtest` checks the forecaster against that history.
enum PlanCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "plan", summary: "forecast a backlog's hours and weeks with and without AI (Monte Carlo), or backtest",
            usage: "plan BACKLOG.csv [--capacity HOURS] [--runs N] [--seed N] [--format FORMAT] [--out FILE] "
                + "| plan --backtest [--windows N]",
            options: [
                .value("--capacity", "HOURS", "team hours per week, \(capacityBounds) (default: the team's recent weekly effort)"),
                .value("--runs", "N", "Monte Carlo runs (default 10000)"),
                .value("--seed", "N", "random seed (default 1): the same inputs and seed print the same bytes"),
                .flag("--backtest", "replay history: forecast past windows and count how often the actual total fell below P50/P80/P95"),
                .value("--windows", "N", "backtest: how many cut dates (default 20)"),
                .value("--format", "FORMAT", "text (default), markdown, json, csv or html"),
                .value("--table", "NAME", "csv: which table (default: all, one file each with --out DIR)"),
                .value("--out", "FILE", "write to this file instead of stdout"),
                TaskBuilding.configOption,
            ],
            positionals: [
                ("BACKLOG.csv", "columns id,title,category,estimate_hours,ai (category may be empty; ai: yes, no or auto, empty is auto)")
            ],
            minimumPositionals: 0, maximumPositionals: 1,
            discussion: """
                Each run draws, per task, a ratio from its category's bootstrap distribution (when AI is used), a
                review-overhead share and an estimate error from the team's history (Sources/METHOD.md, Forecast).
                Categories with too little history fall back to their zone's (a ratio, only to that), then to all
                tasks', and the report says so. 'ai auto' means yes where the history shows a saving in that
                category. Every backlog row has the header's fields and its own id (ids ignore case, as issue keys
                do), and estimate_hours a decimal number above 0 and at most \(maximumEstimate); a row that does
                not is an error naming its line.
                """),
        run: run)

    /// The bounds of `--capacity` and of a backlog's estimates, as help and errors print them.
    static let capacityBounds =
        "\(JSONValue.number(ForecastModel.capacityRange.lowerBound).text) to \(JSONValue.number(ForecastModel.capacityRange.upperBound).text)"
    static let maximumEstimate = JSONValue.number(BacklogItem.maximumEstimateHours).text

    static func run(_ context: CommandContext) throws -> ExitCode {
        let format = context.arguments.value("--format") ?? "text"
        guard ReportCommand.formats.contains(format) else {
            throw UsageError("unknown format '\(format)'; expected \(ReportCommand.formats.joined(separator: ", "))", command: "plan")
        }
        let seed = UInt64(try integer("--seed", context, default: 1, range: 0...Int.max))
        let database = try context.openDatabase(existing: true)
        let config = try TaskBuilding.config(context, database: database)
        let history = try TaskBuilding.tasks(context, database: database)
        if context.arguments.has("--backtest") {
            guard context.arguments.positionals.isEmpty else {
                throw UsageError("--backtest takes no BACKLOG", command: "plan")
            }
            let windows = try integer("--windows", context, default: 20, range: 1...500)
            let backtest = Backtest.run(history, windows: windows, settings: config.settings, seed: seed)
            try ReportCommand.write(
                PlanDocuments.backtest(backtest), json: try JSONOutput.encode(backtest), format: format, context, command: "plan")
            return .success
        }
        guard let path = context.arguments.positionals.first else {
            throw UsageError("give a BACKLOG.csv, or --backtest", command: "plan")
        }
        let backlog = try read(context.absolute(path), classifier: Classifier(config: config))
        try forecast(backlog, file: (path as NSString).lastPathComponent, history: history, config: config, format: format, context)
        return .success
    }

    /// Forecasts `backlog` from `history` and writes it in `format` (`--capacity`, `--runs`, `--seed`).
    static func forecast(
        _ backlog: [BacklogItem], file: String, history: [WorkTask], config: RuleConfig, format: String, _ context: CommandContext
    ) throws {
        let runs = try integer("--runs", context, default: 10_000, range: 1...1_000_000)
        let seed = UInt64(try integer("--seed", context, default: 1, range: 0...Int.max))
        let model = ForecastModel(history: history, settings: config.settings)
        let names = context.argumentNames
        let capacity: (hours: Double, source: String)
        if let value = context.arguments.value("--capacity") {
            guard let hours = Double(value), ForecastModel.capacityRange.contains(hours) else {
                throw UsageError(
                    "\(names.name("--capacity")) expects team hours per week from \(capacityBounds), not '\(value)'", command: "plan")
            }
            capacity = (hours, "given with \(names.name("--capacity"))")
        } else {
            guard
                let recent = ForecastModel.recentCapacity(
                    history, now: Int64(Date().timeIntervalSince1970), capacityOption: names.name("--capacity"))
            else {
                throw UsageError(
                    "no history to take a capacity from: give \(names.usage("--capacity", placeholder: "HOURS"))", command: "plan")
            }
            capacity = recent
        }
        let forecast = model.run(backlog, capacity: capacity.hours, capacitySource: capacity.source, runs: runs, seed: seed)
        try ReportCommand.write(
            PlanDocuments.forecast(forecast, backlog: backlog, file: file), json: try JSONOutput.encode(forecast), format: format,
            context, command: "plan")
    }

    static func integer(_ option: String, _ context: CommandContext, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = context.arguments.value(option) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                "\(context.argumentNames.name(option)) expects a whole number from \(range.lowerBound) to \(range.upperBound), "
                    + "not '\(text)'", command: "plan")
        }
        return number
    }
}
