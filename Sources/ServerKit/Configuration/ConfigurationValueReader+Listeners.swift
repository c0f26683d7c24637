extension ConfigurationValueReader {
    /// The listeners of the file's `listeners` map, or the default listeners (with environment overrides)
    /// when the file has no `listeners` key.
    mutating func listeners(defaults: [ListenerConfiguration]) -> [ListenerConfiguration] {
        guard let document, document.line(of: "listeners") != nil else {
            return defaults.compactMap { listener(named: $0.name, default: $0) }
        }
        guard let names = document.names["listeners"], !names.isEmpty else {
            if document.emptyKeys.contains("listeners") || document.names["listeners"] != nil {
                report(
                    ["listeners"],
                    "has no listeners; "
                        + "expected at least one, such as `imap: { protocol: imap, port: 143, tls: starttls }`"
                )
            }
            return []
        }
        return names.compactMap { listener(named: $0, default: nil) }
    }

    private mutating func listener(named name: String, default base: ListenerConfiguration?) -> ListenerConfiguration? {
        let path = ["listeners", name]
        var valid = true
        if !name.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }) {
            report(
                path,
                "is not a valid listener name; expected letters, digits, `-` and `_` (it names environment variables)"
            )
            valid = false
        }
        var serviceProtocol = base?.serviceProtocol ?? Self.impliedProtocol(name)
        if let (value, _) = text(path + ["protocol"]) {
            serviceProtocol = parseChoice(value, path: path + ["protocol"])
            valid = valid && serviceProtocol != nil
        } else if serviceProtocol == nil {
            reportMissing(path + ["protocol"], expected: "one of " + Self.protocolNames)
            valid = false
        }
        let effectiveProtocol = serviceProtocol ?? .imap
        let defaultTLS =
            base?.tls ?? (name == "imaps" || name == "submissions" ? .implicit : effectiveProtocol.defaultTLS)
        let tls = choice(path + ["tls"], default: defaultTLS)
        let port = integer(
            path + ["port"],
            default: base?.port ?? effectiveProtocol.standardPort(tls: tls),
            range: 0...65535
        )
        var addresses = base?.addresses ?? ["127.0.0.1"]
        if let (items, _) = items(path + ["address"]) {
            let normalized = items.map { $0 == "*" ? "0.0.0.0" : $0 }
            let invalid = normalized.filter { !ConfigurationValueSyntax.isIPAddress($0) }
            if items.isEmpty {
                report(path + ["address"], "is empty; expected an IP address or a list of them")
                valid = false
            } else if !invalid.isEmpty {
                report(
                    path + ["address"],
                    "\(invalid.map { "\"\($0)\"" }.joined(separator: ", ")) is not an IP address; "
                        + "expected an IPv4 or IPv6 address such as 127.0.0.1, ::1, 0.0.0.0 (all IPv4) or :: (all IPv6)"
                )
                valid = false
            } else {
                addresses = normalized
            }
        }
        guard valid, let serviceProtocol else { return nil }
        return ListenerConfiguration(
            name: name,
            serviceProtocol: serviceProtocol,
            addresses: addresses,
            port: port,
            tls: tls
        )
    }

    private static let protocolNames = ListenerConfiguration.ServiceProtocol.allCases.map(\.rawValue).joined(
        separator: ", "
    )

    /// The protocol a listener's name implies (`imaps` is IMAP, `sieve` is ManageSieve), if any.
    private static func impliedProtocol(_ name: String) -> ListenerConfiguration.ServiceProtocol? {
        switch name.lowercased() {
        case "imap", "imaps": .imap
        case "lmtp": .lmtp
        case "smtp": .smtp
        case "submission", "submissions": .submission
        case "managesieve", "sieve": .managesieve
        default: nil
        }
    }
}
