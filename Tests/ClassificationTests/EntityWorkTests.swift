import Model
import Testing
@testable import Classification

/// A probe team's shop (all CRUD on business entities) read as business logic: the entity's
/// name in every file outweighed the endpoints, views, serializers and models around it.
@Suite("Work on a business entity: its CRUD is crud, its rules are business logic")
struct EntityWorkTests {
    let classifier = Classifier()

    func classified(_ subject: String, _ files: [String]) -> Classification {
        classifier.classify(TaskTraits(files: files, subjects: [subject]))
    }

    @Test("CRUD on an entity is crud, whatever the entity is called", arguments: [
        // Django / DRF
        ("Add create and update endpoints for subscriptions",
         ["api/subscriptions.py", "models/subscription.py", "serializers/subscription.py", "tests/test_subscriptions.py"]),
        ("Add list and delete endpoints for payment methods",
         ["shop/payment_methods/views.py", "shop/payment_methods/models.py", "shop/payment_methods/serializers.py",
          "shop/payment_methods/urls.py", "shop/payment_methods/tests/test_views.py"]),
        ("Add invoice list view and serializer", ["invoices/views.py", "invoices/serializers.py", "invoices/urls.py"]),
        // Rails
        ("Add invoice create and edit pages",
         ["app/controllers/invoices_controller.rb", "app/models/invoice.rb", "app/views/invoices/new.html.erb",
          "app/views/invoices/edit.html.erb", "config/routes.rb", "spec/requests/invoices_spec.rb"]),
        // Express
        ("Add routes to create and list orders",
         ["src/routes/orders.js", "src/controllers/orderController.js", "src/models/order.js", "test/orders.test.js"]),
        ("Add customer update and delete endpoints",
         ["src/routes/customers.ts", "src/controllers/customers.controller.ts", "src/models/customer.model.ts"]),
        // Spring
        ("Add REST endpoints for warehouses",
         ["src/main/java/com/shop/warehouse/WarehouseController.java", "src/main/java/com/shop/warehouse/WarehouseRepository.java",
          "src/main/java/com/shop/warehouse/Warehouse.java", "src/test/java/com/shop/warehouse/WarehouseControllerTest.java"]),
        // Go
        ("Add handlers to create and update subscriptions",
         ["internal/subscription/handler.go", "internal/subscription/repository.go", "internal/subscription/model.go",
          "internal/subscription/handler_test.go"]),
        ("Add payment method list endpoint",
         ["internal/api/payment_methods.go", "internal/store/payment_methods.go", "internal/api/payment_methods_test.go"]),
    ])
    func crudOnEntities(subject: String, files: [String]) {
        let result = classified(subject, files)
        #expect(result.category == .crud, "\(subject): \(result.category.rawValue), \(result.evidence.prefix(4).map { "\($0.detail) \($0.category.rawValue)" })")
    }

    @Test("a feature's commits and its test follow-up on an entity stay crud")
    func crudTaskOfSeveralCommits() {
        let files = ["api/subscriptions.py", "models/subscription.py", "serializers/subscription.py", "tests/test_subscriptions.py"]
        let commits = [
            TaskTraits.Commit(subject: "Add create and update endpoints for subscriptions", files: files, lines: 90),
            TaskTraits.Commit(subject: "Add missing tests for subscription endpoints", files: ["tests/test_subscriptions.py"], lines: 30),
        ]
        let result = classifier.classify(TaskTraits(files: files, subjects: commits.map(\.subject), commits: commits))
        #expect(result.category == .crud)
    }

    @Test("rules about an entity stay business logic", arguments: [
        ("Apply tiered discount rules to invoice totals", ["billing/discounts.py", "billing/invoice_totals.py", "tests/test_discounts.py"]),
        ("Prorate subscription charges on plan change", ["subscriptions/proration.py", "subscriptions/models.py", "tests/test_proration.py"]),
        ("Calculate sales tax for invoices by region",
         ["app/services/invoices/tax_calculator.rb", "spec/services/invoices/tax_calculator_spec.rb"]),
        ("Check refund eligibility against the return policy", ["src/orders/refundPolicy.ts", "src/orders/refundPolicy.test.ts"]),
        ("Apply the loyalty discount when an order is created", ["shop/orders/views.py", "shop/orders/pricing.py"]),
    ])
    func rulesOnEntities(subject: String, files: [String]) {
        let result = classified(subject, files)
        #expect(result.category == .businessLogic, "\(subject): \(result.category.rawValue)")
    }

    @Test("a resource's model and the layers that serve it are a shape of CRUD work; one layer is not")
    func resourceLayers() {
        let layered = classifier.classify(TaskTraits(files: ["src/controllers/orderController.js", "src/models/order.js", "src/lib/totals.js"]))
        #expect(layered.evidence.contains { $0.family == "shape" && $0.category == .crud && $0.detail.contains("controller, model") })
        let oneLayer = classifier.classify(TaskTraits(files: ["shop/orders/views.py", "shop/orders/pricing.py"]))
        #expect(!oneLayer.evidence.contains { $0.family == "shape" })
        // Most of the change elsewhere: a refactor that passes through a model and a handler is not CRUD work.
        let passingThrough = classifier.classify(
            TaskTraits(files: ["crates/a/src/model.rs", "crates/b/src/handler.rs", "crates/c/src/lib.rs", "crates/d/src/lib.rs", "crates/e/src/lib.rs"]))
        #expect(!passingThrough.evidence.contains { $0.family == "shape" })
    }

    @Test("an entity's name alone is not evidence of business rules; beside a rule word it still counts")
    func domainNouns() {
        let alone = classifier.classify(TaskTraits(files: ["app/models/invoice.rb"], subjects: ["Add invoice model"]))
        #expect(!alone.evidence.contains { $0.category == .businessLogic })
        // Nor of a data warehouse; beside a data word it is one.
        let depot = classifier.classify(TaskTraits(files: ["app/models/warehouse.rb"], subjects: ["Add warehouse model"]))
        #expect(!depot.evidence.contains { $0.category == .dataTransform })
        #expect(classifier.classify(TaskTraits(subjects: ["Export orders to the warehouse"])).evidence.contains {
            $0.category == .dataTransform && $0.detail == "\"warehouse\""
        })
        let withRule = classifier.classify(TaskTraits(subjects: ["Calculate invoice totals"]))
        #expect(withRule.evidence.contains { $0.category == .businessLogic && $0.detail == "\"invoice\"" })
    }

    @Test("configuration files with a follow-up that documents them are config, not docs", arguments: [
        ["config/staging.yaml", "config/settings/staging.yml"],
        ["config/staging.env", "config/app.ini", "config/settings.toml"],
    ])
    func configOnly(files: [String]) {
        let commits = [
            TaskTraits.Commit(subject: "Add staging environment settings", files: files, lines: 40),
            TaskTraits.Commit(subject: "Document new setting", files: [files[0]], lines: 12),
        ]
        let result = classifier.classify(TaskTraits(files: files, subjects: commits.map(\.subject), commits: commits))
        #expect(result.category == .config, "\(result.category.rawValue): \(result.evidence.prefix(4).map { "\($0.detail) \($0.category.rawValue) \($0.weight)" })")
        #expect(!result.evidence.contains { $0.category == .docs })
        // One commit that documents a setting, and an author's `docs:` type, are read as before.
        let single = classifier.classify(TaskTraits(files: [files[0]], subjects: ["Document new setting"], commits: [commits[1]]))
        #expect(single.evidence.contains { $0.category == .docs })
        let typed = commits.map { TaskTraits.Commit(subject: "docs: " + $0.subject, files: $0.files, lines: $0.lines) }
        let documented = classifier.classify(TaskTraits(files: files, subjects: typed.map(\.subject), commits: typed))
        #expect(documented.evidence.contains { $0.category == .docs && $0.family == "type" })
    }
}
