/// Writes backlog.csv (`id,title,category,estimate_hours,ai`): forty planned items, a
/// quarter without a category (to be classified from the title), `ai` yes, no or auto.
enum BacklogWriter {
    static func write(random: inout SplitMix64) -> String {
        var text = "id,title,category,estimate_hours,ai\n"
        for number in 1...40 {
            let kind = WorkKind.catalog[random.weighted(WorkKind.catalog.map(\.weight))]
            let noun = TeamSimulation.display(random.pick(kind.nouns))
            let title = TeamSimulation.capitalized(random.pick(kind.titles).replacingOccurrences(of: "{x}", with: noun))
            let category = random.chance(0.25) ? "" : kind.category
            let estimate = max(0.5, (random.lognormal(median: kind.hours, sigma: 0.4) * 2).rounded() / 2)
            let ai = random.pick(["auto", "auto", "yes", "no"])
            let quoted = title.contains(",") || title.contains("\"") ? "\"" + title.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : title
            text += "PLAN-\(number),\(quoted),\(category),\(Format.fixed(estimate, digits: 1)),\(ai)\n"
        }
        return text
    }
}
