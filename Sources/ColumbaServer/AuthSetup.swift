import Auth
import Logging
import ServerKit
import PostgresNIO
import ServiceLifecycle

/// Builds the ``Authenticator`` the configuration describes, with its password and user
/// databases, and the services those databases need running (a PostgreSQL pool).
public struct AuthSetup: Sendable {
    public let authenticator: Authenticator
    /// Long-running parts of the databases; run them in the service group (or a task) while
    /// the authenticator is used.
    public let services: [any Service]

    public init(configuration: ColumbaConfiguration, logger: Logger) throws {
        let auth = configuration.auth
        var services: [any Service] = []
        let passdb = try Self.makeDatabase(auth.passdb, role: "passdb", services: &services, logger: logger)
        let userdb: (any UserDB)?
        switch auth.userdb {
        case .prefetch:
            userdb = nil
        case .staticFields(let home):
            userdb = StaticUserDatabase(homeTemplate: home ?? "\(configuration.mailRoot)/%d/%n")
        case auth.passdb:
            userdb = passdb as? any UserDB
        default:
            userdb = try Self.makeDatabase(auth.userdb, role: "userdb", services: &services, logger: logger) as? any UserDB
        }
        let settings = Auth.AuthConfiguration(
            mechanisms: auth.mechanisms.compactMap { SASLMechanismName(name: $0.rawValue) },
            plaintextPolicy: Self.plaintextPolicy(auth.plaintext),
            penalty: FailurePenaltyPolicy(initialDelay: auth.failureDelay.initial, maximumDelay: auth.failureDelay.max),
            cache: CachePolicy(ttl: auth.cacheTTL, negativeTTL: min(auth.cacheTTL, .seconds(30))),
            hostname: configuration.hostname
        )
        self.authenticator = Authenticator(passdb: passdb, userdb: userdb, configuration: settings, logger: logger)
        self.services = services
    }

    private static func plaintextPolicy(_ policy: ServerKit.AuthConfiguration.PlaintextPolicy) -> Auth.PlaintextPolicy {
        switch policy {
        case .requireTLS: .requireTLS
        case .allowLoopback: .allowLoopback
        case .allow: .allow
        }
    }

    private static func makeDatabase(
        _ database: DatabaseConfiguration,
        role: String,
        services: inout [any Service],
        logger: Logger
    ) throws -> any PassDB {
        switch database {
        case .passwdFile(let path):
            return PasswdFileDatabase(path: path, logger: logger)
        case .sqlite(let path, let queries):
            return try SQLiteDatabase(path: path, queries: SQLQueries(queries))
        case .postgresql(let connection, let queries):
            let settings: PostgresClient.Configuration
            switch connection {
            case .url(let url):
                settings = try PostgreSQLDatabase.configuration(url: url)
            case .parameters(let host, let port, let user, let password, let database):
                settings = PostgresClient.Configuration(
                    host: host, port: port, username: user, password: password, database: database, tls: .disable
                )
            }
            let database = try PostgreSQLDatabase(configuration: settings, queries: SQLQueries(queries), logger: logger)
            services.append(PostgreSQLPoolService(database: database))
            return database
        case .staticFields, .prefetch:
            throw AuthSetupError(message: "auth.\(role): driver \(database.driver) can only serve as a userdb")
        }
    }
}

extension SQLQueries {
    init(_ queries: DatabaseConfiguration.SQLQueries) {
        self.init(password: queries.password ?? "", user: queries.user ?? "", iterate: queries.iterate)
    }
}

/// Runs a PostgreSQL connection pool as a service.
struct PostgreSQLPoolService: Service {
    let database: PostgreSQLDatabase

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await database.run()
        }
    }
}

/// The configuration names databases that cannot be used as asked.
public struct AuthSetupError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
