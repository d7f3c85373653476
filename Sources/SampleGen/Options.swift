/// The command line: `[--seed N] [--out DIR]` for the demo team, `--large N [--seed N] --out FILE|-`
/// for a long benchmark history.
struct Options: Equatable {
    var seed: UInt64 = 1
    var out: String?
    var large: Int?
    /// `--review-plants`: the small world of planted review findings instead of the demo team.
    var reviewPlants = false

    static let usage =
        "usage: SampleGen [--seed N] [--out DIR]\n       SampleGen --large N [--seed N] --out FILE|-\n"
        + "       SampleGen --review-plants [--seed N] --out DIR\n"

    /// A usage error, with the message to print.
    struct UsageError: Error, Equatable {
        let message: String
    }

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var options = Options()
        var index = 0
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
            case "-h", "--help":
                throw UsageError(message: "")
            default:
                throw UsageError(message: "unknown argument: \(argument)")
            }
            index += 1
        }
        if options.large != nil && options.out == nil { throw UsageError(message: "--large needs --out FILE or --out -") }
        if options.reviewPlants && options.out == nil { throw UsageError(message: "--review-plants needs --out DIR") }
        return options
    }
}
