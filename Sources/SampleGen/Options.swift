/// The command line: `[--seed N] [--out DIR]` for the demo team, `--large N [--seed N] --out FILE|-`
/// for a long benchmark history.
struct Options: Equatable {
    var seed: UInt64 = 1
    var out: String?
    var large: Int?
    /// `--review-plants`: the small world of planted review findings instead of the demo team.
    var reviewPlants = false
    /// `--world`, `--confounder` (repeatable) and `--checkout`: a validity world (World.swift).
    var scenario = Scenario.demo

    static let usage = """
        usage: SampleGen [--seed N] [--out DIR]
               SampleGen --world NAME|--confounder NAME... [--checkout PATH] [--seed N] --out DIR
               SampleGen --world practices [--plan-first-effect X] [--context-file-effect X] [--checkout PATH] [--seed N] --out DIR
               SampleGen --review-plants [--seed N] --out DIR
               SampleGen --large N [--seed N] --out FILE|-
        worlds: \(Scenario.worlds.joined(separator: ", "))
        confounders: \(Confounder.allCases.map(\.rawValue).joined(separator: ", "))

        """

    /// A usage error, with the message to print.
    struct UsageError: Error, Equatable {
        let message: String
    }

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var options = Options()
        var index = 0
        // The practices world's effects (0.3 each unless given); applied once the world is known.
        var planFirst: Double?
        var contextFile: Double?
        func value(_ name: String) throws(UsageError) -> String {
            guard index + 1 < arguments.count else { throw UsageError(message: "\(name) needs a value") }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--seed":
                let text = try value(argument)
                guard let seed = UInt64(text) else { throw UsageError(message: "--seed: not a number: \(text)") }
                options.seed = seed
            case "--out":
                options.out = try value(argument)
            case "--large":
                let text = try value(argument)
                guard let count = Int(text), count > 0 else { throw UsageError(message: "--large: not a positive number: \(text)") }
                options.large = count
            case "--review-plants":
                options.reviewPlants = true
            case "--world":
                let name = try value(argument)
                guard Scenario.worlds.contains(name) else { throw UsageError(message: "--world: unknown world: \(name)") }
                options.scenario = Scenario(name: name, confounders: options.scenario.confounders, checkout: options.scenario.checkout)
            case "--confounder":
                let name = try value(argument)
                guard let confounder = Confounder(rawValue: name) else {
                    throw UsageError(message: "--confounder: unknown confounder: \(name)")
                }
                options.scenario.confounders.insert(confounder)
            case "--checkout":
                options.scenario.checkout = try value(argument)
            case "--plan-first-effect", "--context-file-effect":
                let text = try value(argument)
                guard let effect = Double(text), effect >= 0, effect < 1 else {
                    throw UsageError(message: "\(argument): a share from 0 up to (not including) 1, not \(text)")
                }
                if argument == "--plan-first-effect" { planFirst = effect } else { contextFile = effect }
            case "-h", "--help":
                throw UsageError(message: "")
            default:
                throw UsageError(message: "unknown argument: \(argument)")
            }
            index += 1
        }
        if planFirst != nil || contextFile != nil {
            guard options.scenario.name == "demo" || options.scenario.isPractices else {
                throw UsageError(message: "--plan-first-effect and --context-file-effect belong to --world practices")
            }
            options.scenario.name = "practices"
        }
        if options.scenario.isPractices {
            options.scenario.planFirstEffect = planFirst ?? 0.3
            options.scenario.contextFileEffect = contextFile ?? 0.3
        }
        if options.scenario.name == "demo" && !options.scenario.isDemo { options.scenario.name = "plain" }
        if !options.scenario.isDemo && options.out == nil { throw UsageError(message: "a validity world needs --out DIR") }
        if options.large != nil && options.out == nil { throw UsageError(message: "--large needs --out FILE or --out -") }
        if options.reviewPlants && options.out == nil { throw UsageError(message: "--review-plants needs --out DIR") }
        return options
    }
}
