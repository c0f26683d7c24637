import Foundation
import Logging
import PostgresNIO
import Testing

@testable import Auth

/// Runs against the PostgreSQL named by `TEST_POSTGRES_URL`.
@Suite("PostgreSQLDatabase", .enabled(if: Peers.postgresURL != nil || Peers.required))
struct PostgreSQLDatabaseTests {
    /// Creates a uniquely named table with every matrix user, runs `body`, drops the table.
    static func withTable(
        logs: LogCapture = LogCapture(),
        _ body: (PostgreSQLDatabase, String) async throws -> Void
    ) async throws {
        let url = try #require(
            Peers.postgresURL,
            "TEST_POSTGRES_URL is not set but TEST_REQUIRE_PEERS=1"
        )
        let configuration = try PostgreSQLDatabase.configuration(url: url)
        let table = "columba_auth_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
        let logger = logs.logger(label: "pg-test")
        let admin = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "pg-admin"))
        let queries = SQLQueries(
            password: "SELECT userid AS \"user\", password, nologin, proxy, host FROM \(table) WHERE userid = '%u'",
            user: "SELECT home, mail, uid, gid, quota_rule, mail_replica, host FROM \(table) WHERE userid = '%n@%d'",
            iterate: "SELECT userid AS \"user\" FROM \(table) ORDER BY userid"
        )
        let database = try PostgreSQLDatabase(configuration: configuration, queries: queries, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            try await admin.query(
                PostgresQuery(
                    unsafeSQL: """
                        CREATE TABLE \(table) (userid TEXT PRIMARY KEY, password TEXT, home TEXT, mail TEXT, uid INTEGER,
                                               gid INTEGER, quota_rule TEXT, mail_replica TEXT, host TEXT, nologin BOOLEAN, proxy TEXT)
                        """
                )
            )
            do {
                for user in SchemeMatrix.allUsers {
                    try await admin.query(
                        "INSERT INTO \(unescaped: table) (userid, password, home, uid, gid) VALUES (\(user.name), \(user.stored), \("/srv/" + user.name), 500, 500)"
                    )
                }
                try await admin.query(
                    """
                    INSERT INTO \(unescaped: table) VALUES ('full@example.org', '{PLAIN}pw', '/srv/full', 'sdbox:~/mail', 1001, 1002,
                                                '*:storage=10M', 'tcp:replica', 'backend-3', false, NULL)
                    """
                )
                try await admin.query(
                    "INSERT INTO \(unescaped: table) (userid, password, nologin) VALUES ('off@example.org', '{PLAIN}pw', true)"
                )
                try await admin.query(
                    "INSERT INTO \(unescaped: table) (userid, password, proxy, host) VALUES ('away@example.org', '{PLAIN}pw', 'y', '10.1.1.1')"
                )
                try await body(database, table)
            } catch {
                _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
                throw error
            }
            try await admin.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
        }
    }

    @Test("every scheme authenticates right and fails wrong")
    func schemeMatrix() async throws {
        let logs = LogCapture()
        try await Self.withTable(logs: logs) { database, _ in
            await SchemeMatrix.check(
                SchemeMatrix.authenticator(passdb: database, userdb: database, logs: logs),
                logs: logs
            )
        }
    }

    @Test("userdb fields, boolean nologin, proxy, iterate, and an injection attempt")
    func fields() async throws {
        try await Self.withTable { database, _ in
            let authenticator = SchemeMatrix.authenticator(passdb: database, userdb: database)
            let client = SchemeMatrix.loopback
            guard
                case .success(let full, _) = await authenticator.authenticate(
                    username: "full@example.org",
                    password: "pw",
                    client: client
                )
            else {
                Issue.record("full refused")
                return
            }
            #expect(
                full.record
                    == UserRecord(
                        username: "full@example.org",
                        uid: 1001,
                        gid: 1002,
                        home: "/srv/full",
                        mailLocation: "sdbox:~/mail",
                        quotaStorageBytes: 10 << 20,
                        mailReplica: "tcp:replica",
                        directorHost: "backend-3"
                    )
            )
            guard
                case .failure(let off) = await authenticator.authenticate(
                    username: "off@example.org",
                    password: "pw",
                    client: client
                )
            else {
                Issue.record("nologin accepted")
                return
            }
            #expect(off.kind == .loginDisabled(reason: nil))
            guard
                case .success(let away, _) = await authenticator.authenticate(
                    username: "away@example.org",
                    password: "pw",
                    client: client
                )
            else {
                Issue.record("proxy user refused")
                return
            }
            #expect(away.proxy && away.proxyHost == "10.1.1.1")
            let injected = try await database.lookupPassword(LookupRequest(username: "x' OR '1'='1"))
            #expect(injected == nil)
            let users = try await database.listUsers()
            #expect(users.count == SchemeMatrix.allUsers.count + 3)
        }
    }

    @Test("a failing query names the query")
    func failingQuery() async throws {
        let url = try #require(
            Peers.postgresURL,
            "TEST_POSTGRES_URL is not set but TEST_REQUIRE_PEERS=1"
        )
        let database = try PostgreSQLDatabase(
            configuration: try PostgreSQLDatabase.configuration(url: url),
            queries: SQLQueries(
                password: "SELECT password FROM columba_no_such_table WHERE userid = '%u'",
                user: "SELECT 1"
            ),
            logger: Logger(label: "pg-test")
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            do {
                _ = try await database.lookupPassword(LookupRequest(username: "a"))
                Issue.record("query on a missing table succeeded")
            } catch let error as SQLQueryError {
                #expect(error.query.contains("columba_no_such_table"))
                #expect(error.message.contains("columba_no_such_table"))
            }
        }
    }
}
