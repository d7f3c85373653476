import Support
import Testing

@Suite("Secrets never reach the database")
struct SecretRedactorTests {
    /// One planted secret of each kind; built from pieces so this file itself trips no scanner.
    static let secrets: [(kind: String, secret: String)] = [
        ("aws", "AKIA" + "IOSFODNN7EXAMPLE"),
        ("github classic", "ghp_" + "1234567890abcdefghijABCDEFGHIJ123456"),
        ("github fine-grained", "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF"),
        ("anthropic", "sk-ant-" + "api03-abcdefghijklmnopqrstuvwxyz0123456789"),
        ("openai", "sk-proj-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCD"),
        ("google", "AIza" + "SyA1234567890abcdefghijklmnopqrstuv"),
        ("slack", "xoxb-" + "123456789012-1234567890123-abcdefghijklmnop"),
        ("stripe", "sk_live_" + "abcdefghijklmnop1234567890"),
        ("jwt", "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
    ]

    @Test("each provider's key format is replaced", arguments: secrets)
    func providerKeys(kind: String, secret: String) {
        let redacted = SecretRedactor.redact("please use \(secret) for the call")
        #expect(!redacted.contains(secret), "\(kind) survived: \(redacted)")
        #expect(redacted.contains("[REDACTED]"))
        #expect(redacted.hasPrefix("please use "))
    }

    @Test("a key glued to a word, a digit or an underscore is replaced too", arguments: secrets)
    func gluedKeys(kind: String, secret: String) {
        for prefix in ["config_", "tokenX", "id7", "x_"] {
            let redacted = SecretRedactor.redact("/home/a/src/app/\(prefix)\(secret).py end")
            #expect(!redacted.contains(secret), "\(kind) after \(prefix) survived: \(redacted)")
            #expect(redacted.hasSuffix(".py end"))
        }
    }

    @Test(
        "more providers' tokens, passwords in URLs and in -u NAME:PASSWORD are replaced; the rest of the text stays",
        arguments: [
            ("glpat-" + "xT3kq9VbN2mLp8RzW4yC", "glpat-"),
            ("hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "hf_"),
            ("npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "npm_"),
            ("SG." + "abcdefghijklmnopqrstuv" + "." + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg", "SG."),
            ("SK" + "0123456789abcdef0123456789ABCDEF", "SK"),
        ])
    func moreProviders(secret: String, prefix: String) {
        let redacted = SecretRedactor.redact("export TOKEN_VALUE \(secret) now")
        #expect(!redacted.contains(secret), "\(prefix) survived: \(redacted)")
        #expect(redacted.hasPrefix("export TOKEN_VALUE ") && redacted.hasSuffix(" now"))
    }

    @Test("passwords in URLs, -u NAME:PASSWORD and a Sentry DSN's key go; user names, hosts and plain URLs stay")
    func credentialsInText() {
        let password = "Tr0ub4dor" + "&3horsebattery"
        #expect(
            SecretRedactor.redact("DATABASE_URL_X postgres://admin:\(password)@db.internal:5432/app")
                == "DATABASE_URL_X postgres://admin:[REDACTED]@db.internal:5432/app")
        #expect(SecretRedactor.redact("git clone https://deploy:S3cr3tPassw0rd@registry.example.com/r.git")
            == "git clone https://deploy:[REDACTED]@registry.example.com/r.git")
        #expect(SecretRedactor.redact("curl -u admin:Pa55w0rdPa55w0rd https://api.example.com")
            == "curl -u admin:[REDACTED] https://api.example.com")
        #expect(SecretRedactor.redact("http --user=ci:hunter2hunter2 GET x") == "http --user=ci:[REDACTED] GET x")
        #expect(SecretRedactor.redact("REDIS_URL_X redis://:s3cretpass@cache:6379/0") == "REDIS_URL_X redis://:[REDACTED]@cache:6379/0")
        let key = "0123456789abcdef" + "0123456789abcdef"
        #expect(SecretRedactor.redact("dsn: https://\(key)@o123.ingest.sentry.io/42") == "dsn: https://[REDACTED]@o123.ingest.sentry.io/42")
        for plain in [
            "see https://example.com/a:b@c and ssh://git@github.com:org/repo.git", "git push -u origin main",
            "https://user@host.example/path", "time 10:30@home",
        ] {
            #expect(SecretRedactor.redact(plain) == plain)
        }
    }

    @Test("short password names, basic authorization, mysql -p, Google client secrets, AWS secrets and keys in a URL's query go")
    func moreShapes() {
        let value = "Kx7Wm2Xn" + "9Pv4Lr8Q"
        let aws = "wJalrXUtnFEMIK7M" + "DENGbPxRfiCYzQ3k8Lm2AbQx"
        for text in [
            "DB_PASS=\(value)", "PASS=\(value)", "POSTGRES_PW=\(value)", "export db-pass: \(value)",
            "Authorization: Basic YWRtaW46" + "S3g3V20yWG45UHY0THI4UQ==", "mysql -u root -p\(value) shop", "mysqldump -p\(value) shop",
            "client_secret GOCSPX-" + "Qw7Er9Ty2Ui4Op6As8Df0Gh3Jk5", "AKIA" + "Q3EGRTZ7XKMPL4WN \(aws)", "AKIA" + "Q3EGRTZ7XKMPL4WN,\(aws)",
            "AWS Secret Access Key [None]: \(aws)", "https://maps.googleapis.com/maps/api/geocode/json?key=\(value)Query",
            "GET /v1/items?limit=5&access_token=\(value)",
        ] {
            let redacted = SecretRedactor.redact(text)
            #expect(!redacted.contains(value) && !redacted.contains(aws) && !redacted.contains("GOCSPX-Qw7") && !redacted.contains("YWRtaW46"), "\(redacted)")
            #expect(redacted.contains(SecretRedactor.marker), "\(text)")
        }
        // Words that hold "pass", a -p that asks for the password, a template's placeholder, prose: unchanged.
        for plain in [
            "bypass=true", "compass = north", "passenger_count = 3", "mysql -p shop", "mysql -u root -p$MYSQL_PASSWORD_VAR",
            "https://maps.googleapis.com/json?key={api_key}", "Basic authentication is supported", "?page=12345678",
        ] {
            #expect(SecretRedactor.redact(plain) == plain, "\(plain)")
        }
    }

    @Test("words that only contain a generic prefix stay readable", arguments: [
        "feature/task-list-improvements-and-more", "ask-the-reviewer-about-pagination", "desk_test_fixtures_for_checkout_1234",
        // "sk" and 32 hex digits inside a longer word or hex string are not a Twilio key.
        "TASK" + "0123456789abcdef0123456789abcdef", "SK" + "0123456789abcdef0123456789abcdef0",
    ])
    func genericPrefixInWords(text: String) {
        #expect(SecretRedactor.redact(text) == text)
    }

    @Test("a private key block is replaced whole")
    func privateKey() {
        let block = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----"
        let redacted = SecretRedactor.redact("key:\n\(block)\ndone")
        #expect(!redacted.contains("MIIEowIBAAKCAQEA7"))
        #expect(redacted.hasSuffix("done"))
    }

    @Test("password= and token: assignments keep their name and lose their value", arguments: [
        ("DB_PASSWORD=hunter2secret", "hunter2secret", "DB_PASSWORD="),
        ("token: 'abc123def456'", "abc123def456", "token: "),
        ("\"api_key\": \"zzz-999-yyy\"", "zzz-999-yyy", "api_key"),
        ("export GITHUB_TOKEN=foo_bar_baz", "foo_bar_baz", "GITHUB_TOKEN="),
    ])
    func assignments(text: String, secret: String, kept: String) {
        let redacted = SecretRedactor.redact(text)
        #expect(!redacted.contains(secret), "\(redacted)")
        #expect(redacted.contains(kept))
    }

    @Test("the pre-check finds a secret in any case, next to other letters and in text that is not ASCII")
    func preCheck() {
        #expect(SecretRedactor.redact("My_Api_KEY = 'abc123def456ghi'") == "My_Api_KEY = [REDACTED]")
        #expect(SecretRedactor.redact("x:ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8@github.com") == "x:[REDACTED]@github.com")
        #expect(SecretRedactor.redact("café token=abcdef123456 ünï") == "café token=[REDACTED] ünï")
        #expect(SecretRedactor.redact("café SK" + "0123456789abcdef0123456789abcdef ünï") == "café [REDACTED] ünï")
        #expect(SecretRedactor.redact("msg_01PdWvcjJ6E9BgscDveYt9YV:req_011CY4TRHLYkp2wmETF8ujUf") == "msg_01PdWvcjJ6E9BgscDveYt9YV:req_011CY4TRHLYkp2wmETF8ujUf")
    }

    /// The kinds `secrets` leaves out, for the long-text search.
    static let moreKeys: [(kind: String, secret: String)] = [
        ("gitlab", "glpat-" + "xT3kq9VbN2mLp8RzW4yC"), ("hugging face", "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"),
        ("npm", "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"), ("twilio", "SK" + "0123456789abcdef0123456789ABCDEF"),
        ("sendgrid", "SG." + "abcdefghijklmnopqrstuv" + "." + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg"),
        ("sentry", "https://" + "0123456789abcdef0123456789abcdef" + "@o1.ingest.sentry.io/5"),
        ("private key", "-----BEGIN RSA " + "PRIVATE KEY-----MIIEpAIBAAKCAQEA"),
    ]

    @Test("a provider's key is found anywhere in a long text full of near misses; the text without it has none", arguments: secrets + moreKeys)
    func providerKeyInLongText(kind: String, secret: String) {
        func key(_ text: String) -> String? { Array(text.utf8).withUnsafeBufferPointer { SecretRedactor.providerKey(in: $0) } }
        let padding = String(repeating: "let sk_test_value = bearer(token); ", count: 1_500)
        #expect(key(padding + secret + "; " + padding) != nil, "\(kind)")
        #expect(key(padding + padding) == nil)
    }

    @Test("ordinary text is left alone")
    func ordinaryText() {
        let text = "Refactor the token parser and add a password reset endpoint (see docs/auth.md)."
        #expect(SecretRedactor.redact(text) == text)
    }
}
