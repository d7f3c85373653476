/// The standard-library modules of each language, so that an import of them is never "unknown".
/// Small lists of the common ones; an uncommon standard module is a false "unknown import" at worst.
package enum StandardLibraries {
    package static func contains(_ module: String, _ language: Language) -> Bool {
        switch language {
        case .python: module.hasPrefix("_") || python.contains(module)  // `_curses`, `_codecs_kr`: the interpreter's own
        case .javascript: node.contains(module.hasPrefix("node:") ? String(module.dropFirst(5)) : module) || module.hasPrefix("node:")
        case .go: !(module.split(separator: "/").first ?? "").contains(".")  // standard packages have no dot in their first element
        case .rust: ["std", "core", "alloc", "proc_macro", "test", "crate", "self", "super"].contains(module)
        case .swift: swift.contains(module)
        case .ruby: ruby.contains(module)
        default: true
        }
    }

    static let python: Set<String> = [
        "__future__", "abc", "argparse", "array", "ast", "asyncio", "base64", "bisect", "builtins", "bz2", "calendar",
        "cmath", "collections", "concurrent", "configparser", "contextlib", "contextvars", "copy", "csv", "ctypes",
        "dataclasses", "datetime", "decimal", "difflib", "dis", "email", "enum", "errno", "fcntl", "filecmp",
        "fnmatch", "fractions", "ftplib", "functools", "gc", "getpass", "gettext", "glob", "graphlib", "gzip",
        "hashlib", "heapq", "hmac", "html", "http", "imaplib", "importlib", "inspect", "io", "ipaddress", "itertools",
        "json", "keyword", "linecache", "locale", "logging", "lzma", "mailbox", "math", "mimetypes", "mmap",
        "multiprocessing", "netrc", "numbers", "operator", "os", "pathlib", "pdb", "pickle", "pkgutil", "platform",
        "plistlib", "pprint", "profile", "pstats", "queue", "random", "re", "readline", "reprlib", "resource", "sched",
        "secrets", "select", "selectors", "shelve", "shlex", "shutil", "signal", "site", "smtplib", "socket",
        "socketserver", "sqlite3", "ssl", "stat", "statistics", "string", "struct", "subprocess", "sys", "sysconfig",
        "tarfile", "tempfile", "textwrap", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib",
        "traceback", "types", "typing", "unicodedata", "unittest", "urllib", "uuid", "venv", "warnings", "weakref",
        "webbrowser", "wsgiref", "xml", "xmlrpc", "zipfile", "zipimport", "zlib", "zoneinfo", "aifc", "asynchat",
        "asyncore", "atexit", "audioop", "bdb", "binascii", "cgi", "cgitb", "chunk", "code", "codecs", "codeop",
        "colorsys", "compileall", "copyreg", "cProfile", "crypt", "curses", "dbm", "distutils", "doctest",
        "encodings", "ensurepip", "faulthandler", "genericpath", "grp", "imghdr", "imp", "lib2to3", "mailcap",
        "marshal", "modulefinder", "msvcrt", "nntplib", "ntpath", "nturl2path", "opcode", "optparse", "pickletools",
        "pipes", "poplib", "posix", "posixpath", "pty", "pwd", "py_compile", "pydoc", "pyexpat", "quopri", "runpy",
        "smtpd", "sndhdr", "spwd", "sre_compile", "sre_constants", "sre_parse", "stringprep", "sunau", "symtable",
        "syslog", "tabnanny", "telnetlib", "termios", "this", "trace", "tracemalloc", "tty", "turtle", "uu", "wave",
        "winreg", "winsound", "xdrlib", "zipapp",
    ]

    static let node: Set<String> = [
        "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
        "diagnostics_channel", "dns", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
        "module", "net", "os", "path", "perf_hooks", "process", "punycode", "querystring", "readline", "repl",
        "stream", "stream/promises", "string_decoder", "sys", "timers", "tls", "trace_events", "tty", "url", "util",
        "v8", "vm", "wasi", "worker_threads", "zlib",
    ]

    static let swift: Set<String> = [
        "Accelerate", "AppKit", "AVFoundation", "Combine", "CoreData", "CoreFoundation", "CoreGraphics", "CoreImage",
        "CoreLocation", "CoreML", "CryptoKit", "Darwin", "Dispatch", "Foundation", "FoundationEssentials",
        "FoundationNetworking", "Glibc", "MapKit", "Musl", "Network", "Observation", "os", "PackageDescription", "RegexBuilder", "Security",
        "SQLite3", "Swift", "SwiftData", "SwiftUI", "Synchronization", "Testing", "UIKit", "WebKit", "WinSDK", "XCTest",
        "_Concurrency", "Distributed", "StoreKit", "UserNotifications", "OSLog", "Cocoa",
    ]

    static let ruby: Set<String> = [
        "base64", "benchmark", "bigdecimal", "cgi", "csv", "date", "delegate", "digest", "drb", "English", "erb",
        "etc", "fileutils", "find", "forwardable", "io", "ipaddr", "json", "logger", "monitor", "net", "observer",
        "open3", "open-uri", "openssl", "optparse", "ostruct", "pathname", "pp", "prettyprint", "pstore", "psych",
        "racc", "rbconfig", "resolv", "ripper", "securerandom", "set", "shellwords", "singleton", "socket", "stringio",
        "strscan", "tempfile", "time", "timeout", "tmpdir", "tsort", "un", "uri", "weakref", "yaml", "zlib",
    ]
}
