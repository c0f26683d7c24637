extension ColumbaConfiguration {
    /// Problems that need several keys together: listeners that would take passwords in clear text on
    /// a public address, and two listeners on the same address and port.
    func safetyProblems() -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        for listener in listeners where listener.tls == .none && listener.serviceProtocol.acceptsPasswords {
            let exposed = listener.addresses.filter { !ConfigurationValueSyntax.isLoopback($0) }
            guard auth.plaintext == .allow, let address = exposed.first else { continue }
            problems.append(
                sources.problem(
                    "listeners.\(listener.name).tls",
                    "none on \(address) port \(listener.port) with auth.plaintext: allow lets passwords cross the "
                        + "network unencrypted; set tls: starttls or implicit, or auth.plaintext: require_tls"
                )
            )
        }
        var seen: [(ListenerConfiguration, String)] = []
        for listener in listeners {
            for address in listener.addresses {
                if let (other, _) = seen.first(where: { other, otherAddress in
                    listener.port != 0 && other.port == listener.port && Self.overlap(address, otherAddress)
                }) {
                    problems.append(
                        sources.problem(
                            "listeners.\(listener.name).port",
                            "\(address) port \(listener.port) is already used by listener \(other.name); "
                                + "expected a different port or address"
                        )
                    )
                }
                seen.append((listener, address))
            }
        }
        return problems
    }

    /// Whether binding both addresses on one port would clash (equal, or one is the wildcard of the other's family).
    private static func overlap(_ a: String, _ b: String) -> Bool {
        guard a != b else { return true }
        let sameFamily = a.contains(":") == b.contains(":")
        return sameFamily && (ConfigurationValueSyntax.isWildcard(a) || ConfigurationValueSyntax.isWildcard(b))
    }
}
