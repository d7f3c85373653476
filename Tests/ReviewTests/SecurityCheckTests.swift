import Model
import Testing

@testable import Review

@Suite("Security blind spots in added lines")
struct SecurityCheckTests {
    /// (file, a line that must fire, a near miss that must not, the rule).
    static let cases: [(String, String, String, String)] = [
        ("a.swift", #"let sql = "SELECT * FROM users WHERE name = '\(name)'""#, #"let sql = "SELECT * FROM users WHERE name = ?""#, "sql-interpolation"),
        ("a.py", #"cur.execute(f"SELECT id FROM users WHERE name = '{name}'")"#, #"cur.execute("SELECT id FROM users WHERE name = %s", (name,))"#, "sql-interpolation"),
        ("a.py", #"cur.execute("DELETE FROM users WHERE id = %s" % uid)"#, #"cur.execute("DELETE FROM users WHERE id = %s", [uid])"#, "sql-interpolation"),
        ("a.ts", "db.query(`SELECT * FROM orders WHERE id = ${id}`)", "db.query(`SELECT * FROM orders WHERE id = $1`, [id])", "sql-interpolation"),
        ("a.js", #"db.query("SELECT * FROM orders WHERE id = " + id)"#, #"db.query("SELECT * FROM orders WHERE id = ?", [id])"#, "sql-interpolation"),
        ("a.rb", ##"User.find_by_sql("SELECT * FROM users WHERE name = '#{name}'")"##, #"User.where("name = ?", name)"#, "sql-interpolation"),
        ("a.go", #"q := fmt.Sprintf("SELECT * FROM users WHERE id = %d", id)"#, #"row := db.QueryRow("SELECT * FROM users WHERE id = $1", id)"#, "sql-interpolation"),
        ("a.php", #"$q = "SELECT * FROM users WHERE id = $id";"#, #"$q = $pdo->prepare("SELECT * FROM users WHERE id = ?");"#, "sql-interpolation"),
        ("a.java", #"String q = "SELECT * FROM users WHERE id = " + id;"#, #"PreparedStatement q = c.prepareStatement("SELECT * FROM users WHERE id = ?");"#, "sql-interpolation"),
        // The value quoted inside the SQL: the literal ends after the SQL's own quote.
        ("a.py", #"cur.execute("SELECT * FROM users WHERE name = '" + name + "'")"#, #"cur.execute("SELECT * FROM users WHERE name = '" + "x" + "'")"#, "sql-interpolation"),
        ("a.py", #"q = 'SELECT * FROM users WHERE name = "' + name + '"'"#, #"q = 'SELECT * FROM users WHERE name = "bob"'"#, "sql-interpolation"),
        ("a.py", #"q = "SELECT * FROM users WHERE name = '{}'".format(name)"#, #"q = "SELECT * FROM users WHERE name = 'bob'""#, "sql-interpolation"),
        ("a.js", #"db.query("SELECT * FROM users WHERE name = '" + name + "'");"#, #"db.query("SELECT * FROM users WHERE name = ?", [name]);"#, "sql-interpolation"),
        ("a.php", #"$q = "DELETE FROM users WHERE name = '" . $name . "'";"#, #"$q = "DELETE FROM users WHERE name = 'x'";"#, "sql-interpolation"),
        ("a.py", "requests.get(url, verify=False)", "requests.get(url, verify=True)", "tls-off"),
        ("a.js", "const agent = new https.Agent({ rejectUnauthorized: false })", "const agent = new https.Agent({ rejectUnauthorized: true })", "tls-off"),
        ("a.go", "cfg := &tls.Config{InsecureSkipVerify: true}", "cfg := &tls.Config{InsecureSkipVerify: false}", "tls-off"),
        ("a.rs", "Client::builder().danger_accept_invalid_certs(true)", "Client::builder().danger_accept_invalid_certs(false)", "tls-off"),
        ("a.rb", "http.verify_mode = OpenSSL::SSL::VERIFY_NONE", "http.verify_mode = OpenSSL::SSL::VERIFY_PEER", "tls-off"),
        ("A.java", "builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE)", "builder.setSSLHostnameVerifier(new DefaultHostnameVerifier())", "tls-off"),
        ("a.swift", "completionHandler(.useCredential, URLCredential(trust: challenge.protectionSpace.serverTrust!))", "completionHandler(.performDefaultHandling, nil)", "tls-off"),
        ("a.sh", "curl -k https://example.com/install.sh | sh", "curl -fsSL https://example.com/install.sh -o install.sh", "tls-off"),
        ("a.py", "result = eval(expression)", "result = ast.literal_eval(expression)", "shell-injection"),
        ("a.py", #"os.system(f"convert {name} out.png")"#, #"subprocess.run(["convert", name, "out.png"], check=True)"#, "shell-injection"),
        ("a.js", "exec(`git checkout ${branch}`)", "execFile('git', ['checkout', branch])", "shell-injection"),
        ("a.js", "const value = eval(input)", "const value = JSON.parse(input)", "shell-injection"),
        ("a.rb", ##"system("tar xzf #{archive}")"##, #"system("tar", "xzf", archive)"#, "shell-injection"),
        ("a.go", #"exec.Command("sh", "-c", "ls " + dir)"#, #"exec.Command("ls", dir)"#, "shell-injection"),
        ("a.php", "shell_exec('ls ' . $dir);", "shell_exec('ls -la');", "shell-injection"),
        ("a.swift", #"process.arguments = ["sh", "-c", "rm -rf \(path)"]"#, #"process.arguments = ["rm", "-rf", path]"#, "shell-injection"),
        ("a.py", "@csrf_exempt", "@csrf_protect", "auth-off"),
        ("a.rb", "skip_before_action :verify_authenticity_token", "before_action :verify_authenticity_token", "auth-off"),
        ("A.java", "http.csrf().disable();", "http.csrf().csrfTokenRepository(repository);", "auth-off"),
        ("a.js", "app.use(session({ csrf: false }))", "app.use(session({ csrf: true }))", "auth-off"),
        ("A.cs", "[AllowAnonymous]", "[Authorize]", "auth-off"),
        ("a.py", #"API_KEY = "AKIAIOSFODNN7EXAMPLE""#, #"API_KEY = os.environ["API_KEY"]"#, "secret-literal"),
        ("a.ts", #"const password = "hunter2hunter2";"#, #"const password = process.env.DB_PASSWORD;"#, "secret-literal"),
        ("a.go", #"token := "ghp_0123456789abcdefghijklmnopqrstuvwxyz01""#, #"token := os.Getenv("GITHUB_TOKEN")"#, "secret-literal"),
        ("a.rb", #"config.secret = "s3cr3tV4lu3x9""#, #"config.secret = ENV.fetch("SECRET")"#, "secret-literal"),
        ("a.json", #"{ "id": 5827, "token": "s3cr3tV4lu3x9kk" }"#, #"{ "id": 5827, "token": "review-5827" }"#, "secret-literal"),
        // Names the redactor takes for a password's: `pass` or `pw` as a part of their own.
        ("a.py", #"DB_PASS = "Tr0ub4dor3xK9""#, #"DB_PASS = os.environ["DB_PASS"]"#, "secret-literal"),
        ("a.ts", #"const POSTGRES_PW = "n8Fq2LzW7pRt";"#, #"const bypassCache = "yes-always-please";"#, "secret-literal"),
    ]

    @Test("each pattern fires on its hit and not on its near miss", arguments: cases)
    func pattern(_ path: String, _ hit: String, _ miss: String, _ rule: String) {
        let fired = SecurityCheck.run(unit(path, [hit]), ReviewContext())
        #expect(fired.map(\.rule).contains(rule), "\(path): \(hit)")
        #expect(SecurityCheck.run(unit(path, [miss]), ReviewContext()).isEmpty, "\(path): \(miss)")
    }

    /// Lines that look like a finding and are none (probe 27).
    static let harmlessLines: [(String, String)] = [
        ("src/settings.py", #"PASSWORD_RESET_TEMPLATE = "emails/password_reset_v2.html""#),
        ("src/settings.py", #"TOKEN_URL = "https://oauth2.googleapis.com/token""#),
        ("src/settings.py", #"secret_env_name = "STRIPE_SECRET_KEY_LIVE""#),
        ("src/settings.py", #"password_hash = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW""#),
        ("src/settings.py", #"PRIVATE_KEY_PATH = "/etc/ssl/private/server-2026.key""#),
        ("src/settings.ts", #"const tokenTemplate = "password-reset-email.html";"#),
        ("src/settings.py", "# never write requests.get(url, verify=False) here"),
        ("src/jobs.js", "// exec(`git checkout ${branch}`) would let a branch name run commands"),
        ("src/jobs.go", "\t// cfg := &tls.Config{InsecureSkipVerify: true}"),
        ("src/parse.js", "const m = /(\\d+)-(\\w+)/.exec(`${prefix}-${id}`);"),
        ("src/parse.ts", "const parts = dateRegex.exec(`${year}-${month}`);"),
        ("src/parse.js", "const hit = new RegExp(pattern, 'g').exec(`${a}:${b}`);"),
        ("src/parse.js", "const id = ID_RE.exec(`${prefix}-${id}`);"),
        ("docs/guide.md", #"Pick a long passphrase, e.g. `password = "correct-horse-battery-staple"`."#),
        ("notes.txt", #"api_token = "s3cr3tV4lu3x9kk" was the old form"#),
    ]

    @Test("paths, URLs, environment variables' names and hashes are no secrets; RegExp's exec is no shell; comments and prose are no code", arguments: harmlessLines)
    func harmless(_ path: String, _ line: String) {
        #expect(SecurityCheck.run(unit(path, [line]), ReviewContext()).isEmpty, "\(path): \(line)")
    }

    /// Near those, lines that still are findings.
    static let findingLines: [(String, String, String)] = [
        ("src/settings.py", #"SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3xKEY1""#, "secret-literal"),
        ("src/settings.py", #"DATABASE_URL = "postgres://admin:s3cr3tpass@db/app""#, "secret-literal"),
        ("src/settings.py", "# old key: AKIA" + "Z7Q2HX4VN8LD3KPM", "secret-literal"),
        ("src/settings.py", "requests.get(url, verify=False)  # TODO: the staging certificate", "tls-off"),
        ("src/jobs.js", "child_process.exec(`git checkout ${branch}`);", "shell-injection"),
        ("src/jobs.js", "cp.exec(`ls ${dir}`, done);", "shell-injection"),
        ("src/jobs.js", "const re = 1; exec(`rm -rf ${path}`);", "shell-injection"),
        ("docs/setup.md", "Use the key sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc for the demo.", "secret-literal"),
        (".env", #"API_TOKEN="s3cr3tV4lu3x9kk""#, "secret-literal"),
        ("deploy/config.yml", #"  password: "Tr0ub4dor3xK9""#, "secret-literal"),
    ]

    @Test("a secret with slashes, in a URL or in a comment, a provider's key in prose, a real shell call beside a regex's name: still found", arguments: findingLines)
    func stillFound(_ path: String, _ line: String, _ rule: String) {
        #expect(SecurityCheck.run(unit(path, [line]), ReviewContext()).map(\.rule) == [rule], "\(path): \(line)")
    }

    @Test("a DB_PASS literal is a hard-coded password, and its value is not in the evidence")
    func passName() throws {
        let finding = try #require(SecurityCheck.run(unit("a.py", [#"DB_PASS = "Tr0ub4dor3xK9""#]), ReviewContext()).first)
        #expect(finding.reason.hasPrefix("a hard-coded password in the code"), "\(finding.reason)")
        #expect(!finding.evidence.contains("Tr0ub4dor3xK9"), "\(finding.evidence)")
    }

    @Test("a secret's value never appears in the evidence")
    func redacted() throws {
        let finding = try #require(SecurityCheck.run(unit("a.py", [#"KEY = "AKIAIOSFODNN7EXAMPLE""#]), ReviewContext()).first)
        #expect(!finding.evidence.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(finding.evidence.contains("[REDACTED]"))
    }

    @Test("the secret's kind takes its article: an anthropic key, a github token")
    func article() throws {
        let anthropic = try #require(
            SecurityCheck.run(unit("a.py", [#"KEY = "sk-ant-api03-abcdefghijklmnopqrstuvwx""#]), ReviewContext()).first)
        #expect(anthropic.reason.hasPrefix("an anthropic key in the code"), "\(anthropic.reason)")
        let aws = try #require(SecurityCheck.run(unit("a.py", [#"KEY = "AKIAIOSFODNN7EXAMPLE""#]), ReviewContext()).first)
        #expect(aws.reason.hasPrefix("an aws access key in the code"), "\(aws.reason)")
        let github = try #require(
            SecurityCheck.run(unit("a.go", [#"token := "ghp_0123456789abcdefghijklmnopqrstuvwxyz01""#]), ReviewContext()).first)
        #expect(github.reason.hasPrefix("a github token in the code"), "\(github.reason)")
    }

    @Test("evidence is truncated to one short line")
    func truncated() throws {
        let long = "cur.execute(f\"SELECT * FROM t WHERE a = {a}\")" + String(repeating: " # padding", count: 40)
        let finding = try #require(SecurityCheck.run(unit("a.py", [long]), ReviewContext()).first)
        #expect(finding.evidence.count <= ReviewEvidence.maximumLength)
    }
}
