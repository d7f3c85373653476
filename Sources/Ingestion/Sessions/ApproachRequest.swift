import Foundation

/// Tells a first prompt that asks for an approach and no code yet ("propose a design for X, don't write
/// code"): for tools without a plan mode, that prompt with no edit before the next one is plan-first
/// (WORKFLOW.md). English, and the Chinese of the real Copilot CLI sample ("請不要修改任何代碼 … 調查一下":
/// "please do not modify any code … investigate"); a prompt must both ask and hold the code back.
package enum ApproachRequest {
    /// Words that ask for an approach.
    static let asks = [
        "approach", "plan", "design", "architecture", "outline", "propose", "strategy", "how would you", "how should we",
        "how should i", "investigate", "research", "options", "trade-off", "tradeoff",
        "方案", "計劃", "计划", "設計", "设计", "架構", "架构", "調查", "调查", "研究", "思路",
    ]
    /// Phrases that hold the code back.
    static let restraints = [
        "no code", "without code", "without writing code", "without writing any code", "don't write code",
        "do not write code", "don't write any code", "do not write any code", "don't code", "don't modify",
        "do not modify", "don't change", "do not change", "don't edit", "do not edit", "don't implement",
        "do not implement", "don't make changes", "do not make changes", "don't make any changes",
        "do not make any changes", "no changes", "don't touch", "do not touch", "before writing code",
        "before writing any code", "before you write", "before coding", "before implementing", "before you implement",
        "before making changes", "before you change", "read-only", "read only",
        "不要修改", "不要改", "別改", "别改", "不要寫代碼", "不要写代码", "不要寫程式", "先不要", "不修改",
    ]

    /// Whether `prompt` asks for an approach and says not to write or change code yet.
    package static func matches(_ prompt: String) -> Bool {
        let text = String(prompt.prefix(4000)).lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "dont ", with: "don't ")
        // aider's /ask mode answers without editing files: the command holds the code back.
        let asked = text.hasPrefix("/ask ") || text.hasPrefix("/ask\n")
        guard asked || restraints.contains(where: text.contains) else { return false }
        return asks.contains { word in containsWord(text, word) }
    }

    /// `word` in `text` with no letter right before or after it ("plan" in "plans" and "planning" too).
    private static func containsWord(_ text: String, _ word: String) -> Bool {
        // Chinese has no spaces between words: a CJK term counts wherever it stands.
        if word.unicodeScalars.contains(where: { !$0.isASCII }) { return text.contains(word) }
        var searchRange = text.startIndex..<text.endIndex
        while let range = text.range(of: word, range: searchRange) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            if !(before?.isLetter ?? false) { return true }
            searchRange = range.upperBound..<text.endIndex
        }
        return false
    }
}
