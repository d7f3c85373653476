import Model

/// Whose session logs a report rests on: a reader should know when a figure covers part of a team.
package struct Coverage: Sendable, Equatable, Encodable {
    /// People who finished tasks in the scope.
    package var developers: Int
    /// Of them, those with session logs present (their own or merged from their machine).
    package var developersWithSessionLogs: Int
    /// Whether merged machines were included (`--team`).
    package var team: Bool

    package init(developers: Int, developersWithSessionLogs: Int, team: Bool) {
        self.developers = developers
        self.developersWithSessionLogs = developersWithSessionLogs
        self.team = team
    }
}

/// One person's figures (`--by-person`, never for fewer than 3 people).
package struct PersonFigures: Sendable, Equatable, Encodable {
    package var person: String
    package var tasks: Int
    package var aiTasks: Int
    package var effortHours: Double
    package var aiShareOfLines: Double?

    enum CodingKeys: String, CodingKey { case person, tasks, aiTasks, effortHours, aiShareOfLines }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(person, forKey: .person)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(aiTasks, forKey: .aiTasks)
        try container.encode(effortHours, forKey: .effortHours)
        try container.encode(aiShareOfLines, forKey: .aiShareOfLines)
    }

    /// Per person, sorted; nil below the minimum group size.
    package static func breakdown(_ tasks: [WorkTask], minimumPeople: Int = 3) -> [PersonFigures]? {
        let work = tasks.filter { !$0.bot }
        let people = Dictionary(grouping: work, by: \.author)
        guard people.count >= minimumPeople else { return nil }
        return people.keys.sorted().map { person in
            let own = people[person] ?? []
            let lines = own.reduce(0) { $0 + $1.linesAdded }
            return PersonFigures(
                person: person, tasks: own.count, aiTasks: own.filter(\.ai).count,
                effortHours: RetroAnalysis.round(own.reduce(0) { $0 + $1.effortHours }),
                aiShareOfLines: lines > 0 ? RetroAnalysis.round(Double(own.reduce(0) { $0 + $1.aiLinesAdded }) / Double(lines)) : nil)
        }
    }
}
