import Testing

@testable import ServerKit

@Suite("Configuration value syntax")
struct ConfigurationValueSyntaxTests {
    @Test(
        "durations",
        arguments: [
            ("500ms", Duration.milliseconds(500)), ("60s", .seconds(60)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
            ("1d", .seconds(86_400)), ("45", .seconds(45)), (" 2s ", .seconds(2)),
        ]
    )
    func duration(text: String, expected: Duration) {
        #expect(ConfigurationValueSyntax.duration(text) == expected)
    }

    @Test("invalid durations", arguments: ["", "s", "-1s", "1.5s", "10 minutes", "1w"])
    func invalidDuration(text: String) {
        #expect(ConfigurationValueSyntax.duration(text) == nil)
    }

    @Test(
        "sizes",
        arguments: [
            ("10M", Int64(10 << 20)), ("512k", 512 << 10), ("1G", 1 << 30), ("4096", 4096), ("2 MB", 2 << 20),
            ("64KiB", 64 << 10), ("0", 0),
        ]
    )
    func size(text: String, expected: Int64) {
        #expect(ConfigurationValueSyntax.size(text) == expected)
    }

    @Test("invalid sizes", arguments: ["", "M", "-1M", "1.5M", "10 megabytes", "1T", "99999999999G"])
    func invalidSize(text: String) {
        #expect(ConfigurationValueSyntax.size(text) == nil)
    }

    @Test("sizes print in their largest exact unit", arguments: [(Int64(10 << 20), "10M"), (1536, "1536"), (3 << 10, "3k")])
    func sizeText(bytes: Int64, expected: String) {
        #expect(ConfigurationValueSyntax.sizeText(bytes) == expected)
    }

    @Test(
        "durations print in their largest exact unit",
        arguments: [(Duration.milliseconds(500), "500ms"), (.seconds(90), "90s"), (.seconds(120), "2m"), (.zero, "0s")]
    )
    func durationText(duration: Duration, expected: String) {
        #expect(ConfigurationValueSyntax.durationText(duration) == expected)
    }

    @Test("addresses")
    func addresses() {
        #expect(ConfigurationValueSyntax.isLoopback("127.0.0.1"))
        #expect(ConfigurationValueSyntax.isLoopback("::1"))
        #expect(!ConfigurationValueSyntax.isLoopback("0.0.0.0"))
        #expect(ConfigurationValueSyntax.isWildcard("::"))
        #expect(!ConfigurationValueSyntax.isIPAddress("localhost"))
    }

    @Test("suggestions")
    func suggestions() {
        #expect(Suggestion.closest(to: "levl", in: ["level", "format"]) == "level")
        #expect(Suggestion.closest(to: "zzzz", in: ["level", "format"]) == nil)
    }
}
