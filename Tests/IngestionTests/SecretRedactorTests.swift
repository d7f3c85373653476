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

    @Test("words that only contain a generic prefix stay readable", arguments: [
        "feature/task-list-improvements-and-more", "ask-the-reviewer-about-pagination", "desk_test_fixtures_for_checkout_1234",
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
        #expect(SecretRedactor.redact("msg_01PdWvcjJ6E9BgscDveYt9YV:req_011CY4TRHLYkp2wmETF8ujUf") == "msg_01PdWvcjJ6E9BgscDveYt9YV:req_011CY4TRHLYkp2wmETF8ujUf")
    }

    @Test("ordinary text is left alone")
    func ordinaryText() {
        let text = "Refactor the token parser and add a password reset endpoint (see docs/auth.md)."
        #expect(SecretRedactor.redact(text) == text)
    }
}
