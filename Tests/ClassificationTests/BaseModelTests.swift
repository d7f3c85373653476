import Foundation
import Model
import Testing
@testable import Classification

@Suite("The base model learned from real commits")
struct BaseModelTests {
    /// The development-set cut in Fixtures (see its README): real commits of eight repositories.
    static func fixture() throws -> [LabelledCommit] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/commits-sample.jsonl")
        return try LabelledCommit.parse(try String(contentsOf: url, encoding: .utf8))
    }

    @Test("leave one repository out on the fixture: accuracy and every category's recall keep their floors")
    func leaveOneRepositoryOut() throws {
        let rows = try Self.fixture()
        #expect(Set(rows.map(\.repository)).count == 8)
        var score = ClassificationScore()
        for repositoryScore in LabelledCommit.leaveOneRepositoryOut(rows).values { score.merge(repositoryScore) }
        var rules = ClassificationScore()
        for repositoryScore in LabelledCommit.leaveOneRepositoryOut(rows, rulesOnly: true).values { rules.merge(repositoryScore) }
        print("fixture, leave one repository out: accuracy \(score.accuracy), rules alone \(rules.accuracy); recall "
            + BaseModel.classes.map { "\($0.rawValue) \(score.recall($0))" }.joined(separator: ", "))
        #expect(score.accuracy >= BaseModelFloors.accuracy, "accuracy \(score.accuracy)")
        #expect(score.accuracy > rules.accuracy + 0.06)
        for category in BaseModel.classes {
            #expect(score.recall(category) >= BaseModelFloors.recall[category] ?? 1, "\(category.rawValue) recall \(score.recall(category))")
        }
    }

    @Test("the shipped model is there, reads back from its own text, and knows the telling words")
    func shipped() throws {
        let model = try #require(BaseModel.shipped)
        #expect(model.featureCount > 1000)
        let again = try BaseModel(text: model.serialized())
        #expect(again.featureCount == model.featureCount)
        func top(_ subject: String, _ files: [String]) -> Int {
            let probability = model.posterior(BaseModel.features(subjects: [subject], files: files))
            return probability.indices.max { probability[$0] < probability[$1] } ?? -1
        }
        #expect(top("Speed up module resolution with a cache", ["src/resolver.rs"]) == 2)
        #expect(top("Fix typo in the installation guide", ["docs/install.md"]) == 1)
        #expect(top("Update dependency eslint to v9", ["package.json", "pnpm-lock.yaml"]) == 4)
        #expect(top("Add support for custom headers", ["src/client.ts", "src/headers.ts"]) == 5)
    }

    @Test("training: a feature of one class pulls toward it; rare features are dropped; text round-trips")
    func training() throws {
        let examples = [
            (["w:bench": 1, "w:x": 1], 2), (["w:bench": 1, "w:y": 1], 2), (["w:readme": 1, "w:x": 1], 1),
            (["w:readme": 1], 1), (["w:feature": 1, "w:once": 1], 5), (["w:feature": 1], 5),
        ].map { BaseModel.Example(features: $0.0, label: $0.1) }
        let model = BaseModel.train(examples, minimumRows: 2, alpha: 0.1)
        #expect(model.featureCount == 4)  // bench, x, readme, feature; "once" and "y" are too rare
        let probability = model.posterior(["w:bench": 1])
        #expect(probability.indices.max { probability[$0] < probability[$1] } == 2)
        let parsed = try BaseModel(text: model.serialized())
        #expect(abs(parsed.posterior(["w:readme": 1])[1] - model.posterior(["w:readme": 1])[1]) < 0.01)
        #expect(throws: BaseModel.FormatError.self) { try BaseModel(text: "w:x\t1 2 3\n") }
    }

    @Test("training: a feature used by one repository only is dropped when two are required")
    func minimumSources() throws {
        let examples = [
            (["w:perf": 1, "w:acme": 1], 2, "a"), (["w:perf": 1, "w:acme": 1], 2, "a"), (["w:perf": 1], 2, "b"),
            (["w:docs": 1], 1, "a"), (["w:docs": 1], 1, "b"),
        ].map { BaseModel.Example(features: $0.0, label: $0.1, source: $0.2) }
        #expect(BaseModel.train(examples, minimumRows: 2).featureCount == 3)
        let model = BaseModel.train(examples, minimumRows: 2, minimumSources: 2)
        #expect(model.featureCount == 2)  // "acme" is one repository's noun
        #expect(model.posterior(["w:acme": 1]) == model.posterior([:]))
        #expect(BaseModel.minimumSources == 2)
    }

    @Test("features: the conventional prefix and a trailing (#N) are hidden; path features share one weight")
    func features() {
        #expect(BaseModel.strippedSubject("perf(core): avoid a copy (#123)") == "Avoid a copy")
        let features = BaseModel.features(subjects: ["fix: Cache the AST (#9)"], files: ["src/a/b.rs", "README.md"])
        #expect(features["w:cache"] == 1 && features["b:the_ast"] == 1 && features["f:cache"] == 1)
        #expect(features["w:fix"] == nil && features["w:9"] == nil)
        #expect(features["only:docs+source"] == 1 && features["nf:2-3"] == 1)
        let pathShare = features["e:rs"] ?? 0
        #expect(pathShare > 0 && pathShare < 1)
    }

    @Test("a task of several commits is shown to the model commit by commit, each weighted by its lines")
    func commitByCommit() throws {
        let classifier = Classifier()
        guard let model = classifier.baseModel else {
            Issue.record("no shipped model")
            return
        }
        let feature = TaskTraits.Commit(
            subject: "Integrate Mailchimp API", files: ["app/services/mailchimp_client.rb", "config/mailchimp.yml"], lines: 120)
        let spec = TaskTraits.Commit(subject: "Add missing spec", files: ["spec/services/mailchimp_client_spec.rb"], lines: 15)
        let traits = TaskTraits(
            files: (feature.files + spec.files).sorted(), subjects: [feature.subject, spec.subject], commits: [feature, spec])
        let testsIndex = try #require(BaseModel.classes.firstIndex(of: .tests))
        // "Integrate Mailchimp API" has no subject word the model kept: its 120 lines count, with
        // no probability, so the spec commit's 15 lines speak for 15 / 135 of the task.
        #expect(classifier.commitByCommit([feature], model: model) == nil)
        let specAlone = classifier.commitByCommit([spec], model: model) ?? []
        #expect(specAlone.count == BaseModel.classes.count + 1)
        let mixed = classifier.commitByCommit(traits.commits, model: model) ?? []
        #expect(mixed.count == specAlone.count)
        for (got, want) in zip(mixed, specAlone.map { $0 * 15 / 135 }) { #expect(abs(got - want) < 1e-12) }
        // Two commits it can read: their probabilities averaged with their lines as weights.
        let docs = TaskTraits.Commit(subject: "Fix typo in the docs", files: ["README.md"], lines: 5)
        let docsAlone = classifier.commitByCommit([docs], model: model) ?? []
        let pair = classifier.commitByCommit([spec, docs], model: model) ?? []
        #expect(docsAlone.count == specAlone.count && pair.count == specAlone.count)
        for index in pair.indices where index < docsAlone.count && index < specAlone.count {
            #expect(abs(pair[index] - (specAlone[index] * 15 + docsAlone[index] * 5) / 20) < 1e-12)
        }
        let union = model.posterior(model.resolved(subjects: traits.subjects, files: traits.files, kinds: traits.files.map(PathRules.kind(of:))))
        #expect(mixed.count > testsIndex && mixed[testsIndex] < union[testsIndex])
        // The task's classification says which way the model read it; one commit is read as before.
        let result = classifier.classify(traits)
        #expect(result.evidence.allSatisfy { $0.family != "base" || $0.detail.hasPrefix("model of real commits, commit by commit") })
        #expect(result.category != .tests)
        let single = classifier.classify(TaskTraits(files: spec.files, subjects: [spec.subject], commits: [spec]))
        #expect(single == classifier.classify(TaskTraits(files: spec.files, subjects: [spec.subject])))
    }
}

/// Floors a little under what the fixture measured (accuracy 82.7%, rules alone 74.4%; recall tests 83.8%,
/// docs 82.7%, performance 57.4%, config 72.4%, maintenance 90.1%; before the 2-repository rule and the
/// performance words: 81.2%, performance 46.5%). Reports/benchmarks.md has the full set's figures.
enum BaseModelFloors {
    static let accuracy = 0.81
    static let recall: [Category: Double] = [
        .tests: 0.81, .docs: 0.80, .performance: 0.52, .config: 0.71, .maintenance: 0.88,
    ]
}

@Suite("The base model's features resolved to its rows")
struct BaseModelResolvedTests {
    @Test(
        "resolved features give the very posterior and subject knowledge of the feature dictionary",
        arguments: [
            (["fix: Cache the AST (#9)"], ["src/a/b.rs", "README.md"]),
            (["Add benchmark for the parser", "docs: typo"], ["bench/Parser.swift", "bench/parser.swift", "docs/", "Makefile."]),
            (["Bump lodash from 4.17.20 to 4.17.21"], ["package.json", "yarn.lock", "src/Café/Résumé.md", "src/Cafe\u{301}/x.md"]),
            (["ABC-12: perf(db)!: speed up the hot path"], (0..<60).map { "src/module\($0 % 7)/File\($0).test.ts" }),
            (["WIP"], ["tests/test_models.py"]),
        ])
    func sameAsFeatures(subjects: [String], files: [String]) throws {
        let model = try #require(BaseModel.shipped)
        let features = BaseModel.features(subjects: subjects, files: files)
        let resolved = model.resolved(subjects: subjects, files: files, kinds: files.map(PathRules.kind(of:)))
        #expect(resolved.knowsSubject == model.knowsSubject(features))
        #expect(model.posterior(resolved) == model.posterior(features))
    }
}
