import Foundation

/// Just enough of PNG to look at a browser's screenshot: 8-bit RGB or RGBA, not interlaced,
/// with zlib's inflate (RFC 1950/1951) written out, since Foundation on Linux has no decompressor.
struct PNGImage {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var width: Int
    var height: Int
    /// Red, green, blue per pixel, row by row.
    var pixels: [UInt8]

    func rgb(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let offset = (y * width + x) * 3
        return (pixels[offset], pixels[offset + 1], pixels[offset + 2])
    }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Failure(description: "not a PNG")
        }
        func uint32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var position = 8
        var compressed: [UInt8] = []
        var (width, height, channels) = (0, 0, 0)
        while position + 8 <= bytes.count {
            let length = uint32(position)
            let type = String(decoding: bytes[position + 4..<position + 8], as: UTF8.self)
            let body = position + 8
            guard body + length <= bytes.count else { throw Failure(description: "truncated \(type) chunk") }
            if type == "IHDR" {
                width = uint32(body)
                height = uint32(body + 4)
                guard bytes[body + 8] == 8, bytes[body + 12] == 0 else { throw Failure(description: "not 8-bit, or interlaced") }
                switch bytes[body + 9] {
                case 2: channels = 3
                case 6: channels = 4
                default: throw Failure(description: "colour type \(bytes[body + 9])")
                }
            } else if type == "IDAT" {
                compressed += bytes[body..<body + length]
            } else if type == "IEND" {
                break
            }
            position = body + length + 4
        }
        guard width > 0, height > 0, compressed.count > 2 else { throw Failure(description: "no image data") }
        var inflater = Inflater(bytes: compressed, position: 2)  // after zlib's two header bytes
        let raw = try inflater.inflate()
        let stride = width * channels
        guard raw.count >= height * (stride + 1) else { throw Failure(description: "image data too short") }
        var previous = [UInt8](repeating: 0, count: stride)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 3)
        for row in 0..<height {
            let start = row * (stride + 1)
            let filter = raw[start]
            var line = Array(raw[start + 1..<start + 1 + stride])
            for index in 0..<stride {
                let a = index >= channels ? Int(line[index - channels]) : 0
                let b = Int(previous[index])
                let c = index >= channels ? Int(previous[index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure(description: "filter \(filter)")
                }
                line[index] = UInt8(truncatingIfNeeded: Int(line[index]) + predictor)
            }
            for x in 0..<width { pixels += line[x * channels..<x * channels + 3] }
            previous = line
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// RFC 1951 inflate: stored, fixed and dynamic Huffman blocks (canonical codes decoded bit by bit).
struct Inflater {
    var bytes: [UInt8]
    var position: Int
    var bitBuffer = 0
    var bitCount = 0

    mutating func bits(_ count: Int) throws -> Int {
        while bitCount < count {
            guard position < bytes.count else { throw PNGImage.Failure(description: "compressed data ends early") }
            bitBuffer |= Int(bytes[position]) << bitCount
            position += 1
            bitCount += 8
        }
        let value = bitBuffer & ((1 << count) - 1)
        bitBuffer >>= count
        bitCount -= count
        return value
    }

    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length > 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    mutating func decode(_ huffman: Huffman) throws -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1..<16 {
            code |= try bits(1)
            let count = huffman.counts[length]
            if code - first < count { return huffman.symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw PNGImage.Failure(description: "bad Huffman code")
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    mutating func inflate() throws -> [UInt8] {
        var out: [UInt8] = []
        var last = 0
        while last == 0 {
            last = try bits(1)
            switch try bits(2) {
            case 0:
                bitBuffer = 0
                bitCount = 0
                guard position + 4 <= bytes.count else { throw PNGImage.Failure(description: "stored block ends early") }
                let length = Int(bytes[position]) | Int(bytes[position + 1]) << 8
                position += 4
                guard position + length <= bytes.count else { throw PNGImage.Failure(description: "stored block ends early") }
                out += bytes[position..<position + length]
                position += length
            case 1:
                let lengths = [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112) + [Int](repeating: 7, count: 24)
                    + [Int](repeating: 8, count: 8)
                try block(Huffman(lengths: lengths), Huffman(lengths: [Int](repeating: 5, count: 30)), into: &out)
            case 2:
                let literals = try bits(5) + 257
                let distances = try bits(5) + 1
                let codeLengths = try bits(4) + 4
                var order = [Int](repeating: 0, count: 19)
                for (index, symbol) in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15].prefix(codeLengths).enumerated() {
                    _ = index
                    order[symbol] = try bits(3)
                }
                let lengthCode = Huffman(lengths: order)
                var lengths: [Int] = []
                while lengths.count < literals + distances {
                    let symbol = try decode(lengthCode)
                    switch symbol {
                    case 0..<16: lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw PNGImage.Failure(description: "repeat with nothing before") }
                        lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
                    }
                }
                try block(
                    Huffman(lengths: Array(lengths[0..<literals])), Huffman(lengths: Array(lengths[literals..<literals + distances])),
                    into: &out)
            default:
                throw PNGImage.Failure(description: "reserved block type")
            }
        }
        return out
    }

    mutating func block(_ literals: Huffman, _ distances: Huffman, into out: inout [UInt8]) throws {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < Self.lengthBase.count else { throw PNGImage.Failure(description: "bad length code") }
                let length = Self.lengthBase[index] + (try bits(Self.lengthExtra[index]))
                let code = try decode(distances)
                guard code < Self.distanceBase.count else { throw PNGImage.Failure(description: "bad distance code") }
                let distance = Self.distanceBase[code] + (try bits(Self.distanceExtra[code]))
                guard distance <= out.count else { throw PNGImage.Failure(description: "distance too far back") }
                let start = out.count - distance
                for offset in 0..<length { out.append(out[start + offset]) }
            }
        }
    }
}
