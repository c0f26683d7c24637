import Logging

extension ColumbaConfiguration {
    /// The text that replaces secrets in ``render(showingOrigins:)``.
    public static let secretMask = "********"

    /// The effective configuration as YAML (`columba config show`): every key, defaults filled in,
    /// passwords (also inside database URLs) replaced by ``secretMask``. The output loads back as a file.
    /// - Parameter showingOrigins: Appends `# <file>:<line>`, `# environment COLUMBA_…` or `# option --data`
    ///   to each value not left at its default.
    public func render(showingOrigins: Bool = false) -> String {
        var writer = ConfigurationYAMLWriter(sources: sources, showingOrigins: showingOrigins)
        writer.value("hostname", hostname)
        writer.value("data_dir", dataDirectory)
        writer.section("mail") {
            $0.value("root", mailRoot)
            $0.value("fsync", mailFsync.rawValue)
            $0.value("format", mailFormat.rawValue)
            $0.value("mdbox_rotate_size", ConfigurationValueSyntax.sizeText(mdboxRotateSize))
            $0.value("io_threads", mailIOThreads)
        }
        writer.section("log") {
            $0.value("level", log.level.rawValue)
            $0.value("format", log.format.rawValue)
        }
        writer.section("listeners") { writer in
            for listener in listeners {
                writer.section(listener.name) {
                    $0.value("protocol", listener.serviceProtocol.rawValue)
                    $0.list("address", listener.addresses)
                    $0.value("port", listener.port)
                    $0.value("tls", listener.tls.rawValue)
                }
            }
        }
        writer.section("tls") { writer in
            writer.value("certificate", tls.pair.certificate)
            writer.value("key", tls.pair.key)
            writer.value("min_version", tls.minimumVersion.rawValue)
            writer.section("sni", emptyText: "{}") { writer in
                for entry in tls.sni {
                    writer.section(entry.serverName) {
                        $0.value("certificate", entry.pair.certificate)
                        $0.value("key", entry.pair.key)
                    }
                }
            }
        }
        writer.section("auth") { writer in
            writer.value("plaintext", auth.plaintext.rawValue)
            writer.list("mechanisms", auth.mechanisms.map(\.rawValue))
            writer.value("default_scheme", auth.defaultScheme)
            writer.value("cache_ttl", auth.cacheTTL)
            writer.section("failure_delay") {
                $0.value("initial", auth.failureDelay.initial)
                $0.value("max", auth.failureDelay.max)
            }
            writer.section("passdb") { $0.database(auth.passdb) }
            writer.section("userdb") { $0.database(auth.userdb) }
        }
        writer.section("limits") {
            $0.value("max_connections", limits.maxConnections)
            $0.value("max_connections_per_ip", limits.maxConnectionsPerIP)
            $0.value("max_connections_per_user_ip", limits.maxConnectionsPerUserIP)
            $0.value("idle_timeout", limits.idleTimeout)
            $0.value("login_timeout", limits.loginTimeout)
            $0.value("line_length", limits.lineLength)
        }
        writer.section("shutdown") { $0.value("drain_timeout", shutdown.drainTimeout) }
        writer.section("lmtp") {
            $0.value("received_header", lmtp.receivedHeader)
            $0.value("max_message_size", lmtp.maxMessageSize)
            $0.value("max_recipients", lmtp.maxRecipients)
        }
        writer.section("sieve") {
            $0.list("before", sieve.before)
            $0.list("after", sieve.after)
            $0.value("relay", sieve.relay ?? "")
            $0.value("max_script_size", sieve.maxScriptSize)
            $0.value("max_scripts", sieve.maxScripts)
        }
        return writer.text
    }

    /// A PostgreSQL URL with the password between `user:` and `@` masked.
    static func maskingPassword(inURL url: String) -> String {
        guard let separator = url.firstIndex(of: ":"), url[separator...].hasPrefix("://") else { return url }
        let authority = url.index(separator, offsetBy: 3)
        guard let at = url[authority...].firstIndex(where: { $0 == "@" || $0 == "/" }), url[at] == "@" else {
            return url
        }
        let userInfo = url[authority..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + secretMask + String(url[at...])
    }
}
