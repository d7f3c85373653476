import Foundation

/// A short plain-language reading of a retrospective, derived only from its figures.
enum Reading {
    static func sentences(_ retro: Retro) -> [String] {
        var sentences: [String] = []
        func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
        let measured = retro.categories.filter { $0.ratio != nil }
        let paid = measured.filter { ($0.ratioHigh ?? 1) < 1 }.sorted { ($0.ratio ?? 1) < ($1.ratio ?? 1) }
        let notPaid = measured.filter { ($0.ratioHigh ?? 1) >= 1 }
        if !paid.isEmpty {
            let list = paid.map { "\($0.category ?? "") (\(percent($0.timeSaved ?? 0)) less time)" }
            sentences.append("AI paid off clearly in \(list.joined(separator: ", ")): the whole 95% interval lies below the human effort.")
        }
        if !notPaid.isEmpty {
            let slower = notPaid.filter { ($0.ratioLow ?? 0) > 1 }.compactMap(\.category)
            let unclear = notPaid.filter { ($0.ratioLow ?? 0) <= 1 }.compactMap(\.category)
            if !unclear.isEmpty {
                sentences.append("No clear effect in \(unclear.joined(separator: ", ")): the interval includes no change.")
            }
            if !slower.isEmpty {
                sentences.append("AI-assisted work took longer in \(slower.joined(separator: ", ")), with the whole interval above 1.")
            }
        }
        let thin = retro.categories.filter { $0.ratio == nil && $0.category != "unclassified" }.compactMap(\.category)
        if !thin.isEmpty {
            sentences.append("Not enough data (fewer than 5 AI or 5 human tasks) for \(thin.joined(separator: ", ")).")
        }
        if let ratio = retro.endToEnd.ratio, let low = retro.endToEnd.ratioLow, let high = retro.endToEnd.ratioHigh {
            let effect = ratio < 1 ? "\(percent(1 - ratio)) less time" : "\(percent(ratio - 1)) more time"
            sentences.append(
                "Across the measured categories, weighted by effort, AI-assisted work took \(effect) than human work (interval \(String(format: "%.2f", low))–\(String(format: "%.2f", high))).")
        }
        for zone in retro.zones where zone.zone != "neutral" {
            if let ratio = zone.ratio {
                sentences.append("In the \(zone.zone) zone the effort ratio is \(String(format: "%.2f", ratio)) (\(zone.nAI) AI and \(zone.nHuman) human tasks).")
            }
        }
        let adjusted = retro.categories.filter { group in
            guard let value = group.adjustedRatio, let low = group.ratioLow, let high = group.ratioHigh else { return false }
            return value < low || value > high
        }.map { "\($0.category ?? "") (\(String(format: "%.2f", $0.adjustedRatio ?? 0)) adjusted)" }
        if !adjusted.isEmpty {
            sentences.append("In \(adjusted.joined(separator: ", ")) the ratio adjusted for task size and person falls outside the interval: task size or who used AI may explain part of the difference.")
        }
        if let value = retro.endToEnd.adjustedRatio, let low = retro.endToEnd.ratioLow, let high = retro.endToEnd.ratioHigh,
            value < low || value > high
        {
            sentences.append("Adjusted for task size and person, the end-to-end ratio is \(String(format: "%.2f", value)), outside its interval (\(String(format: "%.2f", low))–\(String(format: "%.2f", high))): task size or who used AI may explain part of the difference.")
        }
        // Measured, but no adjusted figure: the regression's AI term there is what its person terms say.
        let confounded = retro.categories.filter { $0.ratio != nil && $0.adjustedRatio == nil }.compactMap(\.category)
        if !confounded.isEmpty {
            sentences.append("In \(confounded.joined(separator: ", ")) AI and who did the work cannot be told apart (the people who used AI there did no comparable work without it, or the reverse): no adjusted ratio, and the ratio may measure who used AI rather than AI itself.")
        }
        let disagreeing = retro.categories.filter { $0.sizeMatchedDisagrees == true }.compactMap(\.category)
        if !disagreeing.isEmpty {
            sentences.append("In \(disagreeing.joined(separator: ", ")) the size-matched ratio falls outside the interval: task size, not AI, may explain part of the difference.")
        }
        let byWhom = retro.categories.filter { $0.withinPersonDisagrees == true }.map {
            "\($0.category ?? "") (\(String(format: "%.2f", $0.withinPersonRatio ?? 0)) among the \($0.withinPersonPeople) people who did both)"
        }
        if !byWhom.isEmpty {
            sentences.append("In \(byWhom.joined(separator: ", ")) the within-person ratio falls outside the interval: who used AI, not AI itself, may explain part of the difference.")
        }
        if let ai = retro.review.reworkShareAI, let human = retro.review.reworkShareHuman {
            let thin = min(retro.counts.ai, retro.counts.human) < Speedup.minimumTasks
                ? " (\(retro.counts.ai) and \(retro.counts.human) tasks: too few on a side to read as a difference)" : ""
            sentences.append(
                "Rework and review took \(percent(ai)) of AI-assisted effort against \(percent(human)) of human effort\(thin).")
        }
        if let spearman = retro.calibration.spearman {
            let strength = spearman >= 0.7 ? "closely" : spearman >= 0.4 ? "moderately" : "poorly"
            sentences.append(
                "The git estimator tracks measured session time \(strength) (Spearman \(String(format: "%.2f", spearman)) over \(retro.calibration.n) AI tasks), so human tasks' git-only effort deserves \(spearman >= 0.7 ? "fair" : "limited") trust.")
        } else {
            sentences.append("Too few AI tasks with measured session time to calibrate the git estimator.")
        }
        sentences.append(retro.evidence.sentence)
        return sentences
    }
}
