import Model

/// A task's category with the evidence behind it.
package struct Classification: Sendable, Equatable, Codable {
    package var category: Category
    /// The winner's share of the total score (1 for a label or a forced path).
    package var confidence: Double
    /// Every signal that fired, strongest first.
    package var evidence: [Evidence]
    /// Why the result is `unclassified`, when it is.
    package var note: String?
}

/// Weighted signals from paths, the shape of the change, commit types and scopes,
/// subjects, branch names and prompt words; the top category wins, a near tie is
/// `unclassified` rather than a guess.
///
/// Each family's signals are averaged over its items (files, subjects, …) before
/// its weight applies, so a task with many commits does not outvote its own files.
package struct Classifier: Sendable {
    /// How much each family counts when all of its items agree.
    package static let familyWeights: [String: Double] = [
        "branch": 1, "path": 3, "prompt": 1, "scope": 1, "subject": 2, "type": 1.5,
    ]
    /// Below this total score nothing is known well enough to say.
    package static let minimumScore = 0.3

    /// How much the base model counts against the rules' total (METHOD.md, Classification).
    package static let baseModelWeight = 3.0
    /// The model speaks for a category only beyond this probability (its posteriors are overconfident,
    /// and a change it has no telling feature for still gets a guess).
    package static let baseModelFloor = 0.7
    /// How far the rules' share for categories the model does not know (crud, security, …) damps the model.
    package static let ruleDomainGate = 1.0
    /// How far the base model's "other" damps the rules' scores for the categories it knows.
    package static let otherGate = 0.0

    package let config: RuleConfig
    /// The model learned from real commits; nil classifies by the rules alone.
    package let baseModel: BaseModel?
    /// The categories for which a business's nouns (`WordRules.domainNouns`) are not read: a task is read
    /// again without them for each category that only they spoke for.
    private var nounsSilenced: Set<Category> = []

    package init(config: RuleConfig = RuleConfig(), baseModel: BaseModel? = BaseModel.shipped) {
        self.config = config
        self.baseModel = baseModel
    }

    package func classify(_ traits: TaskTraits) -> Classification {
        let files = traits.files.filter { !config.ignores($0) }
        if let forced = forcedCategory(files) { return forced }
        // Each path read as bytes once, for its kind, its words and the model's features.
        let paths = files.map(PathRules.PathBytes.init)
        let kinds = paths.map(PathRules.kind(of:))
        let evidence = signals(traits, paths: paths, kinds: kinds)
        // Only a task of several commits: one commit's words describe that commit (on the
        // development set, scaling single commits too cost 4.5 points of tests recall).
        let testShare = traits.commits.count > 1 ? Self.testShare(kinds) : 1
        let configOnly = traits.commits.count > 1 && !kinds.isEmpty && kinds.allSatisfy { $0 == .config }
        func decided(_ evidence: [Evidence]) -> Classification {
            decide(Self.withoutDocsWords(Self.scalingTests(evidence, share: testShare), configOnly: configOnly))
        }
        // The model's training rows all had a subject and files: without files (a backlog title) or without
        // a subject word it knows ("WIP"), it would guess from half of what it learned from; the rules decide.
        guard let baseModel, !files.isEmpty else { return decided(evidence) }
        // An author's own conventional type that names a category beats a model whose training
        // subjects had their prefix removed.
        guard !evidence.contains(where: { $0.family == "type" }) else { return decided(evidence) }
        guard traits.commits.count > 1 else {
            // Someone else's code and generated files say nothing of the work (METHOD.md, Commit by commit).
            let own = paths.indices.filter { Self.isOwnWork(kinds[$0]) }
            guard !own.isEmpty else { return decided(evidence) }
            let features = baseModel.resolved(subjects: traits.subjects, paths: own.map { paths[$0] }, kinds: own.map { kinds[$0] })
            guard features.knowsSubject else { return decided(evidence) }
            return decided(Self.combined(evidence, probability: baseModel.posterior(features)))
        }
        guard let probability = commitByCommit(traits.commits, model: baseModel) else { return decided(evidence) }
        return decided(Self.combined(evidence, probability: probability, source: "model of real commits, commit by commit"))
    }

    /// Where `tests` is among the base model's classes.
    static let modelTestsIndex = BaseModel.classes.firstIndex(of: .tests) ?? -1

    /// The test files' share of a change's test and source files (1 when it has neither).
    static func testShare(_ kinds: [PathRules.Kind]) -> Double {
        let tests = kinds.filter { $0 == .test }.count
        let sources = kinds.filter { $0 == .source }.count
        return tests + sources == 0 ? 1 : Double(tests) / Double(tests + sources)
    }

    /// Test work is writing tests. Where a task's source files outnumber its test files, what
    /// speaks for `tests` — a spec beside the code, "Add missing test" in a follow-up commit, the
    /// model reading either — counts times twice the test files' share (a third of the files
    /// tests: two thirds of the weight). The author's own conventional type (`test:`) is kept.
    static func scalingTests(_ evidence: [Evidence], share: Double) -> [Evidence] {
        let scale = min(1, 2 * share)
        guard scale < 1 else { return evidence }
        return evidence.map { item in
            guard item.category == .tests, item.family != "type" else { return item }
            var item = item
            item.weight *= scale
            return item
        }
    }

    /// Configuration work is configuring. In a task of several commits whose files are all configuration
    /// files, what speaks for docs — a follow-up's "Document new setting", the model reading it — says that
    /// a setting was described, not that the work was writing documentation: it is left out. The author's
    /// own conventional type (`docs:`) is kept.
    static func withoutDocsWords(_ evidence: [Evidence], configOnly: Bool) -> [Evidence] {
        guard configOnly else { return evidence }
        return evidence.filter { $0.category != .docs || $0.family == "type" }
    }

    /// The base model's probabilities for a task of several commits: each commit's own (the model
    /// learned from single commits, so the union of a feature's commits and its "Add missing spec"
    /// reads as a test change), averaged with the commits' lines as weights. A commit with no
    /// subject word the model knows keeps its weight but gives no probability: the model speaks
    /// only for the share of the task it can read. Commits with no file are left out; nil when no
    /// commit is one the model can read.
    /// Whether a file of this kind is the team's own work for the base model: vendored and generated
    /// files are not (a vendored package's `index.js` read as a test change decided a task's category).
    static func isOwnWork(_ kind: PathRules.Kind) -> Bool {
        kind != .vendored && kind != .generated
    }

    func commitByCommit(_ commits: [TaskTraits.Commit], model: BaseModel) -> [Double]? {
        var sum = [Double](repeating: 0, count: BaseModel.classes.count + 1)
        var total = 0.0
        var read = false
        for commit in commits {
            var paths = commit.files.filter { !config.ignores($0) }.map(PathRules.PathBytes.init)
            var kinds = paths.map(PathRules.kind(of:))
            let own = paths.indices.filter { Self.isOwnWork(kinds[$0]) }
            guard !own.isEmpty else { continue }
            (paths, kinds) = (own.map { paths[$0] }, own.map { kinds[$0] })
            let weight = Double(max(commit.lines, 1))
            total += weight
            let features = model.resolved(subjects: [commit.subject], paths: paths, kinds: kinds)
            guard features.knowsSubject else { continue }
            read = true
            // A commit of mostly source files with a spec beside them is not test work, however
            // sure the model is (it reads a spec path as a test change): its tests probability
            // counts times twice the commit's test-file share (`scalingTests`).
            let testsScale = min(1, 2 * Self.testShare(kinds))
            for (index, probability) in model.posterior(features).enumerated() {
                sum[index] += weight * probability * (index == Self.modelTestsIndex ? testsScale : 1)
            }
        }
        guard read else { return nil }
        return sum.map { $0 / total }
    }

    /// The rules' evidence with the base model's (`probability`: `BaseModel.classes`, then other): the
    /// model's probability of each category it knows is added, scaled to the rules' total times
    /// `weight`, and its probability of "other" damps the rules' scores for the categories it knows
    /// by up to `gate` (so one settings file, or the word "test" in a feature's subject, does not make
    /// a task config or tests when nothing else about the change says so).
    package static func combined(
        _ evidence: [Evidence], probability: [Double], weight: Double = baseModelWeight, gate: Double = otherGate,
        floor: Double = baseModelFloor, domainGate: Double = ruleDomainGate, source: String = "model of real commits"
    ) -> [Evidence] {
        let damping = 1 - gate * probability[BaseModel.classes.count]
        let ruleTotal = evidence.reduce(0) { $0 + $1.weight }
        let domain = evidence.filter { !BaseModel.classes.contains($0.category) }.reduce(0) { $0 + $1.weight }
        let modelDamping = ruleTotal > 0 ? 1 - domainGate * domain / ruleTotal : 1
        var result = evidence.map { item in
            var item = item
            if BaseModel.classes.contains(item.category) { item.weight *= damping }
            return item
        }
        let scale = weight * max(evidence.reduce(0) { $0 + $1.weight }, 1)
        for (index, category) in BaseModel.classes.enumerated() where probability[index] > floor {
            result.append(
                Evidence(
                    family: "base", detail: "\(source): p = \(Int((probability[index] * 100).rounded()))%",
                    category: category, weight: (probability[index] - floor) / (1 - floor) * scale * modelDamping))
        }
        return result
    }

    /// The winner of summed evidence, or `unclassified` on a near tie or too little evidence.
    package func decide(_ evidence: [Evidence]) -> Classification {
        // Per category, summed in evidence order; a task has a few categories, so an array.
        var scores: [(key: Category, value: Double)] = []
        for item in evidence {
            if let index = scores.firstIndex(where: { $0.key == item.category }) {
                scores[index].value += item.weight
            } else {
                scores.append((item.category, 0 + item.weight))
            }
        }
        let ranked = scores.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let total = ranked.reduce(0) { $0 + $1.value }
        let sortedEvidence = evidence.sorted { ($0.weight, $1.family, $1.detail) > ($1.weight, $0.family, $0.detail) }
        guard let top = ranked.first, total >= Self.minimumScore else {
            return Classification(category: .unclassified, confidence: 0, evidence: sortedEvidence, note: "too little evidence")
        }
        // The base model alone (no rule fired): as sure as its probability is above its floor, not
        // sure because nothing disagreed (a probe team's model-only tasks were wrong 16 times of 17).
        let modelOnly = evidence.allSatisfy { $0.weight <= 0 || $0.family == "base" }
        let confidence = modelOnly ? min(top.value / total, top.value / Self.baseModelWeight) : top.value / total
        if ranked.count > 1, ranked[1].value >= config.settings.nearTie * top.value {
            return Classification(
                category: .unclassified, confidence: confidence, evidence: sortedEvidence,
                note: "near tie between \(top.key.rawValue) and \(ranked[1].key.rawValue)")
        }
        return Classification(category: top.key, confidence: confidence, evidence: sortedEvidence, note: nil)
    }

    /// Every signal of every family, summed per family, detail and category.
    package func signals(_ traits: TaskTraits) -> [Evidence] {
        let paths = traits.files.filter { !config.ignores($0) }.map(PathRules.PathBytes.init)
        return signals(traits, paths: paths, kinds: paths.map(PathRules.kind(of:)))
    }

    /// `signals(_:)` for files already filtered, read as bytes, and their kinds.
    func signals(_ traits: TaskTraits, paths: [PathRules.PathBytes], kinds: [PathRules.Kind]) -> [Evidence] {
        let evidence = allSignals(traits, paths: paths, kinds: kinds)
        // An entity's name says which entity the work was on, not what kind of work it was (an invoice's
        // endpoints are not business rules, a warehouse's are not a data warehouse): for a category that
        // no other word speaks for, the task is read as if the name said nothing (its files' other words
        // then share their weight).
        guard evidence.contains(where: { WordRules.domainNounDetails.contains($0.detail) }) else { return evidence }
        var plain = self
        for item in evidence where !plain.nounsSilenced.contains(item.category) {
            if evidence.allSatisfy({ $0.category != item.category || WordRules.domainNounDetails.contains($0.detail) }) {
                plain.nounsSilenced.insert(item.category)
            }
        }
        return plain.nounsSilenced.isEmpty ? evidence : plain.allSignals(traits, paths: paths, kinds: kinds)
    }

    /// `signals(_:paths:kinds:)` as read once.
    private func allSignals(_ traits: TaskTraits, paths: [PathRules.PathBytes], kinds: [PathRules.Kind]) -> [Evidence] {
        var bag = EvidenceBag()
        var files: [(path: PathRules.PathBytes, kind: PathRules.Kind)] = []
        for (path, kind) in zip(paths, kinds) where kind != .generated { files.append((path, kind)) }
        // Files moved with no line changed say where things are, not what was done to them.
        if traits.movedOnly {
            bag.add("shape", "only files moved or renamed, no line changed", .maintenance, 4)
        } else {
            pathSignals(files, into: &bag)
            shapeSignals(files.map(\.kind), into: &bag)
        }
        commitSignals(traits.subjects, into: &bag)
        textSignals(traits.branches.map(Self.branchText), family: "branch", into: &bag)
        promptSignals(traits.promptWords, into: &bag)
        return bag.evidence
    }

    // MARK: - Families

    private func pathSignals(_ files: [(path: PathRules.PathBytes, kind: PathRules.Kind)], into bag: inout EvidenceBag) {
        guard !files.isEmpty, let weight = Self.familyWeights["path"] else { return }
        let share = weight / Double(files.count)
        // Test files beside at least as many source files are the code's own tests (a feature and
        // its test file): they say what the code is about, not that the work was writing tests.
        let sources = files.count { $0.kind == .source }
        let companionTests = sources > 0 && files.count { $0.kind == .test } <= sources
        // Buffers for every file and component: an array made per component was a large share of reading a path.
        var words: [Range<Int>] = []
        var ranges: [Range<Int>] = []
        var matches: [WordRules.Match] = []
        // The strongest hit per category of the file being read; a file has a handful, so an array beats a dictionary.
        var hits: [(category: Category, detail: String, weight: Double)] = []
        // The layers of a resource (`PathRules.resourceLayers`) the source files stand in, and how many of them do.
        var layers: [String] = []
        var layerFiles = 0
        for (path, kind) in files {
            let file = path.text
            var inLayer = false
            func note(layer: String?) {
                guard let layer else { return }
                inLayer = true
                if !layers.contains(layer) { layers.append(layer) }
            }
            hits.removeAll(keepingCapacity: true)
            func offer(_ category: Category, _ detail: @autoclosure () -> String, _ weight: Double) {
                if category == .tests && kind == .test && companionTests { return }
                if let index = hits.firstIndex(where: { $0.category == category }) {
                    if weight > hits[index].weight { hits[index] = (category, detail(), weight) }
                } else if weight > 0 {
                    hits.append((category, detail(), weight))
                }
            }
            // An ASCII path (nearly all) is read on its bytes, its words cut from the lowered copy.
            let ascii = path.isASCII
            let lowered = path.lowered
            for rule in PathRules.kindRules(kind) { offer(rule.category, "\(kind.rawValue) file", rule.weight) }
            if kind == .source, !ascii || PathRules.mayNameRouting(lowered), let stem = PathRules.webRoutingStem(file) {
                offer(.crud, "web routing file \(stem)", 1)
            }
            if kind != .lockFile && kind != .vendored {
                // Folder names and the file's name without its extension.
                if ascii {
                    let bytes = Array(file.utf8)
                    Self.componentRanges(bytes, into: &ranges)
                    for (position, range) in ranges.enumerated() {
                        let folder = position < ranges.count - 1
                        words.removeAll(keepingCapacity: true)
                        WordRules.appendASCIIWordRanges(of: bytes[range], to: &words)
                        if kind == .source { for word in words { note(layer: PathRules.resourceLayerBytes.value(lowered[word])) } }
                        matches.removeAll(keepingCapacity: true)
                        WordRules.appendMatches(words, in: lowered, to: &matches)
                        for match in matches {
                            // Only context words (routing, index) look at their component's text.
                            let rules = PathRules.isContextWord(match)
                                ? PathRules.inContext(match.term, component: Self.components(file)[position], path: file, rules: match.rules)
                                : match.rules
                            for rule in rules where counts(match.term, rule.category) {
                                offer(rule.category, match.detail, Self.pathWeight(rule, inFolderName: folder))
                            }
                        }
                    }
                } else {
                    let components = Self.components(file)
                    for (position, component) in components.enumerated() {
                        let componentWords = WordRules.words(in: component)
                        if kind == .source { for word in componentWords { note(layer: PathRules.resourceLayers[word]) } }
                        for match in WordRules.matches(componentWords) {
                            for rule in PathRules.inContext(match.term, component: component, path: file, rules: match.rules)
                            where counts(match.term, rule.category) {
                                offer(rule.category, match.detail, Self.pathWeight(rule, inFolderName: position < components.count - 1))
                            }
                        }
                    }
                }
            }
            for rule in config.rules where rule.paths.contains(where: { $0.matches(file) }) {
                offer(rule.category, "config rule \(rule.paths.map(\.description).joined(separator: ", "))", rule.weight * 2)
            }
            if inLayer { layerFiles += 1 }
            // In category order, as the sum always was: the last bits of a sum depend on its order.
            hits.sort { $0.category < $1.category }
            let sum = hits.reduce(0) { $0 + $1.weight }
            guard sum > 0 else { continue }
            for hit in hits {
                bag.add("path", hit.detail, hit.category, share * hit.weight / max(sum, 1))
            }
        }
        // A resource's model and the layers that serve it (views, serializers, controllers, routes, a
        // repository) in at least half of the source files: CRUD work on that resource, whatever it is
        // called (`subscription.py`, `WarehouseController.java`).
        if layers.count >= 2, layerFiles * 2 >= sources {
            bag.add("shape", "a resource's layers: \(layers.sorted().joined(separator: ", "))", .crud, 2)
        }
    }

    /// Whether this reading counts `term`'s rule for `category`: every rule but a business's noun's for a
    /// category in `nounsSilenced`.
    private func counts(_ term: String, _ category: Category) -> Bool {
        !nounsSilenced.contains(category) || !WordRules.domainNouns.contains(term)
    }

    /// A folder named after a business area (`billing/`, `checkout/`, `payments/`) says where the
    /// work was, not what kind it was: everything in it, endpoints, migrations, tests, would read
    /// as business logic. Such words count a third in folder names; in a file's own name
    /// (`discount_rules.py`) and in subjects they count whole.
    static func pathWeight(_ rule: (category: Category, weight: Double), inFolderName: Bool) -> Double {
        inFolderName && rule.category == .businessLogic ? rule.weight / 3 : rule.weight
    }

    /// The components whose words a path's rules read: its folders' names and its file's name without
    /// its extension (`a.b.c` → `a.b`; a name whose only part is after a dot, like `.gitignore`, whole).
    static func components(_ file: String) -> [String] {
        var components = file.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
        if let name = components.popLast() {
            let parts = name.utf8.split(separator: UInt8(ascii: "."))
            let stem = parts.dropLast().map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".")
            components.append(stem.isEmpty ? name : stem)
        }
        return components
    }

    /// `components(_:)` as ranges of the path's bytes, into `ranges`, with the same words: a name's stem
    /// runs up to its last part (the dots between its parts, single or not, separate words all the same).
    static func componentRanges(_ bytes: [UInt8], into ranges: inout [Range<Int>]) {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        ranges.removeAll(keepingCapacity: true)
        var start = 0
        for position in 0...bytes.count where position == bytes.count || bytes[position] == slash {
            if position > start { ranges.append(start..<position) }
            start = position + 1
        }
        guard let name = ranges.popLast() else { return }
        // The name's last part: after its trailing dots, back to the dot before it.
        var end = name.upperBound
        while end > name.lowerBound && bytes[end - 1] == dot { end -= 1 }
        var partStart = end
        while partStart > name.lowerBound && bytes[partStart - 1] != dot { partStart -= 1 }
        let stem = name.lowerBound..<partStart
        ranges.append(bytes[stem].contains(where: { $0 != dot }) ? stem : name)
    }

    /// When every counted file is of one kind, the change's shape says a lot.
    private func shapeSignals(_ fileKinds: [PathRules.Kind], into bag: inout EvidenceBag) {
        // The set of kinds as a mask of their bits.
        let kinds = fileKinds.reduce(0) { $1 == .vendored ? $0 : $0 | $1.bit }
        guard kinds != 0 else { return }
        if kinds == PathRules.Kind.test.bit { bag.add("shape", "only test files", .tests, 3) }
        if kinds == PathRules.Kind.docs.bit { bag.add("shape", "only documentation", .docs, 3) }
        if kinds == PathRules.Kind.config.bit { bag.add("shape", "only configuration and CI files", .config, 2) }
        if kinds & ~(PathRules.Kind.lockFile.bit | PathRules.Kind.manifest.bit) == 0 {
            bag.add("shape", "only dependency manifests and lock files", .maintenance, 3)
        }
        if kinds == PathRules.Kind.migration.bit || kinds == PathRules.Kind.migration.bit | PathRules.Kind.test.bit {
            bag.add("shape", "only migrations", .migration, 2)
        }
    }

    private func commitSignals(_ subjects: [String], into bag: inout EvidenceBag) {
        guard !subjects.isEmpty else { return }
        let count = Double(subjects.count)
        let typeWeight = (Self.familyWeights["type"] ?? 0) / count
        let scopeWeight = (Self.familyWeights["scope"] ?? 0) / count
        var texts: [String] = []
        for subject in subjects {
            guard let conventional = ConventionalCommit(subject: subject) else {
                texts.append(subject)
                continue
            }
            if let scope = conventional.scope, ConventionalCommit.dependencyScopes.contains(scope) {
                bag.add("type", "\(conventional.type)(\(scope))", .maintenance, typeWeight * 1.5)
            } else {
                for rule in ConventionalCommit.typeRules where rule.type == conventional.type {
                    bag.add("type", conventional.type, rule.category, typeWeight * rule.weight)
                }
                if let scope = conventional.scope {
                    addWords(WordRules.words(in: scope), family: "scope", weight: scopeWeight, into: &bag)
                }
            }
            texts.append(subject)
        }
        textSignals(texts, family: "subject", into: &bag)
    }

    /// Each text's words, normalised per text, averaged over the texts.
    private func textSignals(_ texts: [String], family: String, into bag: inout EvidenceBag) {
        let texts = texts.filter { !$0.isEmpty }
        guard !texts.isEmpty, let weight = Self.familyWeights[family] else { return }
        var ranges: [Range<Int>] = []
        for text in texts {
            // Without configured word rules, an ASCII text's words are matched as ranges of its bytes.
            if config.rules.isEmpty, text.allUTF8Bytes({ $0 < 0x80 }) {
                let bytes = Array(text.utf8)
                let lowered = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
                ranges.removeAll(keepingCapacity: true)
                WordRules.appendASCIIWordRanges(of: bytes[...], to: &ranges)
                add(WordRules.matches(ranges, in: lowered), words: [], family: family, weight: weight / Double(texts.count), into: &bag)
            } else {
                addWords(WordRules.words(in: text), family: family, weight: weight / Double(texts.count), into: &bag)
            }
        }
    }

    /// Adds one item's words: its hits share `weight` in proportion to their rule weights.
    private func addWords(_ words: [String], family: String, weight: Double, into bag: inout EvidenceBag) {
        add(WordRules.matches(words), words: words, family: family, weight: weight, into: &bag)
    }

    /// Adds one item's rule matches and, for configured rules, its `words`.
    private func add(_ matches: [WordRules.Match], words: [String], family: String, weight: Double, into bag: inout EvidenceBag) {
        var hits: [(detail: String, category: Category, weight: Double)] = []
        for match in matches {
            for rule in match.rules where counts(match.term, rule.category) { hits.append((match.detail, rule.category, rule.weight)) }
        }
        if !config.rules.isEmpty {
            var seen: Set<String> = []
            for word in words {
                for rule in config.rules where rule.words.contains(word) && seen.insert(word).inserted {
                    hits.append(("\"\(word)\" (config rule)", rule.category, rule.weight * 2))
                }
            }
        }
        let sum = hits.reduce(0) { $0 + $1.weight }
        guard sum > 0 else { return }
        for hit in hits { bag.add(family, hit.detail, hit.category, weight * hit.weight / max(sum, 1)) }
    }

    private func promptSignals(_ words: [String: Int], into bag: inout EvidenceBag) {
        guard !words.isEmpty, let weight = Self.familyWeights["prompt"] else { return }
        var expanded: [String] = []
        for (word, count) in words.sorted(by: { $0.key < $1.key }) {
            expanded += Array(repeating: word, count: min(count, 5))
        }
        var hits: [(detail: String, category: Category, weight: Double)] = []
        for word in expanded {
            guard let match = WordRules.rules(for: word) else { continue }
            let factor = WordRules.specificity(match.word)
            for rule in match.rules where counts(match.word, rule.category) {
                hits.append(("\"\(match.word)\"", rule.category, rule.weight * factor))
            }
        }
        let sum = hits.reduce(0) { $0 + $1.weight }
        guard sum > 0 else { return }
        for hit in hits { bag.add("prompt", hit.detail, hit.category, weight * hit.weight / sum) }
    }

    /// A branch name's words without the usual prefixes' slashes (`feat/ABC-1-add-x` → `feat ABC 1 add x`).
    static func branchText(_ branch: String) -> String {
        branch.replacingOccurrences(of: "/", with: " ")
    }

    /// A configured path category wins when it covers most of the task's files.
    private func forcedCategory(_ files: [String]) -> Classification? {
        guard !config.forced.isEmpty, !files.isEmpty else { return nil }
        var counts: [Category: (count: Int, glob: String)] = [:]
        for file in files {
            if let rule = config.forced.first(where: { $0.glob.matches(file) }) {
                counts[rule.category, default: (0, rule.glob.description)].count += 1
            }
        }
        guard let best = counts.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }),
            best.value.count * 2 > files.count
        else { return nil }
        let evidence = Evidence(
            family: "config", detail: "\(best.value.count) of \(files.count) files match \(best.value.glob)",
            category: best.key, weight: Double(best.value.count))
        return Classification(category: best.key, confidence: 1, evidence: [evidence], note: nil)
    }
}

/// Sums evidence per family, detail and category, keeping first-seen order out of the result.
///
/// A task has a few dozen distinct items at most, so a linear scan over them beats hashing a key
/// string built per signal.
struct EvidenceBag {
    private var items: [Evidence] = []

    mutating func add(_ family: String, _ detail: String, _ category: Category, _ weight: Double) {
        guard weight > 0 else { return }
        if let index = items.firstIndex(where: { $0.category == category && $0.detail == detail && $0.family == family }) {
            items[index].weight += weight
        } else {
            items.append(Evidence(family: family, detail: detail, category: category, weight: weight))
        }
    }

    var evidence: [Evidence] {
        items.sorted { ($0.family, $0.detail, $0.category) < ($1.family, $1.detail, $1.category) }
    }
}
