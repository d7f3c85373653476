/// The recipes `ReviewPlants` plants: each makes one task's files from a variant number, with the
/// rules that must fire (`planted`) and those that must not (`nearMisses`).
enum ReviewPlantsCatalog {
    typealias Task = ReviewPlants.PlannedTask
    typealias Expected = ReviewPlants.Expected

    static func task(
        _ subject: String, _ files: [String: ReviewPlantsFile], planted: [(String, String?)] = [],
        nearMisses: [(String, String?)] = []
    ) -> Task {
        Task(
            key: "", ai: false, files: files, planted: planted.map { Expected(rule: $0.0, file: $0.1) },
            nearMisses: nearMisses.map { Expected(rule: $0.0, file: $0.1) }, subject: subject)
    }

    /// The baseline every task starts from.
    static let baseline: [String: ReviewPlantsFile] = [
        "package.json": .text([
            "{", #"  "name": "shop","#, #"  "version": "1.0.0","#, #"  "dependencies": {"#, #"    "axios": "^1.7.0","#,
            #"    "express": "^4.19.0""#, "  },", #"  "devDependencies": {"#, #"    "jest": "^29.7.0""#, "  }", "}",
        ]),
        "package-lock.json": .text(["{", #"  "name": "shop","#, #"  "lockfileVersion": 3"#, "}"]),
        "requirements.txt": .text(["requests==2.31.0", "pytest==8.2.0"]),
        "go.mod": .text(["module example.com/shop", "", "go 1.22", "", "require github.com/sirupsen/logrus v1.9.3"]),
        "go.sum": .text(["github.com/sirupsen/logrus v1.9.3 h1:dueUQJ1C2q9oE3F7wvmSGAaVtTmUizReu6fjN8uqzbQ="]),
        "Gemfile": .text([#"source "https://rubygems.org""#, #"gem "faraday", "~> 2.9""#]),
        "Gemfile.lock": .text(["GEM", "  specs:", "    faraday (2.9.0)"]),
        "Package.swift": .text([
            "// swift-tools-version: 6.0", "import PackageDescription", "let package = Package(", #"    name: "Shop","#,
            #"    dependencies: [.package(url: "https://github.com/apple/swift-log.git", from: "1.5.0")],"#,
            #"    targets: [.target(name: "Shop", dependencies: [.product(name: "Logging", package: "swift-log")])]"#, ")",
        ]),
        "src/orders/pricing.py": .text(pricing("price_order")),
        "src/legacy/original.py": .text(["def legacy():", "    return 'unchanged'"]),
        "docs/old-notes.md": .text(["# Old notes", "", "Nothing to see."]),
        "Sources/Shop/Shop.swift": .text(["import Foundation", "import Logging", "", "let logger = Logger(label: \"shop\")"]),
    ]

    static func pricing(_ name: String) -> [String] {
        [
            "def \(name)(order, rates):",
            "    subtotal = sum(line.quantity * line.unit_price for line in order.lines)",
            "    discount = subtotal * rates.get(order.customer_tier, 0.0)",
            "    shipping = 0 if subtotal - discount >= rates['free_shipping_over'] else rates['shipping']",
            "    tax = round((subtotal - discount + shipping) * rates['vat'], 2)",
            "    total = round(subtotal - discount + shipping + tax, 2)",
            "    return {'subtotal': subtotal, 'discount': discount, 'shipping': shipping, 'tax': tax, 'total': total}",
        ]
    }

    /// Distinct lines that repeat nothing (no shared shingles between variants).
    static func filler(_ variant: Int, lines: Int) -> [String] {
        (1...lines).map { index in "weight_\(variant)_\(index) = \((variant * 31 + index * 17) % 97) * scale_\(variant)_\(index)" }
    }

    /// Recipes whose findings must fire.
    static let hits: [@Sendable (Int) -> Task] = [
        { n in
            let path = "src/reports/sales_\(n).py"
            return task("sales report", [path: .text([
                "import sqlite3", "", "def total_\(n)(cur, region):",
                "    return cur.execute(f\"SELECT SUM(amount) FROM sales WHERE region = '{region}'\")",
            ])], planted: [("sql-interpolation", path)])
        },
        { n in
            let path = "src/api/orders_\(n).ts"
            return task("order lookup", [path: .text([
                "export async function find\(n)(db: any, id: string) {", "  return db.query(`SELECT * FROM orders WHERE id = ${id}`);", "}",
            ])], planted: [("sql-interpolation", path)])
        },
        { n in
            let path = "cmd/report\(n)/main.go"
            return task("user report", [path: .text([
                "package main", "", "import \"fmt\"", "", "func query\(n)(id int) string {",
                "\treturn fmt.Sprintf(\"SELECT * FROM users WHERE id = %d\", id)", "}",
            ])], planted: [("sql-interpolation", path)])
        },
        { n in
            let path = "src/clients/rates_\(n).py"
            return task("exchange rates", [path: .text([
                "import requests", "", "def fetch_\(n)(url):", "    return requests.get(url, verify=False, timeout=5)",
            ])], planted: [("tls-off", path)])
        },
        { n in
            let path = "src/clients/feed\(n).js"
            return task("feed client", [path: .text([
                "const https = require('https');", "const agent\(n) = new https.Agent({ rejectUnauthorized: false });",
                "module.exports = agent\(n);",
            ])], planted: [("tls-off", path)])
        },
        { n in
            let path = "scripts/convert_\(n).py"
            return task("thumbnail script", [path: .text([
                "import os", "", "def convert_\(n)(name):", "    os.system(f\"convert {name} out_\(n).png\")",
            ])], planted: [("shell-injection", path)])
        },
        { n in
            let path = "lib/tasks/archive_\(n).rb"
            return task("archive task", [path: .text(["def unpack_\(n)(archive)", "  system(\"tar xzf #{archive}\")", "end"])],
                planted: [("shell-injection", path)])
        },
        { n in
            let path = "src/jobs/checkout\(n).js"
            return task("branch job", [path: .text([
                "const { exec } = require('child_process');", "function switch\(n)(branch) {", "  exec(`git checkout ${branch}`);", "}",
            ])], planted: [("shell-injection", path)])
        },
        { n in
            let path = "src/config/settings_\(n).py"
            let digits = String(String(n * 7_919).reversed()).padding(toLength: 12, withPad: "7", startingAt: 0)
            return task("storage settings", [path: .text(["BUCKET_\(n) = 'shop-media'", "AWS_KEY_ID = \"AKIAZ7Q2\(digits)\""])],
                planted: [("secret-literal", path)])
        },
        { n in
            let path = "src/views/webhook_\(n).py"
            return task("incoming webhook", [path: .text(["@csrf_exempt", "def hook_\(n)(request):", "    return None"])],
                planted: [("auth-off", path)])
        },
        { n in
            let path = "src/main/java/shop/WebConfig\(n).java"
            return task("web config", [path: .text([
                "class WebConfig\(n) {", "  void configure(HttpSecurity http) throws Exception {", "    http.csrf().disable();", "  }", "}",
            ])], planted: [("auth-off", path)])
        },
        { n in
            task("report formatting", ["requirements.txt": .insert(after: "pytest==8.2.0", ["shop-tables-\(n)==1.0.0"])],
                planted: [("new-dependency", "requirements.txt")])
        },
        { n in
            task("widgets", ["package.json": .insert(after: #"  "dependencies": {"#, [#"    "shop-widgets-\#(n)": "^1.0.0","#])],
                planted: [("new-dependency", "package.json"), ("lock-file", "package.json")])
        },
        { n in
            let path = "src/tools/fmt_\(n).py"
            return task("formatting helper", [path: .text(["import quickparse_\(n)", "", "VALUE_\(n) = quickparse_\(n).load('x')"])],
                planted: [("unknown-import", path)])
        },
        { n in
            let path = "src/ui/pad\(n).ts"
            return task("padding helper", [path: .text(["import { pad } from 'leftish-pad-\(n)';", "export const padded\(n) = pad('x', \(n));"])],
                planted: [("unknown-import", path)])
        },
        { n in
            let path = "internal/sync\(n)/sync.go"
            return task("sync helper", [path: .text(["package sync\(n)", "", "import \"github.com/nosuch/thing\(n)\"", "", "var V = thing\(n).New()"])],
                planted: [("unknown-import", path)])
        },
        { n in
            task("http client", [
                "package.json": .insert(after: #"  "dependencies": {"#, [#"    "got": "^14.\#(n).0","#]),
                "package-lock.json": .insert(after: "{", [#"  "got-\#(n)": true,"#]),
            ], planted: [("new-dependency", "package.json"), ("second-dependency", "package.json")])
        },
        { n in
            task("async client", ["requirements.txt": .insert(after: "requests==2.31.0", ["httpx==0.27.\(n)"])],
                planted: [("new-dependency", "requirements.txt"), ("second-dependency", "requirements.txt")])
        },
        { n in
            let path = "src/orders/discount_\(n).py"
            return task("discount totals", [path: .text(pricing("discount_total_\(n)"))], planted: [("repeated-code", path)])
        },
        { n in
            let path = "Sources/Shop/RateSource\(n).swift"
            return task("rate source", [path: .text([
                "protocol RateSource\(n) {", "    func rate() -> Double", "}", "",
                "struct LiveRateSource\(n): RateSource\(n) {", "    func rate() -> Double { 1.0 }", "}",
            ])], planted: [("single-implementation", path)])
        },
        { n in
            let path = "src/store/store\(n).ts"
            return task("store", [path: .text([
                "export interface Store\(n) {", "  get(key: string): string;", "}", "",
                "export class MemoryStore\(n) implements Store\(n) {", "  get(key: string): string { return key; }", "}",
            ])], planted: [("single-implementation", path)])
        },
        { n in
            let path = "Sources/Shop/ParserFactory\(n).swift"
            return task("parser factory", [path: .text([
                "final class ParserFactory\(n) {", "    func make() -> Parser\(n) {", "        return JSONParser\(n)()", "    }", "}",
            ])], planted: [("one-type-factory", path)])
        },
        { n in
            let path = "src/auth/session_guard_\(n).py"
            return task("session guard", [path: .text(["def allowed_\(n)(user):", "    return user is not None"])],
                planted: [("sensitive-path", path)])
        },
    ]

    /// Recipes close to a finding that must not fire (some plant another rule that must).
    static let nearMisses: [@Sendable (Int) -> Task] = [
        { n in
            let path = "src/reports/region_\(n).py"
            return task("region report", [path: .text([
                "def region_\(n)(cur, region):", "    return cur.execute(\"SELECT SUM(amount) FROM sales WHERE region = %s\", (region,))",
            ])], nearMisses: [("sql-interpolation", path)])
        },
        { n in
            let path = "src/api/customers_\(n).ts"
            return task("customer lookup", [path: .text([
                "export async function customer\(n)(db: any, id: string) {", "  return db.query('SELECT * FROM customers WHERE id = $1', [id]);", "}",
            ])], nearMisses: [("sql-interpolation", path)])
        },
        { n in
            let path = "src/clients/stock_\(n).py"
            return task("stock client", [path: .text(["import requests", "", "def stock_\(n)(url):", "    return requests.get(url, verify=True, timeout=5)"])],
                nearMisses: [("tls-off", path), ("unknown-import", path)])
        },
        { n in
            let path = "scripts/resize_\(n).py"
            return task("resize script", [path: .text([
                "import subprocess", "", "def resize_\(n)(name):", "    subprocess.run([\"convert\", name, \"-resize\", \"50%\", name], check=True)",
            ])], nearMisses: [("shell-injection", path)])
        },
        { n in
            let path = "src/config/keys_\(n).py"
            return task("key settings", [path: .text(["import os", "", "AWS_KEY_ID = os.environ[\"AWS_KEY_ID\"]", "TOKEN_LABEL = 'review-\(n)'"])],
                nearMisses: [("secret-literal", path)])
        },
        { n in
            let path = "src/views/form_\(n).py"
            return task("contact form", [path: .text(["@csrf_protect", "def form_\(n)(request):", "    return None"])],
                nearMisses: [("auth-off", path)])
        },
        { n in
            let path = "src/api/client\(n).ts"
            return task("api client", [path: .text(["import axios from 'axios';", "import { readFile } from 'node:fs/promises';", "export const client\(n) = axios.create();"])],
                nearMisses: [("unknown-import", path)])
        },
        { n in
            task("ui kit", [
                "package.json": .insert(after: #"  "dependencies": {"#, [#"    "shop-ui-\#(n)": "^2.0.0","#]),
                "package-lock.json": .insert(after: "{", [#"  "shop-ui-\#(n)": true,"#]),
            ], planted: [("new-dependency", "package.json")], nearMisses: [("lock-file", "package.json"), ("second-dependency", "package.json")])
        },
        { n in
            let path = "Sources/Shop/Clock\(n).swift"
            return task("clocks", [path: .text([
                "protocol Clock\(n) {", "    func now() -> Double", "}", "", "struct SystemClock\(n): Clock\(n) {", "    func now() -> Double { 0 }", "}",
                "", "struct FixedClock\(n): Clock\(n) {", "    func now() -> Double { 1 }", "}",
            ])], nearMisses: [("single-implementation", path)])
        },
        { n in
            let path = "Sources/Shop/ExporterFactory\(n).swift"
            return task("exporter factory", [path: .text([
                "final class ExporterFactory\(n) {", "    func make(csv: Bool) -> Exporter\(n) {", "        if csv { return CSVExporter\(n)() }",
                "        return JSONExporter\(n)()", "    }", "}",
            ])], nearMisses: [("one-type-factory", path)])
        },
        { n in
            let path = "src/text/tokenizer_\(n).py"
            return task("tokenizer", [path: .text(["def tokens_\(n)(text):", "    return text.split()"])],
                nearMisses: [("sensitive-path", path)])
        },
        { n in
            let path = "src/orders/invoice_\(n).py"
            return task("invoice lines", [path: .text(filler(n, lines: 8))], nearMisses: [("repeated-code", path)])
        },
    ]
}
