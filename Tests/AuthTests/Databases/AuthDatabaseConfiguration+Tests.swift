import Foundation
import Testing

@testable import Auth

@Suite("AuthDatabaseConfiguration")
struct AuthDatabaseConfigurationTests {
    @Test("opens each backend kind; bad queries and URLs are reported")
    func open() async throws {
        let path = try Fixtures.temporaryDirectory() + "/passwd"
        try "a@example.org:{PLAIN}pw\n".write(toFile: path, atomically: true, encoding: .utf8)
        let passwd = try AuthDatabaseConfiguration.passwdFile(path: path).open(logger: LogCapture().logger())
        #expect(try await passwd.lookupPassword(LookupRequest(username: "a@example.org"))?.password == "{PLAIN}pw")

        let sqlitePath = try SQLiteDatabaseTests.makeDatabase()
        let sqlite = try AuthDatabaseConfiguration.sqlite(path: sqlitePath, queries: SQLiteDatabaseTests.queries).open(
            logger: LogCapture().logger()
        )
        #expect(try await sqlite.lookupUser(LookupRequest(username: "full@example.org"))?.home == "/srv/full")

        #expect(throws: QueryTemplateError.self) {
            try AuthDatabaseConfiguration.sqlite(
                path: sqlitePath,
                queries: SQLQueries(password: "SELECT %q", user: "SELECT 1")
            )
            .open(logger: LogCapture().logger())
        }
        #expect(throws: SQLQueryError.self) {
            try AuthDatabaseConfiguration.postgreSQL(url: "mysql://x@y/z", queries: SQLiteDatabaseTests.queries)
                .open(logger: LogCapture().logger())
        }
    }
}
