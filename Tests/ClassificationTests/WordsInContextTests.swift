import Model
import Testing
@testable import Classification

@Suite("Words in context: phrases, where a path word stands, how specific a word is")
struct WordsInContextTests {
    let classifier = Classifier()

    func category(_ subject: String, _ files: [String]) -> Category {
        classifier.classify(TaskTraits(files: files, subjects: [subject])).category
    }

    @Test("a domain module's routing is an algorithm, a web framework's routes file is crud")
    func routing() {
        #expect(category("Rewrite route optimizer with a priority queue", ["lib/routing/route_optimizer.rb"]) == .algorithm)
        #expect(category("Seasonal demand forecast model", ["lib/routing/demand_forecast.rb"]) == .algorithm)
        let routes = classifier.classify(TaskTraits(files: ["config/routes.rb"]))
        #expect(routes.evidence.contains { $0.category == .crud && $0.detail.contains("routes") })
        let urls = classifier.classify(TaskTraits(files: ["shop/urls.py"]))
        #expect(urls.evidence.contains { $0.category == .crud })
        let domain = classifier.classify(TaskTraits(files: ["lib/routing/route_optimizer.rb"]))
        #expect(!domain.evidence.contains { $0.category == .crud })
    }

    @Test("a file or folder named index is a module's entry, a page or a search index, not a migration; an index beside other words or in SQL is")
    func index() {
        for files in [["src/index.ts"], ["src/components/Header/index.jsx"], ["pages/index.vue"], ["app/index.html"],
            ["src/components/Button.tsx", "src/components/index.ts"], ["search/index/tokens.py"], ["SRC/Index.TS"]]
        {
            let result = classifier.classify(TaskTraits(files: files, subjects: ["Update code"]))
            #expect(result.category != .migration, "\(files)")
            #expect(!result.evidence.contains { $0.category == .migration }, "\(files)")
        }
        for files in [["db/migrate/20260301_add_index_to_users.rb"], ["db/index.sql"], ["index.sql"], ["src/Index.SQL"], ["lib/add_index_to_users.rb"]] {
            let result = classifier.classify(TaskTraits(files: files))
            #expect(result.evidence.contains { $0.category == .migration }, "\(files)")
        }
    }

    @Test("a phrase scores as one term, and its words do not also score alone")
    func phrases() {
        let matches = WordRules.matches(["use", "a", "priority", "queue"])
        #expect(matches.map(\.term) == ["priority queue"])
        #expect(matches[0].rules.allSatisfy { $0.category == .algorithm })
        #expect(WordRules.matches(["fix", "sql", "injections"]).map(\.term) == ["sql injection"])
        #expect(WordRules.matches(["add", "rate", "limiting"]).map(\.term) == ["rate limiting"])
        #expect(category("Bin packing for delivery slots", ["app/slots/packer.py"]) == .algorithm)
    }

    @Test("a common word counts less than a rare one")
    func specificity() {
        #expect(WordRules.specificity("knapsack") > WordRules.specificity("test"))
        #expect(WordRules.specificity("test") >= 0.7 && WordRules.specificity("knapsack") <= 1.3)
    }

    @Test("one settings.py among a Django feature's files does not make it config")
    func djangoSettings() {
        let files = ["shop/settings.py", "orders/views.py", "orders/models.py", "orders/serializers.py", "orders/urls.py"]
        #expect(category("Add order history endpoint", files) == .crud)
    }

    @Test("security work is security, not unclassified", arguments: [
        ("Prevent open redirect after login", ["accounts/views.py"]),
        ("Fix SQL injection in search filter", ["catalog/filters.py"]),
        ("Add rate limiting to the password reset view", ["accounts/views.py", "accounts/throttles.py"]),
        ("Escape user input to prevent XSS in comments", ["comments/templates/comments/list.html"]),
        ("Check object permissions before update", ["orders/views.py", "orders/permissions.py"]),
    ])
    func security(subject: String, files: [String]) {
        #expect(category(subject, files) == .security)
    }
}
