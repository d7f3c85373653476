/// Why a session log could not be read at all (a bad line is not an error: it is counted).
package enum SessionLogError: Error, CustomStringConvertible, Equatable {
    /// The file or folder could not be opened or read.
    case unreadable(path: String, errno: Int32)
    /// A compressed log needs a program that is not on `PATH` (`zstd`, `gzip`).
    case decompressorMissing(path: String, program: String)
    /// The decompressing program failed.
    case decompression(path: String, detail: String)
    /// A whole-file log (Gemini JSON, Cline task) is not the JSON its format promises.
    case malformedFile(path: String, expected: String)
    /// The content matched none of the known formats.
    case unknownFormat(path: String)

    package var description: String {
        switch self {
        case .unreadable(let path, let code):
            return "\(path): cannot read: \(String(cString: strerror(code)))"
        case .decompressorMissing(let path, let program):
            return "\(path): skipped: '\(program)' is not on PATH (install it to read compressed logs)"
        case .decompression(let path, let detail):
            return "\(path): cannot decompress: \(detail.prefix(200))"
        case .malformedFile(let path, let expected):
            return "\(path):1: expected \(expected)"
        case .unknownFormat(let path):
            return "\(path): not a session log of a known assistant"
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
