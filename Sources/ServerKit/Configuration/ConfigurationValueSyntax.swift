#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text forms of durations and addresses in `columba.yaml`.
enum ConfigurationValueSyntax {
    /// Parses `500ms`, `60s`, `5m`, `1h`, `1d` or a whole number of seconds.
    static func duration(_ text: String) -> Duration? {
        let text = text.trimmingWhitespace()
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, milliseconds) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            guard let value = Int64(number), value >= 0 else { return nil }
            return .milliseconds(value * milliseconds)
        }
        guard let seconds = Int64(text), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }

    /// Parses a size in bytes: a whole number, or one with `k`, `M` or `G` (powers of 1024, as
    /// Dovecot's size settings; upper or lower case, `B` or `iB` after the letter allowed).
    static func size(_ text: String) -> Int64? {
        var text = text.trimmingWhitespace().lowercased()
        for ending in ["ib", "b"] where text.hasSuffix(ending) && text.count > ending.count {
            text.removeLast(ending.count)
            break
        }
        let units: [(String, Int64)] = [("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30)]
        for (suffix, unit) in units where text.hasSuffix(suffix) {
            guard let value = Int64(String(text.dropLast(suffix.count)).trimmingWhitespace()), value >= 0 else { return nil }
            let (bytes, overflow) = value.multipliedReportingOverflow(by: unit)
            return overflow ? nil : bytes
        }
        guard let bytes = Int64(text), bytes >= 0 else { return nil }
        return bytes
    }

    /// The shortest exact text for a size: `10M`, `512k`, or bytes.
    static func sizeText(_ bytes: Int64) -> String {
        for (suffix, unit) in [("G", Int64(1) << 30), ("M", 1 << 20), ("k", 1 << 10)] where bytes >= unit && bytes % unit == 0 {
            return "\(bytes / unit)\(suffix)"
        }
        return "\(bytes)"
    }

    /// The shortest exact text for a duration: `500ms`, `30s`, `5m`, `1h`, `1d`.
    static func durationText(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        for (suffix, unit) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where milliseconds >= unit && milliseconds % unit == 0 {
            return "\(milliseconds / unit)\(suffix)"
        }
        return milliseconds == 0 ? "0s" : "\(milliseconds)ms"
    }

    /// Whether `text` is an IPv4 or IPv6 address literal.
    static func isIPAddress(_ text: String) -> Bool {
        ipv4Bytes(text) != nil || ipv6Bytes(text) != nil
    }

    /// Whether `text` is a loopback address (127.0.0.0/8 or ::1).
    static func isLoopback(_ text: String) -> Bool {
        if let bytes = ipv4Bytes(text) { return bytes[0] == 127 }
        if let bytes = ipv6Bytes(text) { return bytes == [UInt8](repeating: 0, count: 15) + [1] }
        return false
    }

    /// Whether `text` is the IPv4 or IPv6 "any" address.
    static func isWildcard(_ text: String) -> Bool {
        if let bytes = ipv4Bytes(text) { return bytes.allSatisfy { $0 == 0 } }
        if let bytes = ipv6Bytes(text) { return bytes.allSatisfy { $0 == 0 } }
        return false
    }

    /// Whether `text` is a DNS name: dot-separated labels of letters, digits and hyphens.
    static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }

    private static func ipv4Bytes(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    private static func ipv6Bytes(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }
        return String(String.UnicodeScalarView(scalars.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
    }
}
