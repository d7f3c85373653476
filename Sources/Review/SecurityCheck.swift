import Foundation
import Model
import Support

/// Check 5: security blind spots in added lines — SQL built from strings, TLS verification off,
/// eval or a shell with interpolated input, secret-like literals, CSRF or auth checks switched off.
/// The patterns read code, not a line that holds only a comment; secrets are looked for everywhere,
/// but prose (Markdown, reStructuredText, text) is read for providers' keys only.
package enum SecurityCheck {
    /// One pattern: the rule it belongs to, the languages it applies to (empty: every file), and why it matters.
    package struct Pattern: Sendable {
        package var rule: String
        package var languages: Set<Language>
        package var regex: NSRegularExpression?
        package var reason: String
        /// What, ending right before a match, makes that match harmless (`.exec(` on a regular expression).
        package var spared: NSRegularExpression?
    }

    /// Where a value is spliced into a string, per language.
    private static let sql = #"(?i)\b(?:select\s+[\w*,.\s()]+\s+from|insert\s+into|update\s+\w+\s+set|delete\s+from)\b"#

    package static let patterns: [Pattern] = [
        // SQL assembled from strings.
        pattern("sql-interpolation", [.swift], sql + #"[^"]*\\\("#, "SQL built by string interpolation: bind the values as parameters"),
        pattern("sql-interpolation", [.python], #"\bf"[^"]*"# + sql + #"[^"]*\{|\bf'[^']*"# + sql + #"[^']*\{"#, "SQL built with an f-string: pass the values as query parameters"),
        // The literal may quote the value with the other kind of quote (`"… name = '%s'" % name`).
        pattern("sql-interpolation", [.python], sql + #"(?:[^"]*"|[^']*')\s*(?:%\s*[\w(]|\.format\()"#, "SQL built with % or .format: pass the values as query parameters"),
        pattern("sql-interpolation", [.javascript], "`[^`]*" + sql + #"[^`]*\$\{"#, "SQL built in a template literal: use placeholders and bound values"),
        pattern("sql-interpolation", [.ruby], sql + #"[^"]*#\{"#, "SQL built by string interpolation: use bound parameters"),
        pattern("sql-interpolation", [.go], #"fmt\.Sprintf\(\s*["`][^"`]*"# + sql, "SQL built with fmt.Sprintf: use placeholders and query arguments"),
        // Up to the literal's closing quote, which the other kinds may precede: the textbook
        // `"… WHERE name = '" + name + "'"` quotes the value in SQL.
        pattern("sql-interpolation", [], sql + #"(?:[^"]*"|[^']*'|[^`]*`)\s*(?:\+|\.)\s*\$?[A-Za-z_][\w.]*(?:\[|\(|\s*(?:\+|\.|;|\)|,|$))"#, "SQL concatenated with a value: use placeholders and bound values"),
        pattern("sql-interpolation", [.php], #""[^"]*"# + sql + #"[^"]*\$[A-Za-z_]"#, "SQL with a variable inside the string: use prepared statements"),
        // TLS verification switched off.
        pattern("tls-off", [.python], #"\bverify\s*=\s*False\b|\bcheck_hostname\s*=\s*False\b|\bCERT_NONE\b|_create_unverified_context\("#, "TLS certificate verification switched off: a man in the middle reads and changes the traffic"),
        pattern("tls-off", [.javascript], #"\brejectUnauthorized\s*:\s*false\b|NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*['"]?0"#, "TLS certificate verification switched off: a man in the middle reads and changes the traffic"),
        pattern("tls-off", [.go], #"\bInsecureSkipVerify\s*:\s*true\b"#, "TLS certificate verification switched off: a man in the middle reads and changes the traffic"),
        pattern("tls-off", [.rust], #"danger_accept_invalid_(?:certs|hostnames)\(\s*true\s*\)"#, "TLS certificate verification switched off: a man in the middle reads and changes the traffic"),
        pattern("tls-off", [.ruby], #"\bVERIFY_NONE\b"#, "TLS certificate verification switched off: a man in the middle reads and changes the traffic"),
        pattern("tls-off", [.java, .kotlin], #"\b(?:NoopHostnameVerifier|ALLOW_ALL_HOSTNAME_VERIFIER|TrustAllStrategy|trustAllCerts)\b"#, "TLS certificate verification switched off: a man in the middle reads and changes the traffic"),
        pattern("tls-off", [.swift], #"\.useCredential\s*,\s*URLCredential\(\s*trust:"#, "every server certificate accepted: a man in the middle reads and changes the traffic"),
        pattern("tls-off", [.shell], #"\bcurl\b[^|;]*\s(?:-k|--insecure)\b"#, "curl without certificate checks: a man in the middle can serve anything"),
        // eval and shells with interpolated input.
        pattern("shell-injection", [.python], #"(?<![\w.])(?:eval|exec)\(\s*(?!["'][^"']*["']\s*\))[^)\s]"#, "eval/exec of a computed string runs whatever reaches it: parse the value instead"),
        pattern("shell-injection", [.python], #"\bos\.(?:system|popen)\(\s*(?:f["']|[^"')]*["']\s*(?:\+|%)|[A-Za-z_])|\bshell\s*=\s*True\b"#, "a shell command built from values: pass an argument list without a shell"),
        pattern("shell-injection", [.javascript], #"(?<![\w.])eval\(\s*(?!["'][^"']*["']\s*\))[^)\s]|\bnew\s+Function\("#, "eval of a computed string runs whatever reaches it"),
        // Not `RegExp.prototype.exec`: on a regex literal, `new RegExp(…)` or a name such as `re`, `dateRegex`, `ID_RE`.
        pattern(
            "shell-injection", [.javascript], #"\bexec(?:Sync)?\(\s*(?:`[^`]*\$\{|["'][^"']*["']\s*\+)"#,
            "a shell command built from values: use execFile/spawn with an argument array",
            spared: #"(?:/[dgimsuvy]*|\bRegExp\([^()]*\)|(?<![\w$])(?:re|rx|regex|regexp|pattern)|[\w$]*(?:Re|RE|Rx|Regex|RegExp|Regexp|Pattern|PATTERN|_re|_rx|_regex|_pattern))\.$"#),
        pattern("shell-injection", [.ruby], #"\b(?:system|exec|spawn)\(?\s*"[^"]*#\{|`[^`]*#\{|%x\([^)]*#\{|(?<![\w.])eval\(?\s*[a-z_@]"#, "a shell command or eval built from values: pass arguments separately"),
        pattern("shell-injection", [.go], #"exec\.Command\(\s*"(?:sh|bash)"\s*,\s*"-c"\s*,\s*(?:fmt\.Sprintf|[^)]*\+)"#, "a shell command built from values: run the program with separate arguments"),
        pattern("shell-injection", [.php], #"\b(?:shell_exec|system|passthru|exec|popen|eval)\(\s*[^)]*\$"#, "a shell command or eval built from a variable: escape it or avoid the shell"),
        pattern("shell-injection", [.swift], #""(?:/bin/)?(?:sh|bash)"\s*,\s*"-c"\s*,\s*"[^"]*\\\("#, "a shell command built by interpolation: run the program with separate arguments"),
        // CSRF and auth checks switched off.
        pattern("auth-off", [.python], #"@csrf_exempt\b|\bWTF_CSRF_ENABLED\s*=\s*False\b|\bCSRF_ENABLED\s*=\s*False\b|@csrf\.exempt\b|permission_classes\s*=\s*\[\s*AllowAny\s*\]|verify_signature["']?\s*:\s*False"#, "a CSRF or authentication check switched off: say why, or keep it on"),
        pattern("auth-off", [.ruby], #"skip_before_action\s+:(?:verify_authenticity_token|authenticate\w*)|protect_from_forgery\s+with:\s*:null_session"#, "a CSRF or authentication check skipped: say why, or keep it on"),
        pattern("auth-off", [.java, .kotlin], #"\.csrf\(\)\s*\.disable\(\)|csrf\s*\{\s*(?:it\.)?disable\(\)|\.csrf\(\s*(?:AbstractHttpConfigurer::disable|\w+\s*->\s*\w+\.disable\(\))\)|\.anyRequest\(\)\s*\.permitAll\(\)"#, "CSRF protection or authentication switched off for requests: say why, or keep it on"),
        pattern("auth-off", [.javascript], #"\bcsrf\s*:\s*false\b|\bignoreExpiration\s*:\s*true\b|algorithms\s*:\s*\[\s*["']none["']"#, "a CSRF or token check switched off: say why, or keep it on"),
        pattern("auth-off", [.csharp], #"\[AllowAnonymous\]|\[IgnoreAntiforgeryToken\]"#, "authentication or antiforgery checks switched off: say why, or keep it on"),
        pattern("auth-off", [.php], #"\$except\s*=\s*\[\s*['"]\*['"]"#, "CSRF checks switched off for every route: list the few that need it"),
    ]

    package static func run(_ unit: ReviewUnit, _ context: ReviewContext) -> [Finding] {
        var findings: [Finding] = []
        for line in unit.lines {
            let language = line.language
            // A comment that quotes `verify=False` switches nothing off.
            let code = !language.isComment(line.text)
            for pattern in patterns where code && (pattern.languages.isEmpty ? language.isCode : pattern.languages.contains(language)) {
                guard matches(pattern, line.text) else { continue }
                findings.append(Finding(check: .security, rule: pattern.rule, at: line, reason: pattern.reason, weight: 3))
                break  // one security finding per line
            }
            // Prose spells out `password = …` as an example; a provider's key in it is still a leak.
            if let secret = line.secret ?? secret(in: line.text), !(isProse(line.path) && secret.hasPrefix("hard-coded ")) {
                findings.append(
                    Finding(
                        check: .security, rule: "secret-literal", at: line,
                        reason: "\(withArticle(secret)) in the code: move it to the environment or a secret store and rotate it",
                        // A provider's key in the code is live the moment it ships: above any other finding.
                        weight: secret.hasPrefix("hard-coded ") ? 4 : 6))
            }
        }
        return findings
    }

    /// Whether the pattern matches the text somewhere its `spared` context does not end right before.
    static func matches(_ pattern: Pattern, _ text: String) -> Bool {
        guard let regex = pattern.regex else { return false }
        let range = NSRange(text.startIndex..., in: text)
        guard let spared = pattern.spared else { return regex.firstMatch(in: text, range: range) != nil }
        return regex.matches(in: text, range: range).contains { match in
            spared.firstMatch(in: text, range: NSRange(location: 0, length: match.range.location)) == nil
        }
    }

    /// Markdown, reStructuredText, AsciiDoc and text files: prose, whose `password = …` is an example.
    static func isProse(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return false }
        return ["md", "mdx", "markdown", "rst", "adoc", "txt"].contains(name[name.index(after: dot)...].lowercased())
    }

    /// `noun` after its indefinite article: "an anthropic key", "a github token" (the detectors' names
    /// are lower case and none starts with a silent or a "you"-sounding vowel).
    static func withArticle(_ noun: String) -> String {
        ("aeiou".contains(noun.first ?? "x") ? "an " : "a ") + noun
    }

    /// A line's text with its secrets redacted, and the kind of secret-like literal it held, for
    /// keeping: the checks find in it what they find in the original (`ReviewLine.secret`).
    package static func redacted(_ line: CommitDiff.Line) -> CommitDiff.Line {
        let redacted = SecretRedactor.redact(line.text)
        guard redacted != line.text else { return line }
        return CommitDiff.Line(number: line.number, text: redacted, secret: line.secret ?? secret(in: line.text))
    }

    /// The kind of secret-like literal in a line (the redactor's detectors), or nil. A `name = value`
    /// assignment counts only with a quoted literal value of 16+ characters, or 12+ with letters and digits, that is not a placeholder
    /// nor a name of something else (`names(_:)`).
    package static func secret(in text: String) -> String? {
        let detectors = SecretRedactor.detectors(in: text)
        if let provider = detectors.first(where: { $0 != "assignment" }) { return provider }
        guard detectors.contains("assignment"), let match = Manifests.first(quotedAssignment, in: text), !names(match[3]) else {
            return nil
        }
        let value = match[3].lowercased()
        let placeholders = ["changeme", "example", "xxxx", "your", "dummy", "placeholder", "redacted", "<", "${", "{{", "***", "test"]
        // Secret-like: long, one word, letters and digits (a label such as "review-5827" is not).
        let mixed = value.contains(where: \.isLetter) && value.contains(where: \.isNumber)
        guard value.count >= 16 || (value.count >= 12 && mixed), !value.contains(" "),
            !placeholders.contains(where: value.contains)
        else { return nil }
        // `DB_PASS`, `POSTGRES_PW`: a password by the redactor's names, as it is redacted.
        return "hard-coded \(match[1].isEmpty ? "password" : match[1].lowercased())"
    }

    /// Whether a literal names something rather than being a secret: a path or file name
    /// (`emails/password_reset_v2.html`), a URL (one with a password or key in it is found as such), an
    /// environment variable's name (`STRIPE_SECRET_KEY_LIVE`), a password's hash (`$2b$12$…`).
    static func names(_ literal: String) -> Bool {
        [path, fileName, url, environmentName, passwordHash].contains { Manifests.first($0, in: literal) != nil }
    }

    /// Segments of path characters with a slash between them, starting at a root, lower case, or ending in an extension.
    private static let path = Manifests.regex(
        #"^(?=[~./]|[^A-Z]*$|.*\.[A-Za-z0-9]{1,5}$)(?:~|\.{1,2})?/?[\w.\-]+(?:/[\w.\-]+)+/?$"#)
    private static let fileName = Manifests.regex(
        #"(?i)^[\w.\-]+\.(?:html?|json|ya?ml|xml|txt|md|csv|pem|key|crt|cer|p12|pfx|jks|ini|cfg|conf|toml|env|sql|log|png|jpe?g|gif|svg|pdf|j2|jinja2?|tmpl|tpl|mustache|hbs|ejs|erb|twig)$"#)
    private static let url = Manifests.regex(#"^[A-Za-z][A-Za-z0-9+.\-]*://"#)
    private static let environmentName = Manifests.regex(#"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$"#)
    /// crypt(3)'s modular format (bcrypt, argon2, scrypt, sha-crypt, yescrypt) and Django's.
    private static let passwordHash = Manifests.regex(
        #"^(?:\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?|[156]|y|gy|7)\$|(?:pbkdf2_sha\d+|argon2|bcrypt(?:_sha256)?|scrypt)\$)"#)

    /// A quoted literal assigned to a name the redactor takes for a secret's: one with a password,
    /// secret, token or key word in it (group 1), or with `pass` or `pw` as a part of its own (group 2);
    /// the literal is group 3.
    private static let quotedAssignment = Manifests.regex(
        #"(?i)\b(?:[\w\-]*(password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|private[_\-]?key|auth[_\-]?key|credentials?)[\w\-]*|(?:[a-z0-9]+[_\-])*(pass|pw)(?:[_\-][a-z0-9]+)*(?![a-z0-9]))"?\s*[:=]\s*["']([^"'\n]*)["']"#)

    private static func pattern(
        _ rule: String, _ languages: Set<Language>, _ regex: String, _ reason: String, spared: String? = nil
    ) -> Pattern {
        Pattern(rule: rule, languages: languages, regex: Manifests.regex(regex), reason: reason, spared: spared.flatMap(Manifests.regex))
    }
}
