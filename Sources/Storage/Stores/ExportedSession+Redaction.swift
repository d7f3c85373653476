import Model
import Support

extension ExportedSession {
    /// The session with `SecretRedactor` applied to every text it carries (ids, repository origin and name,
    /// directory, owner, branch, models, paths, commits, words, issue keys, the workflow's evidence).
    ///
    /// An export is written and merged through this, so neither the file nor the database that merges it
    /// holds a secret, even when the rows were stored by a version that did not redact them.
    func redactingSecrets() -> ExportedSession {
        var session = self
        session.key = SecretRedactor.redact(key)
        session.parentKey = parentKey.map(SecretRedactor.redact)
        session.repositoryRootCommit = repositoryRootCommit.map(SecretRedactor.redact)
        session.repositoryOrigin = repositoryOrigin.map(SecretRedactor.redact)
        session.repositoryName = repositoryName.map(SecretRedactor.redact)
        session.workingDirectory = workingDirectory.map(SecretRedactor.redact)
        session.owner = owner.map(SecretRedactor.redact)
        session.branch = branch.map(SecretRedactor.redact)
        session.models = models.map(SecretRedactor.redact)
        session.filesEdited = filesEdited.map(SecretRedactor.redact)
        session.commits = commits.map(SecretRedactor.redact)
        session.promptWords = Dictionary(
            promptWords.map { (SecretRedactor.redact($0.key), $0.value) }, uniquingKeysWith: +)
        session.promptKeys = promptKeys.map(SecretRedactor.redact)
        session.workflow?.startEvidence = workflow?.startEvidence.map(SecretRedactor.redact)
        return session
    }
}
