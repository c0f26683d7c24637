import Logging

/// The whole server configuration: one typed value read from `columba.yaml`, the environment and options.
///
/// Get one with ``load(file:dataDirectory:environment:hostname:)``, check the files it names with
/// ``validateFiles()``, and print it with ``render(showingOrigins:)``.
public struct ColumbaConfiguration: Sendable, Hashable {
    /// The default data directory, relative to the working directory.
    public static let defaultDataDirectory = "./columba-data"

    /// The server's name in greetings and generated certificates.
    public var hostname: String
    /// Where the server keeps its state; other default paths live below it.
    public var dataDirectory: String
    /// The root of the user homes (`<mail_root>/<domain>/<localpart>/`).
    public var mailRoot: String
    /// When message files are fsynced (`mail.fsync`).
    public var mailFsync: MailFsyncMode
    /// How new homes store messages (`mail.format`); a home keeps the format it was created with.
    public var mailFormat = MailFormat.sdbox
    /// Multi-dbox files take no more messages past this size (`mail.mdbox_rotate_size`).
    public var mdboxRotateSize: Int64 = 10 << 20
    /// Threads that run the storage's blocking file system calls (`mail.io_threads`).
    public var mailIOThreads = 32
    /// Log level and format.
    public var log: LogConfiguration
    /// The listeners, in file order.
    public var listeners: [ListenerConfiguration]
    /// Certificates and TLS versions.
    public var tls: TLSConfiguration
    /// Authentication policy and databases.
    public var auth: AuthConfiguration
    /// Connection and protocol limits.
    public var limits: LimitsConfiguration
    /// Graceful shutdown.
    public var shutdown: ShutdownConfiguration
    /// Where each value came from.
    public var sources: ConfigurationSources
    /// LMTP delivery.
    public var lmtp = LMTPConfiguration()
    /// The administrator's Sieve scripts and the relay for redirects and vacation replies.
    public var sieve = SieveConfiguration()

    /// Creates a configuration from its sections.
    public init(
        hostname: String,
        dataDirectory: String,
        mailRoot: String,
        log: LogConfiguration,
        listeners: [ListenerConfiguration],
        tls: TLSConfiguration,
        auth: AuthConfiguration,
        limits: LimitsConfiguration,
        shutdown: ShutdownConfiguration,
        sources: ConfigurationSources,
        mailFsync: MailFsyncMode = .optimized
    ) {
        self.hostname = hostname
        self.dataDirectory = dataDirectory
        self.mailRoot = mailRoot
        self.mailFsync = mailFsync
        self.log = log
        self.listeners = listeners
        self.tls = tls
        self.auth = auth
        self.limits = limits
        self.shutdown = shutdown
        self.sources = sources
    }

    /// The embedded default: loopback listeners on unprivileged ports, a generated self-signed
    /// certificate and a passwd-file, all below `dataDirectory`.
    /// - Parameters:
    ///   - dataDirectory: The data directory (`--data`), `./columba-data` by default.
    ///   - hostname: The server name, the machine's host name by default.
    public static func embeddedDefault(
        dataDirectory: String = defaultDataDirectory,
        hostname: String = ColumbaConfiguration.machineHostname()
    ) -> ColumbaConfiguration {
        let data =
            dataDirectory.hasSuffix("/") && dataDirectory.count > 1 ? String(dataDirectory.dropLast()) : dataDirectory
        func listener(
            _ name: String,
            _ proto: ListenerConfiguration.ServiceProtocol,
            _ port: Int,
            _ tls: ListenerConfiguration.TLSMode
        ) -> ListenerConfiguration {
            ListenerConfiguration(name: name, serviceProtocol: proto, addresses: ["127.0.0.1"], port: port, tls: tls)
        }
        let users = DatabaseConfiguration.passwdFile(path: "\(data)/users")
        return ColumbaConfiguration(
            hostname: hostname,
            dataDirectory: data,
            mailRoot: "\(data)/mail",
            log: LogConfiguration(level: .info, format: .text),
            listeners: [
                listener("imap", .imap, 1143, .starttls),
                listener("imaps", .imap, 1993, .implicit),
                listener("lmtp", .lmtp, 1024, .none),
                listener("smtp", .smtp, 2525, .starttls),
                listener("submission", .submission, 1587, .starttls),
                listener("managesieve", .managesieve, 4190, .starttls),
            ],
            tls: TLSConfiguration(
                pair: .init(certificate: "\(data)/tls/cert.pem", key: "\(data)/tls/key.pem"),
                usesGeneratedCertificate: true,
                minimumVersion: .tls12,
                sni: []
            ),
            auth: AuthConfiguration(
                plaintext: .allowLoopback,
                mechanisms: [.plain, .login],
                defaultScheme: "ARGON2ID",
                cacheTTL: .seconds(60),
                failureDelay: .init(initial: .seconds(2), max: .seconds(15)),
                passdb: users,
                userdb: users
            ),
            limits: LimitsConfiguration(
                maxConnections: 1000,
                maxConnectionsPerIP: 20,
                maxConnectionsPerUserIP: 10,
                idleTimeout: .seconds(30 * 60),
                loginTimeout: .seconds(180),
                lineLength: 8192
            ),
            shutdown: ShutdownConfiguration(drainTimeout: .seconds(30)),
            sources: ConfigurationSources(file: nil)
        )
    }
}

/// How message bodies are stored (Dovecot's `mail_location` format).
public enum MailFormat: String, Sendable, Hashable, CaseIterable {
    /// Single-dbox: one file per message.
    case sdbox
    /// Multi-dbox: many messages per file, a map in the index, space of expunged messages
    /// reclaimed by `columba purge`.
    case mdbox
}

/// When message files reach stable storage (Dovecot's `fsync_mode`).
public enum MailFsyncMode: String, Sendable, Hashable, CaseIterable {
    /// Every change, including new directories, renames and deletes, is durable when it returns.
    case always
    /// Each saved message and its directory entry are durable before the save is acknowledged;
    /// directory changes that hold no mail (deletes, renames) may be undone by a crash.
    case optimized
    /// Never fsync: a crash may lose acknowledged mail. For tests and scratch data only.
    case never
}
