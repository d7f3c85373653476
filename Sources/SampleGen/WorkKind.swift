/// A kind of work (one METHOD.md category) and the signals a task of that kind leaves:
/// subjects, conventional type and scope, the files it touches, and its planted effort.
struct WorkKind {
    let category: String
    let zone: String
    /// Planted AI/human effort ratio, of the whole effort (review rework included).
    let ratio: Double
    /// Median human effort, hours.
    let hours: Double
    /// Relative frequency.
    let weight: Double
    /// Conventional-commit type and scope.
    let type: String
    let scope: String
    /// Task titles; `{x}` is a noun of the kind.
    let titles: [String]
    /// Titles that say little about the work (a classifier must lean on files).
    let vagueTitles: [String]
    /// Titles in phrasing the classifier's word table was not written around ("Precompute {x} totals",
    /// "Lock down {x} access"): drawn beside `titles` in the validity worlds, so that their category
    /// accuracy is not the rules checked against their own words. The demo keeps `titles` alone.
    let freshTitles: [String]
    /// Follow-up commit subjects inside the task.
    let followUps: [String]
    let nouns: [String]
    /// Files the task touches; `{x}` is the noun, `{n}` a fresh number (new files).
    let paths: [String]
    /// Typical lines added per hour of work.
    let linesPerHour: Double

    var isNeutral: Bool { zone == "neutral" }
}
