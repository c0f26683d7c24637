extension ConfigurationValueReader {
    /// The `tls` section; the generated pair under the data directory when neither path is set.
    mutating func tls(default base: TLSConfiguration) -> TLSConfiguration {
        let certificate = optionalString(["tls", "certificate"])
        let key = optionalString(["tls", "key"])
        var pair = base.pair
        var generated = base.usesGeneratedCertificate
        switch (certificate, key) {
        case (let certificate?, let key?):
            pair = .init(certificate: certificate, key: key)
            generated = false
        case (_?, nil) where !isSet(["tls", "key"]):
            reportMissing(
                ["tls", "key"],
                expected: "the private key file of tls.certificate (or neither, for the generated pair)"
            )
        case (nil, _?) where !isSet(["tls", "certificate"]):
            reportMissing(
                ["tls", "certificate"],
                expected: "the certificate file of tls.key (or neither, for the generated pair)"
            )
        default:
            break
        }
        let minimumVersion = choice(["tls", "min_version"], default: base.minimumVersion)
        var sni: [TLSConfiguration.SNICertificate] = []
        for name in document?.names["tls.sni"] ?? [] {
            let path = ["tls", "sni", name]
            let host = name.hasPrefix("*.") ? String(name.dropFirst(2)) : name
            if !ConfigurationValueSyntax.isHostname(host) {
                report(path, "is not a server name; expected a DNS name such as mail.example.net or *.example.net")
            }
            let certificate = optionalString(path + ["certificate"])
            let key = optionalString(path + ["key"])
            if certificate == nil, !isSet(path + ["certificate"]) {
                reportMissing(path + ["certificate"], expected: "the PEM certificate file served for \(name)")
            }
            if key == nil, !isSet(path + ["key"]) {
                reportMissing(path + ["key"], expected: "the PEM private key file served for \(name)")
            }
            if let certificate, let key {
                sni.append(.init(serverName: name, pair: .init(certificate: certificate, key: key)))
            }
        }
        return TLSConfiguration(
            pair: pair,
            usesGeneratedCertificate: generated,
            minimumVersion: minimumVersion,
            sni: sni
        )
    }
}
