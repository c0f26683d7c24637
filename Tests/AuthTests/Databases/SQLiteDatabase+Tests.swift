import Foundation
import GRDB
import Testing

@testable import Auth

@Suite("SQLiteDatabase")
struct SQLiteDatabaseTests {
    static let queries = SQLQueries(
        password: "SELECT userid AS user, password, nologin, home AS userdb_home FROM users WHERE userid = '%u'",
        user: "SELECT home, mail, uid, gid, quota_rule, mail_replica FROM users WHERE userid = '%n@%d'",
        iterate: "SELECT userid AS user FROM users ORDER BY userid"
    )

    static func makeDatabase() throws -> String {
        let path = try Fixtures.temporaryDirectory() + "/users.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE users (userid TEXT PRIMARY KEY, password TEXT, home TEXT, mail TEXT,
                                        uid INTEGER, gid INTEGER, quota_rule TEXT, mail_replica TEXT, nologin TEXT)
                    """
            )
            for user in SchemeMatrix.allUsers {
                try db.execute(
                    sql: "INSERT INTO users (userid, password, home, uid, gid) VALUES (?, ?, ?, 500, 500)",
                    arguments: [user.name, user.stored, "/srv/\(user.name)"]
                )
            }
            try db.execute(
                sql: """
                    INSERT INTO users VALUES ('full@example.org', '{PLAIN}pw', '/srv/full', 'sdbox:~/mail', 1001, 1002,
                                              '*:bytes=1000000', 'tcp:replica', NULL)
                    """
            )
            try db.execute(
                sql: "INSERT INTO users (userid, password, nologin) VALUES ('off@example.org', '{PLAIN}pw', 'Y')"
            )
            try db.execute(sql: "INSERT INTO users (userid, password) VALUES ('bare@example.org', 'plain-default')")
        }
        try queue.close()
        return path
    }

    @Test("every scheme authenticates right and fails wrong")
    func schemeMatrix() async throws {
        let database = try SQLiteDatabase(path: try Self.makeDatabase(), queries: Self.queries)
        let logs = LogCapture()
        await SchemeMatrix.check(SchemeMatrix.authenticator(passdb: database, userdb: database, logs: logs), logs: logs)
    }

    @Test("userdb fields, nologin, default scheme, iterate, and an injection attempt")
    func fields() async throws {
        let path = try Self.makeDatabase()
        let database = try SQLiteDatabase(path: path, queries: Self.queries, defaultScheme: .init(.plain))
        let authenticator = SchemeMatrix.authenticator(passdb: database, userdb: database)
        guard
            case .success(let full, _) = await authenticator.authenticate(
                username: "full@example.org",
                password: "pw",
                client: SchemeMatrix.loopback
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
                    quotaStorageBytes: 1_000_000,
                    mailReplica: "tcp:replica"
                )
        )
        guard
            case .failure(let off) = await authenticator.authenticate(
                username: "off@example.org",
                password: "pw",
                client: SchemeMatrix.loopback
            )
        else {
            Issue.record("nologin accepted")
            return
        }
        #expect(off.kind == .loginDisabled(reason: nil))
        guard
            case .success = await authenticator.authenticate(
                username: "bare@example.org",
                password: "plain-default",
                client: SchemeMatrix.loopback
            )
        else {
            Issue.record("prefixless password with default scheme PLAIN refused")
            return
        }
        #expect(try await database.lookupPassword(LookupRequest(username: "x' OR '1'='1")) == nil)
        let users = try await database.listUsers()
        #expect(users.count == SchemeMatrix.allUsers.count + 3)
        #expect(users.contains("full@example.org"))
    }

    @Test("a failing query names the query and becomes a temporary failure")
    func failingQuery() async throws {
        let path = try Self.makeDatabase()
        let database = try SQLiteDatabase(
            path: path,
            queries: SQLQueries(password: "SELECT password FROM no_such_table WHERE userid = '%u'", user: "SELECT 1")
        )
        do {
            _ = try await database.lookupPassword(LookupRequest(username: "a"))
            Issue.record("query on a missing table succeeded")
        } catch let error as SQLQueryError {
            #expect(error.query == "SELECT password FROM no_such_table WHERE userid = '%u'")
            #expect("\(error)".contains("no_such_table"))
        }
        let authenticator = SchemeMatrix.authenticator(passdb: database)
        guard
            case .failure(let failure) = await authenticator.authenticate(
                username: "a",
                password: "b",
                client: SchemeMatrix.loopback
            )
        else {
            Issue.record("login succeeded on a broken backend")
            return
        }
        #expect(failure.kind == .temporaryFailure)
    }

    @Test("the database is opened read-only")
    func readOnly() async throws {
        let path = try Self.makeDatabase()
        let database = try SQLiteDatabase(
            path: path,
            queries: SQLQueries(password: "DELETE FROM users WHERE userid = '%u' RETURNING password", user: "SELECT 1")
        )
        await #expect(throws: SQLQueryError.self) {
            try await database.lookupPassword(LookupRequest(username: "full@example.org"))
        }
    }
}
