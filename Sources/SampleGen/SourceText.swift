/// Plausible lines for the files of a TypeScript web service, by file type, so that
/// diffs and line counts look like real work. Lines carry a running number, which keeps
/// them distinct and makes git's line counts match the planned ones.
struct SourceText {
    private var random: SplitMix64
    private var counter = 0

    init(random: SplitMix64) { self.random = random }

    static let words = [
        "order", "cart", "item", "price", "customer", "coupon", "stock", "shipment", "invoice", "refund", "session",
        "token", "address", "product", "review", "payment", "discount", "tax", "supplier", "wishlist",
    ]

    /// The first lines of a new file.
    mutating func header(for path: String) -> [String] {
        let name = Self.baseName(path)
        switch Self.kind(path) {
        case .typescript:
            if path.hasPrefix("tests/") || path.hasPrefix("bench/") {
                return ["import { describe, it, expect } from 'vitest';\n", "import { \(name) } from '../../src/\(name)';\n", "\n"]
            }
            return ["import { logger } from '../logger';\n", "import type { Request, Response } from 'express';\n", "\n"]
        case .sql: return ["-- \(name)\n", "BEGIN;\n"]
        case .yaml: return ["# \(name) settings\n", "\(name.replacingOccurrences(of: "-", with: "_")):\n"]
        case .markdown: return ["# \(name.prefix(1).uppercased() + name.dropFirst())\n", "\n"]
        case .json: return ["{\n"]
        case .docker: return ["FROM node:22-alpine AS build\n", "WORKDIR /app\n"]
        case .other: return []
        }
    }

    /// One new line for `path`.
    mutating func line(for path: String) -> String {
        counter += 1
        let n = counter
        let a = random.pick(Self.words)
        let b = random.pick(Self.words)
        let upperB = b.prefix(1).uppercased() + b.dropFirst()
        switch Self.kind(path) {
        case .typescript:
            if path.hasPrefix("tests/") || path.hasPrefix("bench/") {
                return random.pick([
                    "  it('keeps \(a) \(b) \(n)', async () => {\n",
                    "    expect(\(a)\(n).\(b)Id).toBe('\(b)\(n)');\n",
                    "    const \(a)\(n) = await make\(upperB)(\(n % 9 + 1));\n",
                    "    expect(res\(n).status).toBe(\(random.pick([200, 201, 204, 400, 404, 409])));\n",
                    "  });\n",
                ])
            }
            return random.pick([
                "  const \(a)\(n) = await \(b)Repo.get(\(a)Id);\n",
                "  if (!\(a)\(n)) throw notFound('\(a)', \(n));\n",
                "  logger.debug({ \(a)\(n) }, '\(b) updated');\n",
                "export function \(a)\(upperB)\(n)(x: \(upperB)) {\n",
                "  const total\(n) = sumCents(items, \(n % 7));\n",
                "  return res.status(\(random.pick([200, 201, 204]))).json(\(a)\(n));\n",
                "  \(a)\(n).\(b)At = clock.now();\n",
                "}\n",
            ])
        case .sql:
            return random.pick([
                "ALTER TABLE \(a)s ADD COLUMN \(b)_\(n) \(random.pick(["INTEGER", "TEXT", "TIMESTAMPTZ", "NUMERIC(12,2)"]));\n",
                "CREATE INDEX idx_\(a)s_\(b)_\(n) ON \(a)s (\(b)_id);\n",
                "UPDATE \(a)s SET \(b)_\(n) = 0 WHERE \(b)_\(n) IS NULL;\n",
            ])
        case .yaml:
            return random.pick([
                "  \(a)_\(b)_\(n): \(random.int(1...500))\n", "  \(a)_timeout_ms_\(n): \(random.int(1...30) * 100)\n",
                "      - run: npm run \(a):\(b) # step \(n)\n",
            ])
        case .markdown:
            return random.pick([
                "The \(a) service queues \(b) updates (note \(n)).\n",
                "- Step \(n): check the \(a) \(b) dashboard.\n",
                "Ask payments before changing \(a)s (\(n)).\n",
            ])
        case .json:
            if path.hasSuffix("package-lock.json") {
                return "    \"node_modules/\(a)-\(b)-\(n)\": \"1.\(n % 40).\(n % 9)\",\n"
            }
            if path.hasSuffix("package.json") { return "    \"@acme/\(a)-\(b)-\(n)\": \"^1.\(n % 40).0\",\n" }
            return "  { \"id\": \(n), \"\(a)\": \"\(b)-\(n)\", \"quantity\": \(n % 12 + 1) },\n"
        case .docker:
            return random.pick(["RUN npm ci --omit=dev # layer \(n)\n", "ENV \(a.uppercased())_\(b.uppercased())_\(n)=\(n % 50)\n"])
        case .other:
            return "Disallow: /\(a)/\(b)-\(n)\n"
        }
    }

    /// Bytes that look like a PNG: signature, IHDR, then noise with NULs.
    mutating func binary(count: Int) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        while bytes.count < count { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
        return bytes
    }

    enum Kind { case typescript, sql, yaml, markdown, json, docker, other }

    static func kind(_ path: String) -> Kind {
        if path.hasSuffix(".ts") { return .typescript }
        if path.hasSuffix(".sql") { return .sql }
        if path.hasSuffix(".yml") || path.hasSuffix(".yaml") { return .yaml }
        if path.hasSuffix(".md") { return .markdown }
        if path.hasSuffix(".json") { return .json }
        if path.hasSuffix("Dockerfile") { return .docker }
        return .other
    }

    /// The most lines a file keeps; older lines give way, so the stream stays small.
    static func maximumLines(_ path: String) -> Int { path.hasSuffix("package-lock.json") ? 60 : 28 }

    static func baseName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return String(file.split(separator: ".").first ?? Substring(file))
    }
}
