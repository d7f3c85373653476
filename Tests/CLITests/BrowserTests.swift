import Foundation
import Support
import TestSupport
import Testing

/// A headless Chromium, when one is installed (`.ci/run` installs it where apt-get can).
enum Browser {
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }()

    /// Runs the browser headless on `arguments` with a profile of its own in `profile`.
    static func run(_ arguments: [String], profile: String) throws -> (status: Int32, output: [UInt8], error: String) {
        try StreamingProcess.run(
            path ?? "chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + profile] + arguments,
            environment: ScriptedRepository.environment(["HOME": profile]))
    }
}

/// The HTML reports as a reader sees them: drawn by a real browser under the page's own
/// Content-Security-Policy. The screenshot is decoded: the page is not blank, and the charts'
/// series colours (set by the inline stylesheet, so the policy let it apply) are on it.
@Suite("The sample team's HTML reports in headless Chromium", .serialized, .enabled(if: Browser.path != nil, "no Chromium installed"))
struct BrowserTests {
    struct Page: Sendable, CustomTestStringConvertible {
        var name: String
        /// Tall enough to hold every chart of the page at 1000 pixels wide.
        var height: Int
        var testDescription: String { name }
    }

    static let pages = [Page(name: "retro", height: 2500), Page(name: "plan", height: 1300), Page(name: "weekly", height: 1100)]

    /// The share of pixels that differ from the top-left one (the background), and how many are
    /// near #0969da (the first series: with AI, all tasks, the strength zone) and #bf3989 (the
    /// second: all human, AI-assisted, the weak zone).
    static func ink(_ image: PNGImage) -> (share: Double, blue: Int, pink: Int) {
        let background = image.rgb(x: 0, y: 0)
        var (inked, blue, pink) = (0, 0, 0)
        func near(_ pixel: (UInt8, UInt8, UInt8), _ colour: (Int, Int, Int)) -> Bool {
            abs(Int(pixel.0) - colour.0) + abs(Int(pixel.1) - colour.1) + abs(Int(pixel.2) - colour.2) < 60
        }
        for y in 0..<image.height {
            for x in 0..<image.width {
                let pixel = image.rgb(x: x, y: y)
                if pixel != background { inked += 1 }
                if near(pixel, (9, 105, 218)) { blue += 1 }
                if near(pixel, (191, 57, 137)) { pink += 1 }
            }
        }
        return (Double(inked) / Double(image.width * image.height), blue, pink)
    }

    @Test("the checks see a blank page, and a chart without its stylesheet, for what they are")
    func checksCanFail() throws {
        let sample = try SampleTeam.get()
        let work = try TemporaryDirectory("browser")
        defer { work.remove() }
        // The plan page without its <style>: the SVG is there, but nothing gives the series their colours.
        let source = try String(contentsOfFile: sample.reports + "/plan.html", encoding: .utf8)
        let unstyled = source.replacingOccurrences(of: "<style>[^<]*</style>", with: "", options: .regularExpression)
        try #require(unstyled != source)
        try work.write("unstyled.html", unstyled)
        try work.write("blank.html", "<!DOCTYPE html><html><body></body></html>\n")
        for name in ["blank", "unstyled"] {
            let png = work.path + "/\(name).png"
            let shot = try Browser.run(
                ["--window-size=800,600", "--screenshot=" + png, "file://" + work.path + "/\(name).html"], profile: work.path + "/profile")
            #expect(shot.status == 0, "\(shot.error)")
            let ink = Self.ink(try PNGImage(data: Data(contentsOf: URL(fileURLWithPath: png))))
            #expect(ink.blue + ink.pink < 50, "\(name): \(ink.blue) blue, \(ink.pink) pink")
            if name == "blank" { #expect(ink.share == 0) } else { #expect(ink.share > 0.02) }
        }
    }

    @Test("the page renders, is not blank, and its charts are drawn with both series visible", arguments: pages)
    func screenshot(_ page: Page) throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0, "\(sample.stderr)")
        let work = try TemporaryDirectory("browser")
        defer { work.remove() }
        let html = sample.reports + "/\(page.name).html"
        let source = try String(contentsOfFile: html, encoding: .utf8)

        // The DOM the browser built: every chart is there, nothing was added.
        let dom = try Browser.run(["--dump-dom", "file://" + html], profile: work.path + "/profile")
        #expect(dom.status == 0, "\(dom.error)")
        let tree = String(decoding: dom.output, as: UTF8.self)
        let charts = source.components(separatedBy: "<svg ").count - 1
        #expect(charts >= 1)
        #expect(tree.components(separatedBy: "<svg ").count - 1 == charts)
        #expect(tree.contains("default-src 'none'; style-src 'unsafe-inline'"))
        #expect(!tree.contains("<script"))

        let png = work.path + "/\(page.name).png"
        let shot = try Browser.run(
            ["--window-size=1000,\(page.height)", "--screenshot=" + png, "file://" + html], profile: work.path + "/profile")
        #expect(shot.status == 0, "\(shot.error)")
        let image = try PNGImage(data: Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(image.width == 1000 && image.height == page.height, "\(image.width)×\(image.height)")

        // Not blank: a fair share of the pixels differ from the page's background; both series drawn.
        let ink = Self.ink(image)
        #expect(ink.share > 0.02, "\(page.name): only \(Int(ink.share * 1000)) per mille of the pixels are not background")
        #expect(ink.blue > 300, "\(page.name): \(ink.blue) pixels of the first series' colour")
        #expect(ink.pink > 300, "\(page.name): \(ink.pink) pixels of the second series' colour")
        print("\(page.name).png: \(Int(ink.share * 100))% inked, \(ink.blue) blue and \(ink.pink) pink pixels")

        if GoldenTests.updating {
            let committed = CLIRunner.packageRoot + "/Reports/\(page.name).png"
            _ = try? FileManager.default.removeItem(atPath: committed)  // absent the first time
            try FileManager.default.copyItem(atPath: png, toPath: committed)
        }
    }
}
