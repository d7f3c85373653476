import Model
import Testing

@testable import Review

@Suite("New and unknown dependencies")
struct DependencyCheckTests {
    /// (manifest, an added line declaring a dependency, its name, a near miss).
    static let manifests: [(String, String, String, String)] = [
        ("package.json", #"    "left-pad": "^1.3.0","#, "left-pad", #"    "test": "jest --coverage","#),
        ("web/package.json", #"    "@acme/ui-kit": "~2.0.1""#, "@acme/ui-kit", #"    "version": "2.0.1","#),
        ("requirements.txt", "requests==2.31.0", "requests", "# requests is pinned elsewhere"),
        ("requirements-dev.txt", "pytest>=7", "pytest", "-r requirements.txt"),
        ("pyproject.toml", #"    "httpx>=0.27","#, "httpx", #"requires-python = ">=3.11""#),
        ("pyproject.toml", #"pendulum = "^3.0""#, "pendulum", #"name = "demo""#),
        ("go.mod", "\tgithub.com/go-resty/resty/v2 v2.11.0", "github.com/go-resty/resty/v2", "go 1.22"),
        ("Cargo.toml", #"reqwest = { version = "0.12", features = ["json"] }"#, "reqwest", #"edition = "2021""#),
        ("Gemfile", #"gem "faraday", "~> 2.9""#, "faraday", #"source "https://rubygems.org""#),
        ("Package.swift", #"        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),"#, "swift-log", #"        .target(name: "Core"),"#),
        ("pom.xml", "      <artifactId>okhttp</artifactId>", "okhttp", "      <version>4.12.0</version>"),
        ("build.gradle.kts", #"    implementation("com.squareup.retrofit2:retrofit:2.11.0")"#, "com.squareup.retrofit2:retrofit", #"    id("org.jetbrains.kotlin.jvm") version "2.0.0""#),
        ("composer.json", #"        "guzzlehttp/guzzle": "^7.8","#, "guzzlehttp/guzzle", #"        "php": ">=8.2","#),
        ("src/App.csproj", #"    <PackageReference Include="Serilog" Version="3.1.1" />"#, "Serilog", #"    <TargetFramework>net8.0</TargetFramework>"#),
    ]

    @Test("a dependency added to each manifest kind is found; a near miss is not", arguments: manifests)
    func manifest(_ path: String, _ line: String, _ name: String, _ miss: String) {
        #expect(DependencyCheck.added(unit(path, [line])).map(\.name) == [name])
        #expect(DependencyCheck.added(unit(path, [miss])).isEmpty, "\(path): \(miss)")
    }

    /// (manifest, added lines, the dependencies they declare, in order).
    static let lists: [(String, [String], [String])] = [
        ("package.json", [#"  "dependencies": { "react": "^18.2.0", "left-pad": "^1.3.0" }"#], ["react", "left-pad"]),
        ("package.json", [#"{"name":"web","version":"1.0.0","scripts":{"dev":"vite"},"engines":{"node":">=18"},"dependencies":{"react":"^18.2.0"},"devDependencies":{"jest":"latest"}}"#], ["react", "jest"]),
        ("composer.json", [#"{"require" : {"php" : ">=8.2", "guzzlehttp/guzzle" : "^7.8"}}"#], ["guzzlehttp/guzzle"]),
        // An object whose opening line was read says what its entries are.
        ("package.json", [#"  "scripts": {"#, #"    "dev": "vite","#, "  },", #"  "dependencies": {"#, #"    "zod": "github:colinhacks/zod""#], ["zod"]),
        ("pyproject.toml", [#"dependencies = ["httpx>=0.25", "pydantic>=2", "reqeusts>=2"]"#], ["httpx", "pydantic", "reqeusts"]),
        ("pyproject.toml", [#"dependencies = ["httpx[http2]>=0.25","#, #"    "tomli>=1.1; python_version < '3.11'", "rich"]"#], ["httpx", "tomli", "rich"]),
        ("pyproject.toml", [#"    "httpx>=0.25", "pydantic>=2","#], ["httpx", "pydantic"]),
        ("pyproject.toml", ["[project.optional-dependencies]", #"test = ["pytest>=8", "hypothesis"]"#], ["pytest", "hypothesis"]),
        ("pyproject.toml", ["[build-system]", #"requires = ["hatchling"]"#], ["hatchling"]),
        // A tool's lists are no dependencies.
        ("pyproject.toml", ["[tool.ruff.lint]", #"select = ["E", "F", "I"]"#, "ignore = [", #"    "E501","#, "]"], []),
        ("pyproject.toml", ["[tool.mypy]", #"python_version = "3.11""#], []),
        ("pyproject.toml", [#"keywords = ["http", "client"]"#], []),
        ("Cargo.toml", ["[features]", #"default = ["std"]"#, "[dependencies]", #"tokio = { version = "1", features = ["full"] }"#], ["tokio"]),
    ]

    @Test("dependency lists on one line, several entries a line, and what an opened object or table holds", arguments: lists)
    func list(_ path: String, _ lines: [String], _ names: [String]) {
        #expect(DependencyCheck.added(unit(path, lines)).map(\.name) == names, "\(path): \(lines)")
    }

    @Test("packages a one-line dependency list declares are known to the import check")
    func oneLineManifests() {
        let context = ReviewContext(manifests: [
            "package.json": #"{"name": "web", "dependencies": { "react": "^18.2.0" }}"# + "\n",
            "pyproject.toml": "[project]\nname = \"x\"\n" + #"dependencies = ["httpx>=0.25", "pydantic>=2"]"# + "\n",
        ])
        #expect(ImportCheck.run(unit("src/page.js", ["import React from 'react';"]), context).isEmpty)
        #expect(ImportCheck.run(unit("src/a.py", ["import httpx", "from pydantic import BaseModel"]), context).isEmpty)
        #expect(ImportCheck.run(unit("src/b.py", ["import reqeusts"]), context).map(\.rule) == ["unknown-import"])
    }

    /// (manifest, removed lines, added lines, the new dependencies), each line numbered from 3 in its file.
    static let changes: [(String, [String], [String], [String])] = [
        ("package.json", [#"    "express": "^4.18.2""#], [#"    "express": "^4.19.2""#], []),
        ("requirements.txt", ["requests==2.31.0"], ["Requests==2.32.3"], []),
        ("go.mod", ["require github.com/pkg/errors v0.9.0"], ["require github.com/pkg/errors v0.9.1"], []),
        ("Cargo.toml", [#"serde = "1.0.190""#], [#"serde = { version = "1.0.200", features = ["derive"] }"#], []),
        // A reformat: the list on one line becomes one entry a line, and gains a package.
        ("package.json", [#"  "dependencies": { "react": "^18.2.0" }"#],
            [#"  "dependencies": {"#, #"    "react": "^18.2.0","#, #"    "left-pad": "^1.3.0""#, "  }"], ["left-pad"]),
        ("pyproject.toml", [#"dependencies = ["httpx>=0.25", "pydantic>=2"]"#],
            ["dependencies = [", #"  "httpx>=0.25","#, #"  "pydantic>=2","#, #"  "reqeusts>=2","#, "]"], ["reqeusts"]),
        // A package removed from one line and added on another of the same file: moved, not new.
        ("requirements.txt", ["flask==3.0.0"], ["alembic==1.13.1", "flask==3.0.0"], ["alembic"]),
    ]

    @Test("a package the manifest declared before the commit (a version bump, a reformat) is not new", arguments: changes)
    func changed(_ path: String, _ removed: [String], _ added: [String], _ names: [String]) {
        let file = CommitDiff.File(
            path: path, status: .modified, added: added.enumerated().map { CommitDiff.Line(number: $0.offset + 3, text: $0.element) },
            deletedCount: removed.count, removed: removed.enumerated().map { CommitDiff.Line(number: $0.offset + 3, text: $0.element) })
        var changed = unit(path, [])
        changed.diffs = [CommitDiff(hash: "abc123", files: [file])]
        #expect(DependencyCheck.added(changed).map(\.name) == names, "\(path): \(removed) → \(added)")
    }

    @Test("a package of the repository itself added as a dependency is no new package to look up")
    func ownPackageAdded() {
        let manifests = [
            "packages/ui/package.json": "{\"name\": \"@acme/ui\"}\n",
            "crates/core/Cargo.toml": "[package]\nname = \"my-core\"\n",
        ]
        let context = ReviewContext(manifests: manifests, paths: Array(manifests.keys))
        let npm = unit("apps/web/package.json", [#""@acme/ui": "workspace:*","#, #""left-pad": "^1.3.0""#])
        #expect(DependencyCheck.run(npm, context).map(\.evidence) == [#""left-pad": "^1.3.0""#])
        let cargo = unit("crates/cli/Cargo.toml", ["[dependencies]", #"my_core = { path = "../core" }"#, #"serde = "1""#])
        #expect(DependencyCheck.run(cargo, context).map(\.evidence) == [#"serde = "1""#])
    }

    @Test("a version changed without the lock file gets the lock-file finding (no new-dependency); a reformat gets none")
    func bumpWithoutLock() {
        func bump(_ removed: [String], _ added: [String], touched: Set<String>? = nil) -> [String] {
            let file = CommitDiff.File(
                path: "package.json", status: .modified,
                added: added.enumerated().map { CommitDiff.Line(number: $0.offset + 3, text: $0.element) },
                deletedCount: removed.count, removed: removed.enumerated().map { CommitDiff.Line(number: $0.offset + 3, text: $0.element) })
            var changed = unit("package.json", [], touched: touched)
            changed.diffs = [CommitDiff(hash: "abc123", files: [file])]
            return DependencyCheck.run(changed, ReviewContext(paths: ["package.json", "package-lock.json"])).map(\.rule)
        }
        #expect(bump([#"  "express": "^4.18.0","#], [#"  "express": "^4.19.2","#]) == ["lock-file"])
        #expect(bump([#"  "express": "^4.18.0","#], [#"  "express": "^4.19.2","#], touched: ["package.json", "package-lock.json"]) == [])
        // Spaces and a trailing comma are no version.
        #expect(bump([#"  "express": "^4.18.0","#], [#"    "express":"^4.18.0""#]) == [])
        // A manifest written on one line: an edited script is no version changed; a bumped version is.
        let oneLine = #"{"name": "app", "dependencies": {"express": "^4.18.0", "react": "^18.2.0"}, "scripts": {"test": "jest"}}"#
        #expect(bump([oneLine], [oneLine.replacingOccurrences(of: "jest", with: "vitest")]) == [])
        #expect(bump([oneLine], [oneLine.replacingOccurrences(of: "^18.2.0", with: "^18.3.1")]) == ["lock-file"])
        #expect(bump([oneLine], [oneLine.replacingOccurrences(of: "^4.18.0", with: "^4.19.2")]) == ["lock-file"])
    }

    @Test("a manifest changed without its lock file, when the tree has one")
    func lockFile() {
        let context = ReviewContext(paths: ["package.json", "package-lock.json"])
        let alone = DependencyCheck.run(unit("package.json", [#""axios": "^1.7.0""#]), context)
        #expect(alone.map(\.rule) == ["new-dependency", "lock-file"])
        let both = unit("package.json", [#""axios": "^1.7.0""#], touched: ["package.json", "package-lock.json"])
        #expect(DependencyCheck.run(both, context).map(\.rule) == ["new-dependency"])
        #expect(DependencyCheck.run(unit("package.json", [#""axios": "^1.7.0""#]), ReviewContext(paths: ["package.json"]))
            .map(\.rule) == ["new-dependency"])
    }

    /// (file, an import of an undeclared package, a near miss: standard library, declared or local).
    static let imports: [(String, String, String)] = [
        ("a.py", "import fastjsonx", "import json"),
        ("a.py", "from torchlight.utils import glow", "from requests.adapters import HTTPAdapter"),
        ("b.py", "from leftpadpy import pad", "from .models import User"),
        ("c.py", "import pandasx", "import _codecs_kr"),
        ("d.py", "import numpyish", "import binascii"),
        ("a.ts", "import { pad } from 'leftish-pad'", "import axios from 'axios'"),
        ("a.js", "const x = require('superfetch')", "const fs = require('node:fs')"),
        ("a.js", "import chalk2 from 'chalk2'", "import { helper } from './helper'"),
        ("a.go", #"    "github.com/nosuch/thing""#, #"    "net/http""#),
        ("a.go", #"import "github.com/nosuch/other""#, #"import "example.com/app/internal/store""#),
        ("a.rs", "use fastserde::Deserialize;", "use std::collections::HashMap;"),
        ("a.rs", "extern crate quickjsonrs;", "use reqwest::Client;"),
        ("a.swift", "import SwiftyMagic", "import Foundation"),
        ("b.swift", "@testable import HyperCache", "import Logging"),
        ("a.rb", "require 'fast_jsonapi_x'", "require 'json'"),
        ("b.rb", "require 'prawnish'", "require 'faraday'"),
    ]

    static let context = ReviewContext(
        manifests: [
            "requirements.txt": "requests==2.31\n", "package.json": "{\n  \"dependencies\": {\n    \"axios\": \"^1.0.0\"\n  }\n}\n",
            "go.mod": "module example.com/app\n\ngo 1.22\n", "Cargo.toml": "[dependencies]\nreqwest = \"0.12\"\n",
            "Package.swift": #".package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),"# + "\n",
            "Gemfile": "gem 'faraday'\n",
        ],
        paths: ["app/models.py", "src/helper.ts"])

    @Test("a package.json's own name is declared (a workspace's packages import each other by it); a nested name or a broken file is not")
    func workspaceNames() {
        let manifests = [
            "package.json": "\u{FEFF}{\"name\": \"acme\", \"workspaces\": [\"packages/*\"]}\n",
            "packages/ui/package.json": "{\n  \"name\": \"@acme/ui\",\n  \"repository\": {\"name\": \"not-a-package\"},\n"
                + "  \"dependencies\": {\"react\": \"^18.2.0\"}\n}\n",
            "packages/broken/package.json": "{\n  \"name\": \"acme-broken\",\n<<<<<<< HEAD\n",
            "pyproject.toml": "[project]\nname = \"acme-py\"\n",
        ]
        #expect(Manifests.declared(manifests)[.javascript] == ["acme", "@acme/ui", "react"])
        #expect(Manifests.declared(manifests)[.python] == nil)
        let context = ReviewContext(manifests: manifests, paths: Array(manifests.keys))
        #expect(ImportCheck.run(unit("apps/web/a.ts", [#"import { Button } from "@acme/ui";"#]), context).isEmpty)
        #expect(ImportCheck.run(unit("apps/web/a.ts", [#"import x from "acme-broken";"#]), context).map(\.rule) == ["unknown-import"])
    }

    @Test("a crate's own name (its [package] or [lib] name) is declared: its tests, examples and workspace siblings use it")
    func crateNames() {
        let manifests = [
            "Cargo.toml": "[workspace]\nmembers = [\"crates/*\"]\n",
            "crates/core/Cargo.toml": "[package]\nname = \"my-core\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = \"1\"\n",
            "crates/cli/Cargo.toml": "[package]\nname = \"acme-cli\"\n\n[lib]\nname = \"acme_tools\"\npath = \"src/lib.rs\"\n",
            "crates/odd/Cargo.toml": "[dependencies]\nname = \"not-a-crate\"\n",
        ]
        #expect(Manifests.declared(manifests)[.rust] == ["my_core", "acme_cli", "acme_tools", "serde"])
        let context = ReviewContext(manifests: manifests, paths: Array(manifests.keys))
        #expect(ImportCheck.run(unit("crates/core/tests/parse.rs", ["use my_core::parse;"]), context).isEmpty)
        #expect(ImportCheck.run(unit("crates/cli/examples/run.rs", ["use acme_tools::run;"]), context).isEmpty)
        #expect(ImportCheck.run(unit("crates/cli/src/main.rs", ["use not_a_crate::x;"]), context).map(\.rule) == ["unknown-import"])
    }

    @Test("an import of an undeclared package fires; the standard library, declared and local ones do not", arguments: imports)
    func unknownImport(_ path: String, _ hit: String, _ miss: String) {
        #expect(ImportCheck.run(unit(path, [hit]), Self.context).map(\.rule) == ["unknown-import"], "\(path): \(hit)")
        #expect(ImportCheck.run(unit(path, [miss]), Self.context).isEmpty, "\(path): \(miss)")
    }
}
