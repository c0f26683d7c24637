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
