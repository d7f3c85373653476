/// Packages that do the same job, per ecosystem: a second one of a family is a second way of doing a thing.
package enum PackageFamilies {
    /// family name → normalised package names (several ecosystems in one list: names rarely collide).
    package static let families: [(name: String, members: Set<String>)] = [
        (
            "HTTP client",
            [
                "axios", "node-fetch", "got", "superagent", "request", "ky", "undici", "cross-fetch", "requests", "httpx",
                "aiohttp", "urllib3", "httplib2", "reqwest", "ureq", "surf", "isahc", "faraday", "httparty", "rest-client",
                "typhoeus", "alamofire", "okhttp", "retrofit", "com.squareup.okhttp3:okhttp", "com.squareup.retrofit2:retrofit",
                "guzzlehttp/guzzle", "symfony/http-client", "github.com/go-resty/resty/v2", "restsharp", "flurl.http",
                "async-http-client",
            ]
        ),
        (
            "test framework",
            [
                "jest", "mocha", "vitest", "jasmine", "ava", "tap", "pytest", "nose", "nose2", "rspec", "minitest",
                "junit", "testng", "org.junit.jupiter:junit-jupiter", "junit:junit", "org.testng:testng", "quick",
                "nimble", "xunit", "nunit", "mstest.testframework", "phpunit/phpunit", "pestphp/pest",
                "github.com/stretchr/testify", "github.com/onsi/ginkgo/v2",
            ]
        ),
        (
            "logging library",
            [
                "winston", "pino", "bunyan", "log4js", "loglevel", "loguru", "structlog", "logbook", "log", "env_logger",
                "tracing", "slog", "fern", "simplelog", "github.com/sirupsen/logrus", "go.uber.org/zap",
                "github.com/rs/zerolog", "org.slf4j:slf4j-api", "ch.qos.logback:logback-classic",
                "org.apache.logging.log4j:log4j-core", "swift-log", "cocoalumberjack", "serilog", "nlog",
                "monolog/monolog", "lograge", "semantic_logger",
            ]
        ),
        (
            "date library",
            [
                "moment", "dayjs", "date-fns", "luxon", "arrow", "pendulum", "python_dateutil", "python-dateutil", "chrono",
                "time", "joda-time:joda-time", "nesbot/carbon", "nodatime", "swiftdate",
            ]
        ),
    ]

    /// The family a package belongs to, if any.
    package static func family(of name: String) -> String? {
        let lower = name.lowercased()
        return families.first { $0.members.contains(lower) }?.name
    }
}
