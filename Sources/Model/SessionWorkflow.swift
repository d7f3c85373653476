/// How a session went about its work, read from its log: the "ways of working" facts that
/// `multiplier report practices` compares (issue 17). A fact the log cannot tell is nil or
/// `.unknown`, never a guess: a log without a mode field is not "code-first".
package struct SessionWorkflow: Sendable, Equatable, Hashable, Codable {
    package enum Start: String, Sendable, Codable, CaseIterable {
        /// The approach was asked for and settled before the first file edit (a plan mode, a plan
        /// tool, or a first prompt asking for an approach with no edit before the next user turn).
        case planFirst = "plan-first"
        /// The log says which mode it ran in, and the first edit came with no plan before it.
        case codeFirst = "code-first"
        /// The log carries nothing that tells.
        case unknown
    }

    package var start: Start
    /// What decided `start`, in a few words a reader can check against the log
    /// ("permissionMode plan", "ExitPlanMode tool", "update_plan tool", "first prompt asks for an approach").
    package var startEvidence: String?
    /// User prompts after the first and before the first file edit; nil when the log does not tell.
    package var correctionsBeforeEdit: Int?
    /// User prompts after the first file edit; nil when the log does not tell.
    package var correctionsAfterEdit: Int?
    /// Sub-agents the session started (0: none seen in a log that would show them); nil when unknown.
    package var subagents: Int?

    package init(
        start: Start = .unknown, startEvidence: String? = nil, correctionsBeforeEdit: Int? = nil,
        correctionsAfterEdit: Int? = nil, subagents: Int? = nil
    ) {
        self.start = start
        self.startEvidence = startEvidence
        self.correctionsBeforeEdit = correctionsBeforeEdit
        self.correctionsAfterEdit = correctionsAfterEdit
        self.subagents = subagents
    }
}
