extension ConfigurationValueReader {
    /// The `lmtp` section.
    mutating func lmtp(default base: LMTPConfiguration) -> LMTPConfiguration {
        LMTPConfiguration(
            receivedHeader: boolean(["lmtp", "received_header"], default: base.receivedHeader),
            maxMessageSize: integer(["lmtp", "max_message_size"], default: base.maxMessageSize,
                                    range: 1024...(2 * 1024 * 1024 * 1024)),
            maxRecipients: integer(["lmtp", "max_recipients"], default: base.maxRecipients, range: 1...100_000)
        )
    }

    /// The `sieve` section.
    mutating func sieve(default base: SieveConfiguration) -> SieveConfiguration {
        var relay = base.relay
        if let (value, _) = text(["sieve", "relay"]) {
            if value.isEmpty {
                relay = nil
            } else if Self.isHostAndPort(value) {
                relay = value
            } else {
                report(["sieve", "relay"], "\"\(value)\" is not host:port; expected an address such as 127.0.0.1:25")
            }
        }
        return SieveConfiguration(
            before: items(["sieve", "before"])?.0 ?? base.before,
            after: items(["sieve", "after"])?.0 ?? base.after,
            relay: relay,
            maxScriptSize: integer(["sieve", "max_script_size"], default: base.maxScriptSize, range: 1024...(1 << 20)),
            maxScripts: integer(["sieve", "max_scripts"], default: base.maxScripts, range: 1...10_000)
        )
    }

    /// `true`/`false` (also `yes`/`no`, `on`/`off`).
    mutating func boolean(_ path: [String], default defaultValue: Bool) -> Bool {
        guard let (value, _) = text(path) else { return defaultValue }
        switch value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(path, "\"\(value)\" is not a boolean; expected true or false")
            return defaultValue
        }
    }

    /// `host:port` with a port in 1...65535; an IPv6 host is written in brackets.
    static func isHostAndPort(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return false }
        var host = text[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return !host.isEmpty
    }
}
