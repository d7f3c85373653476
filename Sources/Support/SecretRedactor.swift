import Foundation

/// Replaces secrets that turn up in session logs with `[REDACTED]` before anything is stored.
///
/// Covers the common providers' key formats (AWS key ids and, beside one or after "secret access
/// key", their secrets; GitHub, GitLab, Anthropic, OpenAI, Google's keys and OAuth client secrets,
/// Slack, Stripe, Hugging Face, npm, SendGrid, Twilio, Sentry DSNs), private key blocks, JWTs,
/// bearer and basic authorization, passwords in URLs, in `-u NAME:PASSWORD` and `mysql -pPASSWORD`,
/// keys in a URL's query, and `password=` / `token:` / `DB_PASS=` style assignments (the name is
/// kept, the value replaced).
package enum SecretRedactor {
    package static let marker = "[REDACTED]"

    /// Whole-match patterns, by provider. A distinctive prefix (`AKIA`, `ghp_`, `sk-ant-`, `sk-proj-`,
    /// `AIza`…) matches wherever it starts, glued to a word or not (`config_sk-proj-…`, `idAKIA…`); the
    /// short generic `sk-` only where no letter or digit comes before it, so that
    /// `task-list-…` stays readable.
    private static let patterns: [(name: String, regex: NSRegularExpression)] = [
        ("private key block", #"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)"#),
        // A key id with its secret beside it (a credentials file's row, `aws configure`'s echo): both go.
        ("aws key pair", #"(AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[0-9A-Z]{16}[\s,:;=|"']+[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"#),
        ("aws access key", #"(AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[0-9A-Z]{16}(?![0-9A-Z])"#),
        ("github token", #"(gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})"#),
        ("anthropic key", #"sk-ant-[A-Za-z0-9_\-]{16,}"#),
        ("openai key", #"(sk-(proj|svcacct|admin)-|(?<![A-Za-z0-9])sk-(None-)?)[A-Za-z0-9_\-]{20,}"#),
        ("google api key", #"AIza[0-9A-Za-z_\-]{30,}"#),
        ("google oauth token", #"ya29\.[0-9A-Za-z_\-]{20,}"#),
        ("google oauth client secret", #"GOCSPX-[0-9A-Za-z_\-]{20,}"#),
        ("slack token", #"xox[abposre]-[A-Za-z0-9\-]{10,}"#),
        ("slack webhook", #"https://hooks\.slack\.com/services/[A-Za-z0-9/_\-]+"#),
        ("stripe key", #"(sk|rk|pk)_(live|test)_[0-9A-Za-z]{16,}"#),
        ("stripe webhook secret", #"whsec_[0-9A-Za-z]{16,}"#),
        ("jwt", #"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"#),
        ("bearer token", #"(?i)\bbearer\s+[A-Za-z0-9_\-\.=]{16,}"#),
        ("gitlab token", #"gl(pat|dt|ptt|rt|cbt|oas|ft|imt|soat)-[A-Za-z0-9_\-]{20,}"#),
        ("hugging face token", #"(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}"#),
        ("npm token", #"(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"#),
        ("sendgrid key", #"SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"#),
        // `SK` and 32 hex digits, alone: not inside a longer hex string or word.
        ("twilio api key", #"(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])"#),
        ("sentry dsn key", #"(?i)(?<=://)[0-9a-f]{32}(:[0-9a-f]{32})?(?=@[A-Za-z0-9.\-]*sentry)"#),
    ].compactMap { name, pattern in
        // The patterns are constants checked by the tests; one that failed to compile would be skipped, not crash.
        (try? NSRegularExpression(pattern: pattern)).map { (name, $0) }
    }

    /// Passwords in a URL's user part (`postgres://admin:PASSWORD@db`) and in a command's
    /// `-u`/`--user NAME:PASSWORD` (curl, httpie): the password is replaced, the rest stays.
    private static let credentials: [(name: String, regex: NSRegularExpression, template: String)] = [
        ("url password", #"(?i)([a-z][a-z0-9+.\-]*://[^\s/:@"'<>]*:)[^\s/@"'<>]+(@)"#, "$1\(marker)$2"),
        ("user option password", #"((?<![A-Za-z0-9\-])(?:-u|--user)(?:\s+|=)["']?[^\s:"']+:)[^\s"']+"#, "$1\(marker)"),
        // `mysql -pSECRET` (the password glued to -p; `-p` alone asks for it), not a variable's name.
        ("mysql password option", #"((?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n|;&]*?\s-p)(?![$%{<])[^\s"'|;&]+"#, "$1\(marker)"),
        ("basic authorization", #"(?i)(authorization["']?\s*[:=]\s*["']?basic\s+)[A-Za-z0-9+/]{8,}={0,2}"#, "$1\(marker)"),
        // `aws configure`'s "AWS Secret Access Key [None]: …", a `secret access key: …` line.
        ("aws secret access key", #"(?i)(secret[_ \-]?access[_ \-]?key[^\n:=]{0,12}[:=]\s*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])"#, "$1\(marker)"),
        // A key in a URL's query (`?key=…`, `&access_token=…`), not a template's placeholder.
        ("url query secret", #"(?i)([?&](?:key|api[_\-]?key|apikey|token|access[_\-]?token|secret|sig|signature|password)=)(?![{$<%])[^&\s"'#{}]{8,}"#, "$1\(marker)"),
    ].compactMap { name, pattern, template in
        (try? NSRegularExpression(pattern: pattern)).map { (name, $0, template) }
    }

    /// `name = value` assignments whose value is replaced (the name stays readable): names with a
    /// password, secret, token or key word in them, or with `pass` or `pw` as a part of their own
    /// (`DB_PASS`, `POSTGRES_PW`; not `bypass`).
    private static let assignment: NSRegularExpression? = try? NSRegularExpression(
        pattern:
            #"(?i)\b((?:[A-Z0-9]+[_\-])*(?:pass|pw)(?:[_\-][A-Z0-9]+)*(?![A-Z0-9])|[A-Z0-9_\-]*(password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|private[_\-]?key|auth[_\-]?key|credentials?)[A-Z0-9_\-]*)("?\s*[:=]\s*)("[^"\n]*"|'[^'\n]*'|[^\s"',;]+)"#
    )

    /// The text with every secret replaced by `[REDACTED]`.
    package static func redact(_ text: String) -> String {
        guard mayContainSecret(text) else { return text }
        var result = text
        for (_, regex) in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = regex.stringByReplacingMatches(in: result, range: range, withTemplate: marker)
        }
        for (_, regex, template) in credentials {
            let range = NSRange(result.startIndex..., in: result)
            result = regex.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        if let assignment {
            let range = NSRange(result.startIndex..., in: result)
            result = assignment.stringByReplacingMatches(
                in: result, range: range, withTemplate: "$1$3" + NSRegularExpression.escapedTemplate(for: marker))
        }
        return result
    }

    /// The names of the detectors that fire on `text` (`aws access key`, `assignment`…), in table order:
    /// the review's secret-literal check asks this, so it sees exactly what redaction would replace.
    package static func detectors(in text: String) -> [String] {
        guard mayContainSecret(text) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        var names = patterns.filter { $0.regex.firstMatch(in: text, range: range) != nil }.map(\.name)
        names += credentials.filter { $0.regex.firstMatch(in: text, range: range) != nil }.map(\.name)
        if let assignment, let match = assignment.firstMatch(in: text, range: range),
            let value = Range(match.range(at: 4), in: text), text[value] != marker
        {
            names.append("assignment")
        }
        return names
    }

    /// The kind of provider's key (the names of `patterns`: `stripe key`, `aws access key`…) in a text of
    /// any length, or nil. Only a kind's own patterns run, and only over a window around each distinctive
    /// start of its keys (`keyStarts`), at most `maximumKeyWindows` of them: a long line (a one-line JSON
    /// config, a bundle) costs one pass over its bytes and a bounded number of small matches.
    package static func providerKey(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
        let (low, high) = keyStartBytes
        var covered = 0  // every key starting before this lay whole in a window already matched
        var windows = 0
        for start in bytes.indices where start >= covered {
            // Most bytes start no key: one bit test each.
            let first = lower(bytes[start])
            guard first < 64 ? low & (1 << first) != 0 : first < 128 && high & (1 << (first - 64)) != 0 else { continue }
            var kinds: [Int] = twilioKey(at: start, in: bytes) ? twilioPatterns : []
            for (fragment, patterns) in keyStartsByFirstByte[Int(first)] where start + fragment.count <= bytes.count {
                var offset = 1
                while offset < fragment.count && lower(bytes[start + offset]) == fragment[offset] { offset += 1 }
                if offset == fragment.count { kinds += patterns }
            }
            guard !kinds.isEmpty else { continue }
            // A key may start a little before its fragment (`sk` before `_live_`, a Sentry key before its host).
            let from = max(0, start - 128)
            let to = min(bytes.count, start + 1_024)
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
            let range = NSRange(text.startIndex..., in: text)
            if let found = kinds.first(where: { patterns[$0].regex.firstMatch(in: text, range: range) != nil }) {
                return patterns[found].name
            }
            windows += 1
            guard windows < maximumKeyWindows, to < bytes.count else { return nil }
            covered = to - 512
        }
        return nil
    }

    /// Windows `providerKey(in:)` matches at most in one text.
    package static let maximumKeyWindows = 256

    /// Lower-case distinctive starts of the keys of `patterns`, with the names of the patterns that find
    /// them (a Twilio key's start is found by `twilioKey(at:in:)`).
    private static let keyStarts: [(fragments: [String], patterns: [String])] = [
        (["-----begin "], ["private key block"]),
        (["akia", "asia", "abia", "acca", "aida", "aroa"], ["aws key pair", "aws access key"]),
        (["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat"], ["github token"]),
        (["sk-"], ["anthropic key", "openai key"]),
        (["aiza"], ["google api key"]), (["ya29."], ["google oauth token"]), (["gocspx-"], ["google oauth client secret"]),
        (["xox"], ["slack token"]), (["hooks.slack"], ["slack webhook"]),
        (["_live_", "_test_"], ["stripe key"]), (["whsec_"], ["stripe webhook secret"]),
        (["eyj"], ["jwt"]), (["bearer"], ["bearer token"]),
        (["glpat-", "gldt-", "glptt-", "glrt-", "glcbt-", "gloas-", "glft-", "glimt-", "glsoat-"], ["gitlab token"]),
        (["hf_"], ["hugging face token"]), (["npm_"], ["npm token"]), (["sg."], ["sendgrid key"]), (["sentry"], ["sentry dsn key"]),
    ]
    /// `keyStarts` by the fragment's first byte, the patterns as indices of `patterns`.
    private static let keyStartsByFirstByte: [[(fragment: [UInt8], patterns: [Int])]] = {
        var table = [[(fragment: [UInt8], patterns: [Int])]](repeating: [], count: 128)
        for (fragments, names) in keyStarts {
            let indices = names.compactMap { name in patterns.firstIndex { $0.name == name } }
            for fragment in fragments { table[Int(fragment.utf8.first ?? 0)].append((Array(fragment.utf8), indices)) }
        }
        return table
    }()
    private static let twilioPatterns = patterns.indices.filter { patterns[$0].name == "twilio api key" }
    /// The first bytes of `keyStarts`' fragments (and a Twilio key's `s`), as bits: bytes 0–63, then 64–127.
    private static let keyStartBytes: (UInt64, UInt64) = keyStarts.flatMap(\.fragments).reduce(into: (0, 1 << (0x73 - 64))) {
        let byte = UInt64($1.utf8.first ?? 0)
        if byte < 64 { $0.0 |= 1 << byte } else { $0.1 |= 1 << (byte - 64) }
    }

    /// Lower-case fragments of which every secret above holds one, but Twilio's (GitHub's prefixes in full: a
    /// bare "gh" is in one random id of twenty, and each hit runs every pattern). A Twilio key's "sk" is as
    /// common, so the pre-check asks for the 32 hex digits after it (`twilioKey(at:in:)`).
    private static let fragments = [
        "private key", "akia", "asia", "abia", "acca", "aida", "aroa", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat",
        "sk-", "aiza", "ya29.", "gocspx-", "authorization", "mysql", "mariadb", "pw",
        "xox", "hooks.slack", "_live_", "_test_", "whsec_", "eyj", "bearer", "pass", "pwd", "secret", "token",
        "key", "credential", "glpat-", "gldt-", "glptt-", "glrt-", "glcbt-", "gloas-", "glft-", "glimt-", "glsoat-", "hf_", "npm_",
        "sg.", "sentry", "://", "-u ", "-u=", "--user",
    ]
    /// The fragments' bytes, by their first byte.
    private static let fragmentsByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 128)
        for fragment in fragments { table[Int(fragment.utf8.first ?? 0)].append(Array(fragment.utf8)) }
        return table
    }()

    /// A cheap pre-check: text without any of the fragments holds none of the secrets above. ASCII text (ids,
    /// paths, keys: most of what is stored) is searched byte by byte, case folded on the fly; other text is
    /// lower-cased first, since lower-casing can make ASCII of other letters (the Kelvin sign is a "k").
    private static func mayContainSecret(_ text: String) -> Bool {
        var text = text
        let ascii: Bool? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
            for start in bytes.indices {
                for fragment in fragmentsByFirstByte[Int(lower(bytes[start]))] where start + fragment.count <= bytes.count {
                    var offset = 1
                    while offset < fragment.count && lower(bytes[start + offset]) == fragment[offset] { offset += 1 }
                    if offset == fragment.count { return true }
                }
                if twilioKey(at: start, in: bytes) { return true }
            }
            return false
        }
        if let ascii { return ascii }
        let lower = text.lowercased()
        if fragments.contains(where: { lower.contains($0) }) { return true }
        return Array(lower.utf8).withUnsafeBufferPointer { bytes in bytes.indices.contains { twilioKey(at: $0, in: bytes) } }
    }

    /// Whether `s`/`S`, `k`/`K` and 32 hex digits start at `start` (the pattern checks the rest).
    private static func twilioKey(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start + 34 <= bytes.count, bytes[start] | 0x20 == UInt8(ascii: "s"), bytes[start + 1] | 0x20 == UInt8(ascii: "k") else {
            return false
        }
        return bytes[(start + 2)..<(start + 34)].allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte | 0x20)
        }
    }
}
