/// A command line parsed against a `CommandSpec`.
package struct ParsedArguments: Sendable, Equatable {
    /// Values of options, in order of appearance (an option may repeat).
    package var values: [String: [String]] = [:]
    package var flags: Set<String> = []
    package var positionals: [String] = []

    /// The last value given for `option`.
    package func value(_ option: String) -> String? { values[option]?.last }

    /// Whether `flag` was given.
    package func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// Parses `arguments` (after the command name) against `spec` plus the global options.
    ///
    /// Accepts `--option value` and `--option=value`; `--` ends the options.
    /// - Throws: `UsageError` naming the nearest valid spelling of an unknown option.
    package static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        let options = spec.options + GlobalOptions.all
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = options.first(where: { $0.name == name }) else {
                let suggestion = EditDistance.nearest(to: name, among: options.map(\.name))
                    .map { " (did you mean '\($0)'?)" } ?? ""
                throw UsageError("unknown option '\(name)' for '\(spec.name)'\(suggestion)", command: spec.name)
            }
            if let valueName = option.valueName {
                if let inlineValue {
                    parsed.values[name, default: []].append(inlineValue)
                } else {
                    // The next argument is no value when it is one of the command's options (`--since --db X`).
                    let next = index < arguments.count ? arguments[index] : nil
                    let nextName = next.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? $0 }
                    guard let nextName, !options.contains(where: { $0.name == nextName }) else {
                        throw UsageError("option '\(name)' needs a value (\(valueName))", command: spec.name)
                    }
                    parsed.values[name, default: []].append(arguments[index])
                    index += 1
                }
            } else {
                guard inlineValue == nil else {
                    throw UsageError("option '\(name)' takes no value", command: spec.name)
                }
                parsed.flags.insert(name)
            }
        }
        if parsed.has("--help") { return parsed }
        if parsed.positionals.count < spec.minimumPositionals {
            let names = spec.positionals.map(\.name).joined(separator: " ")
            throw UsageError("'\(spec.name)' needs \(names.isEmpty ? "an argument" : names)", command: spec.name)
        }
        if let maximum = spec.maximumPositionals, parsed.positionals.count > maximum {
            let extra = parsed.positionals[maximum]
            throw UsageError("unexpected argument '\(extra)' for '\(spec.name)'", command: spec.name)
        }
        return parsed
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
package enum EditDistance {
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    package static func nearest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word, $0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best = scored.first else { return nil }
        let limit = max(2, word.count / 3)
        if best.1 <= limit { return best.0 }
        // A prefix ('--form' for '--format') is a likely typo too.
        return candidates.first { $0.hasPrefix(word) && word.count >= 3 }
    }
}
