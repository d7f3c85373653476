import Foundation

/// Check 2, second half: imports in added lines of packages no manifest declares and that are
/// neither the language's standard library nor a module of the repository (hallucinated dependencies).
package enum ImportCheck {
    /// The imported module an added line names, as the language's manifests would name its package (nil: no import).
    package static func module(in line: String, _ language: Language) -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        switch language {
        case .python:
            guard let match = Manifests.first(python, in: text) else { return nil }
            return match[1].isEmpty ? match[2] : match[1]
        case .javascript:
            guard let match = Manifests.first(javascript, in: text) else { return nil }
            let specifier = match.dropFirst().first { !$0.isEmpty } ?? ""
            guard !specifier.isEmpty, !specifier.hasPrefix("."), !specifier.hasPrefix("/"), !specifier.hasPrefix("~"),
                !specifier.hasPrefix("@/"), !specifier.hasPrefix("#"), !specifier.contains(":") || specifier.hasPrefix("node:")
            else { return nil }
            let parts = specifier.split(separator: "/")
            if specifier.hasPrefix("@"), parts.count >= 2 { return parts[0] + "/" + parts[1] }
            if specifier.hasPrefix("node:") { return specifier }
            return StandardLibraries.node.contains(specifier) ? specifier : parts.first.map(String.init)
        case .go:
            return Manifests.first(go, in: text)?[1]
        case .rust:
            guard let match = Manifests.first(rust, in: text) else { return nil }
            return match[1].isEmpty ? match[2] : match[1]
        case .swift:
            return Manifests.first(swift, in: text)?[1]
        case .ruby:
            guard let match = Manifests.first(ruby, in: text) else { return nil }
            return match[1].split(separator: "/").first.map(String.init)
        default:
            return nil
        }
    }

    package static func run(_ unit: ReviewUnit, _ context: ReviewContext) -> [Finding] {
        let declared = context.declared
        let local = context.localModules
        var findings: [Finding] = []
        var reported: Set<String> = []
        for line in unit.lines {
            let language = line.language
            guard [.python, .javascript, .go, .rust, .swift, .ruby].contains(language),
                let module = module(in: line.text, language), !module.isEmpty,
                !known(module, language, declared: declared[language] ?? [], local: local),
                reported.insert(language.rawValue + ":" + module).inserted
            else { continue }
            findings.append(
                Finding(
                    check: .dependencies, rule: "unknown-import", at: line,
                    reason: "imports '\(module)', which no manifest declares and the \(language.rawValue) standard library "
                        + "does not have: a hallucinated or undeclared package",
                    weight: 3))
        }
        return findings
    }

    /// Whether an import is the standard library, a declared package or a module of the repository itself.
    static func known(_ module: String, _ language: Language, declared: Set<String>, local: Set<String>) -> Bool {
        if StandardLibraries.contains(module, language) || local.contains(module) || local.contains(module.lowercased()) {
            return true
        }
        let name = Manifests.normalise(module, language)
        switch language {
        case .python:
            return declared.contains(name) || (pythonPackages[module] ?? []).contains(where: declared.contains)
                || declared.contains { $0.hasPrefix(name + "_") && name.count >= 4 }
        case .go:
            return declared.contains { module == $0 || module.hasPrefix($0 + "/") }
        case .swift:
            let lower = module.lowercased()
            return declared.contains { package in
                let stem = package.replacingOccurrences(of: "swift-", with: "").replacingOccurrences(of: "-", with: "")
                return stem == lower || (stem.count >= 3 && lower.hasPrefix(stem))
            }
        case .ruby:
            let squeezed = name.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
            return declared.contains { $0.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "") == squeezed }
                || (declared.contains("rails") && (name.hasPrefix("active") || name.hasPrefix("action") || name == "rails"))
        default:
            return declared.contains(name)
        }
    }

    /// Names of the repository's own modules: every folder name, and every file name without its extension.
    static func localModules(_ paths: some Sequence<String>) -> Set<String> {
        var names: Set<String> = []
        for path in paths {
            let parts = path.split(separator: "/")
            for (index, part) in parts.enumerated() {
                if index == parts.count - 1 {
                    names.insert(String(part.split(separator: ".").first ?? part))
                } else {
                    names.insert(String(part))
                }
            }
        }
        return names
    }

    /// Python imports whose package has another name.
    static let pythonPackages: [String: [String]] = [
        "yaml": ["pyyaml"], "PIL": ["pillow"], "cv2": ["opencv_python", "opencv_python_headless"],
        "sklearn": ["scikit_learn"], "bs4": ["beautifulsoup4"], "dateutil": ["python_dateutil"], "jwt": ["pyjwt"],
        "dotenv": ["python_dotenv"], "attr": ["attrs"], "serial": ["pyserial"], "Crypto": ["pycryptodome"],
        "OpenSSL": ["pyopenssl"], "psycopg2": ["psycopg2_binary"], "MySQLdb": ["mysqlclient"], "zmq": ["pyzmq"],
        "docx": ["python_docx"], "fitz": ["pymupdf"], "magic": ["python_magic"], "pkg_resources": ["setuptools"],
        "setuptools": ["setuptools"], "google": ["protobuf", "google_cloud_storage", "google_api_python_client"],
    ]

    private static let python = Manifests.regex(#"^(?:from\s+([A-Za-z_]\w*)(?:\.[\w.]+)?\s+import\b|import\s+([A-Za-z_]\w*))"#)
    private static let javascript = Manifests.regex(
        #"(?:^import\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)|^export\s+[\w*{}\s,]+\s+from\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\))"#)
    private static let go = Manifests.regex(#"^(?:import\s+)?(?:[\w.]+\s+)?"([a-z0-9][\w.\-/]*)"\s*(?://.*)?$"#)
    private static let rust = Manifests.regex(#"^(?:pub(?:\([\w\s]+\))?\s+)?(?:use\s+(?:::)?([A-Za-z_]\w*)|extern\s+crate\s+([A-Za-z_]\w*))"#)
    private static let swift = Manifests.regex(
        #"^(?:@testable\s+|@_exported\s+|@preconcurrency\s+|(?:package|internal|public|private)\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_]\w*)"#)
    private static let ruby = Manifests.regex(#"^require\s*\(?\s*["']([\w\-/]+)["']"#)
}
