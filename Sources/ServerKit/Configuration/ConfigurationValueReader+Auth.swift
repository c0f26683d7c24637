extension ConfigurationValueReader {
    /// The `auth` section.
    mutating func auth(default base: AuthConfiguration) -> AuthConfiguration {
        let plaintext = choice(["auth", "plaintext"], default: base.plaintext)
        var mechanisms = base.mechanisms
        if let (names, _) = items(["auth", "mechanisms"]) {
            let parsed: [AuthConfiguration.Mechanism] = names.compactMap {
                parseChoice($0, path: ["auth", "mechanisms"])
            }
            if names.isEmpty {
                let all = AuthConfiguration.Mechanism.allCases.map(\.rawValue).joined(separator: ", ")
                report(["auth", "mechanisms"], "is empty; expected at least one of \(all)")
            } else if parsed.count == names.count {
                mechanisms = parsed.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            }
        }
        let defaultScheme = string(["auth", "default_scheme"], default: base.defaultScheme) { value in
            guard !AuthConfiguration.passwordSchemes.contains(value.uppercased()) else { return nil }
            let known = AuthConfiguration.passwordSchemes
            let hint = Suggestion.closest(to: value.uppercased(), in: known).map { " (did you mean \($0)?)" } ?? ""
            return "\"\(value)\" is not a password scheme; expected one of \(known.joined(separator: ", "))\(hint)"
        }.uppercased()
        let cacheTTL = duration(["auth", "cache_ttl"], default: base.cacheTTL, range: .zero ... .seconds(86_400))
        let initial = duration(
            ["auth", "failure_delay", "initial"],
            default: base.failureDelay.initial,
            range: .zero ... .seconds(60)
        )
        let max = duration(
            ["auth", "failure_delay", "max"],
            default: base.failureDelay.max,
            range: .zero ... .seconds(300)
        )
        if initial > max {
            report(
                ["auth", "failure_delay", "max"],
                "\(ConfigurationValueSyntax.durationText(max)) is below failure_delay.initial "
                    + "(\(ConfigurationValueSyntax.durationText(initial))); expected max >= initial"
            )
        }
        let passdb = database(["auth", "passdb"], isUserdb: false, default: base.passdb)
        let userdbDefault: DatabaseConfiguration =
            switch passdb {
            case .passwdFile: passdb
            default: .prefetch
            }
        let userdb = database(["auth", "userdb"], isUserdb: true, default: userdbDefault)
        return AuthConfiguration(
            plaintext: plaintext,
            mechanisms: mechanisms,
            defaultScheme: defaultScheme,
            cacheTTL: cacheTTL,
            failureDelay: .init(initial: initial, max: max),
            passdb: passdb,
            userdb: userdb
        )
    }
}
