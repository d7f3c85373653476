import Support

/// Evidence as it may be printed: one line, trimmed, secrets replaced by `[REDACTED]`, truncated.
package enum ReviewEvidence {
    package static let maximumLength = 120

    package static func clean(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let redacted = SecretRedactor.redact(line.trimmingCharacters(in: .whitespaces))
        guard redacted.count > maximumLength else { return redacted }
        return String(redacted.prefix(maximumLength - 1)) + "…"
    }
}
