import Auth
import IMAPServer
import LMTPServer
import Logging
import MailStore
import ManageSieveServer
import NIOCore
import NIOPosix
import Synchronization
import ServerKit
import ServiceLifecycle
import UnixSignals

/// A configured server: its listeners bound, its certificates and authenticator loaded, ready
/// to run as one service group.
///
/// SIGTERM and SIGINT shut it down gracefully: listeners stop accepting, sessions finish their
/// command and say goodbye, and whatever still runs after `shutdown.drain_timeout` is cancelled.
/// SIGHUP reloads the configuration file, certificates and the authentication cache without
/// dropping a connection.
public final class ServerRuntime: Sendable {
    /// A listening socket, for printing and for tests.
    public struct BoundListener: Sendable {
        public var name: String
        public var serviceProtocol: ListenerConfiguration.ServiceProtocol
        public var address: SocketAddress
        public var tls: ListenerConfiguration.TLSMode
    }

    public let configuration: ColumbaConfiguration
    /// Sockets that are listening.
    public let boundListeners: [BoundListener]
    /// Listeners of the configuration whose protocol this version does not serve yet.
    public let unservedListeners: [ListenerConfiguration]
    private let certificates: TLSCertificateStore
    private let auth: AuthSetup
    private let services: [any Service]
    private let reloader: ConfigurationReloader
    private let logger: Logger
    private let group = Mutex<ServiceGroup?>(nil)

    /// Loads certificates and databases and binds every listener.
    /// - Parameter reloader: how SIGHUP reads the configuration again.
    public init(configuration: ColumbaConfiguration, reloader: ConfigurationReloader, logger: Logger) async throws {
        self.configuration = configuration
        self.logger = logger
        self.reloader = reloader
        certificates = try TLSCertificateStore(configuration: configuration.tls)
        auth = try AuthSetup(configuration: configuration, logger: logger)
        // One open store per home for every protocol's sessions, so that an IMAP session idling
        // on a mailbox hears of an LMTP delivery at once.
        let storagePool = NIOThreadPool(numberOfThreads: configuration.mailIOThreads)
        let stores = OpenMailStores(options: MailHome.storageOptions(configuration), threadPool: storagePool)
        let imap = IMAPConnectionHandler(
            settings: IMAPServerSettings(
                hostname: configuration.hostname,
                maximumConnectionsPerUserAddress: configuration.limits.maxConnectionsPerUserIP,
                loginTimeout: configuration.limits.loginTimeout
            ),
            authenticator: auth.authenticator,
            openMailStore: MailHome.opener(configuration: configuration, stores: stores)
        )
        let lmtp = LMTPSetup.handler(configuration: configuration, authenticator: auth.authenticator, stores: stores)
        let manageSieve = ManageSieveSetup.handler(configuration: configuration, authenticator: auth.authenticator)
        var bound: [BoundListener] = []
        var listeners: [any Service] = []
        var unserved: [ListenerConfiguration] = []
        for listener in configuration.listeners {
            guard [.imap, .lmtp, .managesieve].contains(listener.serviceProtocol) else {
                unserved.append(listener)
                continue
            }
            for address in listener.addresses {
                let settings = ListenerSettings(
                    name: listener.name, host: address, port: listener.port, tls: listener.tls,
                    maximumLineLength: configuration.limits.lineLength,
                    idleTimeout: TimeAmount(configuration.limits.idleTimeout),
                    maximumConnections: configuration.limits.maxConnections,
                    maximumConnectionsPerAddress: configuration.limits.maxConnectionsPerIP
                )
                let boundAddress: SocketAddress?
                switch listener.serviceProtocol {
                case .imap:
                    let service = try await Listener.bind(settings: settings, handler: imap, certificates: certificates, logger: logger)
                    listeners.append(service)
                    boundAddress = service.boundAddress
                case .lmtp:
                    let service = try await Listener.bind(settings: settings, handler: lmtp, certificates: certificates, logger: logger)
                    listeners.append(service)
                    boundAddress = service.boundAddress
                case .managesieve:
                    let service = try await Listener.bind(settings: settings, handler: manageSieve, certificates: certificates, logger: logger)
                    listeners.append(service)
                    boundAddress = service.boundAddress
                default:
                    continue
                }
                if let boundAddress {
                    bound.append(BoundListener(name: listener.name, serviceProtocol: listener.serviceProtocol,
                                               address: boundAddress, tls: listener.tls))
                }
            }
        }
        boundListeners = bound
        unservedListeners = unserved
        // The service group stops services in reverse order: listeners first, databases and
        // the storage's threads last. The threads start only once nothing here can fail.
        storagePool.start()
        services = [ThreadPoolService(pool: storagePool)] + auth.services + listeners
    }

    /// Runs until SIGTERM or SIGINT, then drains and returns.
    /// - Parameter ready: called once the signal handlers are in place and every service runs;
    ///   a supervisor (or a test) may signal the process from then on.
    public func run(ready: @escaping @Sendable () -> Void = {}) async throws {
        let reload = ReloadService(runtime: self)
        var groupConfiguration = ServiceGroupConfiguration(
            services: (services + [reload, ReadyService(announce: ready)]).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdown.drainTimeout
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        let serviceGroup = ServiceGroup(configuration: groupConfiguration)
        group.withLock { $0 = serviceGroup }
        try await serviceGroup.run()
    }

    /// Starts a graceful shutdown, as SIGTERM does.
    public func shutdown() async {
        await group.withLock { $0 }?.triggerGracefulShutdown()
    }

    /// Applies what can change without a restart: certificates and the authentication cache.
    /// A configuration that does not load is reported and the running one kept.
    func reload() async {
        logger.info("reloading configuration")
        let fresh: ColumbaConfiguration
        do {
            fresh = try await reloader.load()
            try fresh.validateFiles()
        } catch {
            logger.error("reload failed, keeping the running configuration", metadata: ["error": "\(error)"])
            return
        }
        do {
            try certificates.reload(configuration: fresh.tls)
        } catch {
            logger.error("certificate reload failed, keeping the old certificates", metadata: ["error": "\(error)"])
        }
        await auth.authenticator.flushCache()
        if fresh.listeners != configuration.listeners || fresh.auth != configuration.auth {
            logger.notice("listener and auth database changes take effect after a restart")
        }
        logger.info("reload complete")
    }
}

/// How to read the configuration again on SIGHUP: the same file, data directory and environment.
public struct ConfigurationReloader: Sendable {
    public var file: String?
    public var dataDirectory: String?
    public var environment: [String: String]

    public init(file: String?, dataDirectory: String?, environment: [String: String]) {
        self.file = file
        self.dataDirectory = dataDirectory
        self.environment = environment
    }

    public func load() async throws -> ColumbaConfiguration {
        try await ColumbaConfiguration.load(file: file, dataDirectory: dataDirectory, environment: environment)
    }
}

/// Announces readiness from inside the service group, after it trapped the signals.
private struct ReadyService: Service {
    let announce: @Sendable () -> Void

    func run() async throws {
        announce()
        try? await gracefulShutdown()
    }
}

/// Keeps a thread pool for the server's life and stops it after every service that uses it.
private struct ThreadPoolService: Service {
    let pool: NIOThreadPool

    func run() async throws {
        try? await gracefulShutdown()
        try await pool.shutdownGracefully()
    }
}

/// Calls ``ServerRuntime/reload()`` on each SIGHUP.
private struct ReloadService: Service {
    let runtime: ServerRuntime

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                await runtime.reload()
            }
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
