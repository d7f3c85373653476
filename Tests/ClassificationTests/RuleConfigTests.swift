import Foundation
import Model
import Testing
@testable import Classification

@Suite("The .multiplier.json configuration")
struct RuleConfigTests {
    func parse(_ json: String) throws(ConfigError) -> RuleConfig {
        try RuleConfig.parse(Data(json.utf8), file: ".multiplier.json")
    }

    @Test("a full configuration is read")
    func full() throws {
        let config = try parse("""
            {"rules": [{"category": "parsing", "words": ["antlr"]}], "categories": {"legacy/**": "maintenance"},
             "ignore": ["gen/**"], "bots": ["Release-Robot"], "aliases": {"Al@Old.example": "al@new.example"},
             "settings": {"burstGapHours": 6, "leadInMinutes": 45, "reviewMinutes": 20, "nearTie": 0.9}}
            """)
        #expect(config.rules.first?.weight == 1)
        #expect(config.forced.first?.category == .maintenance)
        #expect(config.ignores("gen/x.go"))
        #expect(config.bots == ["release-robot"])
        #expect(config.aliases["al@old.example"] == "al@new.example")
        #expect(config.settings.burstGapHours == 6 && config.settings.leadInMinutes == 45)
        #expect(config.settings.reviewMinutes == 20 && config.settings.nearTie == 0.9)
        #expect(config.settings.churnDays == 14)
    }

    @Test("each setting is read up to its bound: two weeks of hours, a day of minutes, two years of days, a share of 1")
    func bounds() throws {
        let config = try parse("""
            {"settings": {"burstGapHours": 336, "maximumCommitGapHours": 336, "sessionLeadHours": 336, "sessionOverlapHours": 0,
             "idleCapMinutes": 1440, "leadInMinutes": 1440, "reviewMinutes": 1440, "churnDays": 730, "nearTie": 1,
             "sessionMaterialShare": 0}}
            """)
        #expect(config.settings.burstGapHours == 336 && config.settings.idleCapMinutes == 1440 && config.settings.churnDays == 730)
    }

    @Test("every problem names its JSON path", arguments: [
        ("[1]", "$: expected an object (found an array)"),
        ("{\"rulez\": []}", "$.rulez: expected one of the keys"),
        ("{\"rules\": {}}", "$.rules: expected an array (found an object)"),
        ("{\"rules\": [{\"category\": \"crudd\", \"words\": [\"x\"]}]}", "$.rules[0].category: expected a category, one of crud"),
        ("{\"rules\": [{\"category\": \"crud\"}]}", "$.rules[0]: expected at least one of \"paths\" or \"words\""),
        ("{\"rules\": [{\"category\": \"crud\", \"words\": [\"x\"], \"weight\": -1}]}", "$.rules[0].weight: expected a number of at least 0"),
        ("{\"rules\": [{\"category\": \"crud\", \"words\": [\"x\"], \"weight\": 1e308}]}", "$.rules[0].weight: expected a number from 0 to 100"),
        ("{\"rules\": [{\"category\": \"crud\", \"words\": [\"x\", 3]}]}", "$.rules[0].words[1]: expected a non-empty string"),
        ("{\"categories\": {\"a/**\": \"nope\"}}", "$.categories[\"a/**\"]: expected a category"),
        ("{\"settings\": {\"burstGapHours\": \"4\"}}", "$.settings.burstGapHours: expected a number"),
        ("{\"settings\": {\"burstGapHours\": true}}", "$.settings.burstGapHours: expected a number"),
        ("{\"settings\": {\"gap\": 4}}", "$.settings.gap: expected one of the settings"),
        ("{\"settings\": {\"burstGapHours\": -1}}", "$.settings.burstGapHours: expected a number of hours from 0 to 336 (two weeks)"),
        ("{\"settings\": {\"burstGapHours\": 1e308}}", "$.settings.burstGapHours: expected a number of hours from 0 to 336 (two weeks)"),
        ("{\"settings\": {\"maximumCommitGapHours\": 337}}", "$.settings.maximumCommitGapHours: expected a number of hours from 0 to 336"),
        ("{\"settings\": {\"sessionLeadHours\": 1e9}}", "$.settings.sessionLeadHours: expected a number of hours from 0 to 336"),
        ("{\"settings\": {\"sessionOverlapHours\": 1e9}}", "$.settings.sessionOverlapHours: expected a number of hours from 0 to 336"),
        ("{\"settings\": {\"idleCapMinutes\": 1e15}}", "$.settings.idleCapMinutes: expected a number of minutes from 0 to 1440 (a day)"),
        ("{\"settings\": {\"leadInMinutes\": 1e308}}", "$.settings.leadInMinutes: expected a number of minutes from 0 to 1440 (a day)"),
        ("{\"settings\": {\"reviewMinutes\": 1441}}", "$.settings.reviewMinutes: expected a number of minutes from 0 to 1440 (a day)"),
        ("{\"settings\": {\"churnDays\": 1e308}}", "$.settings.churnDays: expected a number of days from 0 to 730 (two years)"),
        ("{\"settings\": {\"nearTie\": 1.5}}", "$.settings.nearTie: expected a share between 0 and 1"),
        ("{\"settings\": {\"sessionMaterialShare\": -0.1}}", "$.settings.sessionMaterialShare: expected a share between 0 and 1"),
        ("{\"aliases\": {\"a\": 1}}", "$.aliases[\"a\"]: expected a name or email"),
        ("{\"rules\": [", "$: expected valid JSON"),
    ])
    func errors(json: String, message: String) {
        do {
            _ = try parse(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.hasPrefix(".multiplier.json: " + message), "\(error.description)")
        }
    }

    @Test("a missing file says so")
    func missing() {
        #expect(throws: ConfigError.unreadable(path: "/nonexistent/.multiplier.json")) {
            try RuleConfig.load(path: "/nonexistent/.multiplier.json")
        }
    }
}
