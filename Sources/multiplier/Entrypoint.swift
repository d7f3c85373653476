import Commands
import Foundation
import Support

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `multiplier` executable: everything else lives in `Commands`.
@main
struct Entrypoint {
    static func main() {
        // A closed stdout (`multiplier … | head`) must end the run quietly, not kill it.
        signal(SIGPIPE, SIG_IGN)
        let code = ToolCommand.main(
            Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
            console: .standard())
        exit(code)
    }
}
