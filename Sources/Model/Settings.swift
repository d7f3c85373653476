/// The numbers METHOD.md makes settings, with its defaults. `.multiplier.json`
/// (`settings`) may override each.
package struct Settings: Sendable, Equatable {
    /// A burst ends when one author's next commit comes later than this (task grouping rule 4).
    package var burstGapHours: Double = 4
    /// A commit earns the gap since its author's previous commit up to this much…
    package var maximumCommitGapHours: Double = 2
    /// …else this lead-in (also the first commit of an author).
    package var leadInMinutes: Double = 30
    /// Gaps between session events longer than this are idle, not active time.
    package var idleCapMinutes: Double = 10
    /// A session that edited a task's file links when it has an event this long before the first commit.
    package var sessionLeadHours: Double = 24
    /// A session without file edits links when its activity overlaps this long before the first commit.
    package var sessionOverlapHours: Double = 2
    /// A session linked by a file or by time alone (not by a named commit or key) must be active
    /// for at least this share of the task's effort: less is a question asked, not the work done.
    package var sessionMaterialShare: Double = 0.1
    /// Lines deleted again within this many days count as churn.
    package var churnDays: Double = 14
    /// Reviewer effort per review round where no time log says otherwise.
    package var reviewMinutes: Double = 15
    /// The runner-up's score as a share of the winner's above which a task is `unclassified`.
    package var nearTie: Double = 0.95
    /// Branch prefixes of prototype work beside the standard ones (`settings.prototypeBranches`):
    /// such tasks are reported apart (`report practices`) and left out of the speedups.
    package var prototypeBranches: [String] = []

    /// The prefixes a prototype branch starts with, always including the standard ones.
    package static let standardPrototypeBranches = ["spike/", "proto/", "poc/", "experiment/"]

    package init() {}

    /// Whether a task on this branch is prototype work (a standard or configured prefix, compared
    /// without case; a remote's `origin/` in front is ignored).
    package func isPrototype(branch: String?) -> Bool {
        guard var name = branch?.lowercased() else { return false }
        if name.hasPrefix("origin/") { name.removeFirst("origin/".count) }
        return (Self.standardPrototypeBranches + prototypeBranches).contains { !$0.isEmpty && name.hasPrefix($0.lowercased()) }
    }
}
