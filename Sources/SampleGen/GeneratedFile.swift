/// One file SampleGen writes: a path relative to the output folder, and its bytes.
struct GeneratedFile: Equatable {
    let path: String
    let bytes: [UInt8]

    init(_ path: String, _ bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    init(_ path: String, text: String) { self.init(path, Array(text.utf8)) }
}
