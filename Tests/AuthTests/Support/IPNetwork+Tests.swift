import Testing

@testable import Auth

@Suite("IPNetwork")
struct IPNetworkTests {
    @Test(
        "CIDR matching for IPv4, IPv6 and IPv4-mapped addresses",
        arguments: [
            ("192.0.2.0/24", "192.0.2.200", true), ("192.0.2.0/24", "192.0.3.1", false),
            ("10.0.0.1", "10.0.0.1", true), ("10.0.0.1", "10.0.0.2", false), ("0.0.0.0/0", "203.0.113.9", true),
            ("2001:db8::/32", "2001:db8:1::5", true), ("2001:db8::/32", "2001:db9::1", false),
            ("127.0.0.0/8", "::ffff:127.0.0.1", true), ("::1", "::1", true), ("192.0.2.0/24", "::1", false),
            ("10.0.0.0/12", "10.15.255.255", true), ("10.0.0.0/12", "10.16.0.0", false),
        ]
    )
    func matching(network: String, address: String, expected: Bool) throws {
        let parsed = try #require(IPNetwork(network))
        #expect(parsed.contains(address) == expected)
    }

    @Test(
        "malformed networks do not parse",
        arguments: ["", "10.0.0.0/33", "300.1.1.1", "example.org", "::/129", "1.2.3.4/x"]
    )
    func malformed(text: String) {
        #expect(IPNetwork(text) == nil)
    }
}
