import Model
import Testing

@testable import Review

@Suite("Weak zone, second way, over-engineering")
struct OtherChecksTests {
    @Test("weak-zone category with the team's ratio; a strength-zone task is not flagged")
    func weakCategory() throws {
        let context = ReviewContext(ratios: [.algorithm: 1.3])
        let finding = try #require(WeakZoneCheck.run(unit("a.txt", ["x"], category: .algorithm), context).first)
        #expect(finding.rule == "weak-category")
        #expect(finding.reason.contains("1.30"))
        #expect(WeakZoneCheck.run(unit("a.txt", ["x"], category: .crud), context).isEmpty)
    }

    @Test("security-sensitive paths by whole words; near misses do not fire",
        arguments: [("src/auth/login.py", true), ("Sources/PaymentGateway.swift", true), ("lib/crypto/keys.rb", true),
            ("docs/authors.md", false), ("src/tokenizer.py", false), ("src/sessions/reader.swift", false)])
    func sensitivePath(_ path: String, _ fires: Bool) {
        #expect(WeakZoneCheck.run(unit(path, ["x = 1"]), ReviewContext()).contains { $0.rule == "sensitive-path" } == fires)
    }

    @Test("tests, docs and lock files under a sensitive folder (the paths Commands names by the classifier's rules) are not flagged")
    func sensitivePathSpared() {
        var unit = unit("tests/auth/test_login.py", ["def test_login():"])
        unit.diffs[0].files.append(CommitDiff.File(path: "src/auth/login.py", added: [CommitDiff.Line(number: 1, text: "x = 1")]))
        unit.testDocAndLockPaths = ["tests/auth/test_login.py"]
        #expect(WeakZoneCheck.run(unit, ReviewContext()).compactMap(\.file) == ["src/auth/login.py"])
    }

    @Test("a second package of a family the project already uses; a first one is not flagged")
    func secondDependency() {
        let existing = ReviewContext(manifests: ["package.json": #""axios": "^1.0.0","# + "\n" + #""got": "^14.0.0","#])
        let findings = SecondWayCheck.run(unit("package.json", [#""got": "^14.0.0","#]), existing)
        #expect(findings.map(\.rule) == ["second-dependency"])
        #expect(findings.first?.reason.contains("axios") == true)
        let fresh = ReviewContext(manifests: ["package.json": #""got": "^14.0.0","#])
        #expect(SecondWayCheck.run(unit("package.json", [#""got": "^14.0.0","#]), fresh).isEmpty)
        #expect(SecondWayCheck.run(unit("package.json", [#""lodash": "^4.0.0","#]), existing).isEmpty)
        // Another ecosystem's client is no second way: a front end's axios beside a back end's requests.
        let polyglot = ReviewContext(manifests: ["backend/requirements.txt": "requests==2.31.0\n", "frontend/package.json": "{}"])
        #expect(SecondWayCheck.run(unit("frontend/package.json", [#""axios": "^1.7.0","#]), polyglot).isEmpty)
        #expect(SecondWayCheck.run(unit("backend/requirements.txt", ["httpx==0.27.0"]), polyglot).map(\.rule) == ["second-dependency"])
    }

    @Test("a package appended after the last entry of a package.json: the entry that gained a comma is not new, the appended one is")
    func appendedAfterLastEntry() {
        // git's view of appending "got": the old last line removed and added back with a comma.
        let file = CommitDiff.File(
            path: "package.json", status: .modified,
            added: [CommitDiff.Line(number: 12, text: #"    "axios": "^1.7.0","#), CommitDiff.Line(number: 13, text: #"    "got": "^14.0.0""#)],
            deletedCount: 1, removed: [CommitDiff.Line(number: 12, text: #"    "axios": "^1.7.0""#)])
        let appended = ReviewUnit(
            id: "t1", key: "T-1", title: "task", repository: "/repo", author: "a@example.com", ai: true, category: .crud, end: 0,
            churnedLines: 0, linesAdded: 2, diffs: [CommitDiff(hash: "abc123", files: [file])])
        #expect(DependencyCheck.added(appended).map(\.name) == ["got"])
        let manifest = ReviewContext(manifests: ["package.json": #""axios": "^1.7.0","# + "\n" + #""got": "^14.0.0""#])
        #expect(SecondWayCheck.run(appended, manifest).map(\.rule) == ["second-dependency"])
        // Two entries inserted in the middle, each with its comma, nothing removed: both new.
        let inserted = unit("package.json", [#""got": "^14.0.0","#, #""zod": "^3.0.0","#])
        #expect(DependencyCheck.added(inserted).map(\.name) == ["got", "zod"])
    }

    static let existing = """
        def normalise_address(record):
            street = record.get("street", "").strip().title()
            city = record.get("city", "").strip().title()
            postcode = record.get("postcode", "").replace(" ", "").upper()
            country = record.get("country", "GB").upper()
            return {"street": street, "city": city, "postcode": postcode, "country": country}
        """

    @Test("an added block that repeats code elsewhere names the place; a different block does not fire")
    func repeatedCode() throws {
        let copy = Self.existing.replacingOccurrences(of: "normalise_address", with: "clean_address")
            .split(separator: "\n").map(String.init)
        let different = (0..<8).map { "    value_\($0) = compute_\($0)(record, \($0) * factor)" }
        let sources = ["app/addresses.py": Self.existing, "app/new.py": "x = 1\n"]
        let context = ReviewContext(sources: sources, units: [unit("app/new.py", copy), unit("app/new.py", different)])
        let finding = try #require(SecondWayCheck.run(unit("app/new.py", copy), context).first)
        #expect(finding.rule == "repeated-code")
        #expect(finding.reason.contains("app/addresses.py:1"))
        #expect(SecondWayCheck.run(unit("app/new.py", different), context).isEmpty)
    }

    /// The license header every file of a project carries, as `//`, `#` and `/* … */` comments.
    static let license = [
        "Copyright 2026 Acme Shop GmbH", "", #"Licensed under the Apache License, Version 2.0 (the "License");"#,
        "you may not use this file except in compliance with the License.", "You may obtain a copy of the License at", "",
        "    http://www.apache.org/licenses/LICENSE-2.0", "",
        "Unless required by applicable law or agreed to in writing, software",
        #"distributed under the License is distributed on an "AS IS" BASIS,"#,
        "WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.",
        "See the License for the specific language governing permissions and", "limitations under the License.",
    ]
    static let headers: [(String, [String])] = [
        ("src/shipping.js", license.map { $0.isEmpty ? "//" : "// " + $0 }),
        ("app/shipping.py", ["#!/usr/bin/env python3"] + license.map { $0.isEmpty ? "#" : "# " + $0 }),
        ("pkg/shipping.go", ["/*"] + license + ["*/"]),
        ("Sources/Shipping.swift", ["/*"] + license.map { " * " + $0 } + [" */"]),
    ]

    @Test("a new file's license header, which the tree's files carry too, is no repeated code; a copied block after it is", arguments: headers)
    func licenseHeader(_ path: String, _ header: [String]) throws {
        let own = header + ["", "export function shipping(o) { return o.weight * 2; }"]
        let copied = header + [""] + Self.existing.split(separator: "\n").map(String.init)
        let sources = ["src/orders." + (path.split(separator: ".").last ?? ""): (header + ["", "function total(o) { return o.items.length; }"]).joined(separator: "\n"),
            "app/addresses.py": Self.existing]
        let context = ReviewContext(sources: sources, units: [unit(path, own), unit(path, copied)])
        #expect(SecondWayCheck.run(unit(path, own), context).isEmpty)
        let finding = try #require(SecondWayCheck.run(unit(path, copied), context).first)
        #expect(finding.reason.contains("app/addresses.py:1") && finding.line == header.count + 2, "\(finding)")
    }

    @Test("a protocol with one implementation fires; with two it does not")
    func singleImplementation() {
        let added = ["protocol PriceSource {", "    func price() -> Int", "}"]
        let one = ReviewContext(mentions: [
            "PriceSource": [("Sources/A.swift", 1, "protocol PriceSource {"), ("Sources/B.swift", 3, "struct Live: PriceSource {")]
        ])
        #expect(OverEngineeringCheck.run(unit("Sources/A.swift", added), one).map(\.rule) == ["single-implementation"])
        var two = one
        two.mentions["PriceSource"]?.append(("Sources/C.swift", 2, "final class Fake: Equatable, PriceSource {"))
        #expect(OverEngineeringCheck.run(unit("Sources/A.swift", added), two).isEmpty)
    }

    @Test("interfaces and abstract classes in other languages", arguments: [
        ("a.ts", "export interface Store {", "class MemoryStore implements Store {"),
        ("A.java", "public abstract class Handler {", "public class Only extends Handler {"),
        ("a.py", "class Repository(ABC):", "class SqlRepository(Repository):"),
    ])
    func otherLanguages(_ path: String, _ declaration: String, _ implementation: String) throws {
        let candidate = try #require(OverEngineeringCheck.candidates(unit(path, [declaration])).first)
        let context = ReviewContext(mentions: [candidate.name: [(path, 1, declaration), ("impl" + path, 4, implementation)]])
        #expect(OverEngineeringCheck.run(unit(path, [declaration]), context).map(\.rule) == ["single-implementation"])
    }

    @Test("a factory that makes one type fires; one that makes two does not")
    func factory() {
        let one = ["final class ParserFactory {", "    func make() -> Parser {", "        return JSONParser()", "    }", "}"]
        #expect(OverEngineeringCheck.run(unit("F.swift", one), ReviewContext()).map(\.rule) == ["one-type-factory"])
        let two = one.dropLast(2) + ["        if csv { return CSVParser() }", "        return JSONParser()", "    }", "}"]
        #expect(OverEngineeringCheck.run(unit("F.swift", Array(two)), ReviewContext()).isEmpty)
    }

    @Test("added lines deleted again within the window fire, for human work too; little churn does not")
    func churn() {
        #expect(OverEngineeringCheck.run(unit("a.txt", ["x"], churned: 30, added: 80), ReviewContext()).map(\.rule) == ["churn"])
        #expect(OverEngineeringCheck.run(unit("a.txt", ["x"], churned: 5, added: 80), ReviewContext()).isEmpty)
        #expect(OverEngineeringCheck.run(unit("a.txt", ["x"], churned: 15, added: 200), ReviewContext()).isEmpty)
        #expect(OverEngineeringCheck.run(unit("a.txt", ["x"], ai: false, churned: 30, added: 80), ReviewContext()).map(\.rule) == ["churn"])
    }

    @Test("units are ranked by risk; a unit without findings is left out")
    func ranking() {
        var quiet = unit("a.txt", ["hello"])
        quiet.id = "quiet"
        var risky = unit("a.py", ["requests.get(url, verify=False)", #"cur.execute(f"SELECT a FROM t WHERE b = {b}")"#])
        risky.id = "risky"
        var mild = unit("a.py", ["requests.get(url, verify=False)"])
        mild.id = "mild"
        let report = Reviewer.review([quiet, mild, risky], contexts: [:], scope: "test")
        #expect(report.items.map(\.id) == ["risky", "mild"])
        #expect(report.reviewed == 3)
    }

    @Test("equal risk: the later task first, then by id")
    func ties() {
        func mild(_ id: String, end: Int64) -> ReviewUnit {
            var unit = unit("a.py", ["requests.get(url, verify=False)"])
            unit.id = id
            unit.end = end
            return unit
        }
        let report = Reviewer.review([mild("older", end: 100), mild("newer", end: 200), mild("also-newer", end: 200)], contexts: [:], scope: "test")
        #expect(report.items.map(\.id) == ["also-newer", "newer", "older"])
    }
}
