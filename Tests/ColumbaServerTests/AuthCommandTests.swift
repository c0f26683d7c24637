import Foundation
import MailTesting
import Testing

/// `columba auth test` against every password scheme in every kind of passdb, with hashes made
/// by `columba pw` and by Dovecot's own `doveadm pw`.
@Suite("columba auth test", .serialized)
struct AuthCommandTests {
    static let schemes = [
        "SHA512-CRYPT", "SHA256-CRYPT", "BLF-CRYPT", "ARGON2ID", "ARGON2I", "SCRAM-SHA-256", "SCRAM-SHA-1",
        "SSHA512", "SSHA256", "SHA512", "CRAM-MD5", "PLAIN",
    ]
    static let password = "Correct horse battery staple!"

    /// One user per scheme and origin: `columba-<scheme>@example.test`, `dovecot-<scheme>@example.test`.
    struct Account {
        var user: String
        var hash: String
    }

    static func accounts() throws -> [Account] {
        var accounts: [Account] = []
        for scheme in schemes {
            let ours = try ServerProcess.runCommand(["pw", "-s", scheme, "-p", password])
            #expect(ours.status == 0, "columba pw -s \(scheme): \(ours.error)")
            #expect(ours.output.hasPrefix("{\(scheme)}"))
            accounts.append(Account(user: "columba-\(scheme.lowercased())@example.test",
                                    hash: ours.output.trimmingCharacters(in: .whitespacesAndNewlines)))
            if let doveadm = doveadmPath() {
                let theirs = try run(doveadm, ["pw", "-s", scheme, "-p", password])
                accounts.append(Account(user: "dovecot-\(scheme.lowercased())@example.test",
                                        hash: theirs.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        return accounts
    }

    static func doveadmPath() -> String? {
        let candidates = [ProcessInfo.processInfo.environment["TEST_DOVEADM"], "/usr/bin/doveadm"]
        return candidates.compactMap { $0 }.first { !$0.isEmpty && FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> String {
        let result = try ChildProcess.run(executable, arguments, input: input)
        guard result.status == 0 else { throw CommandFailed(command: "\(executable) \(arguments): \(result.error)") }
        return result.output
    }

    struct CommandFailed: Error {
        var command: String
    }

    /// Checks every account: the right password succeeds (exit 0), a wrong one fails (exit 77)
    /// and only after the failure delay.
    func check(_ accounts: [Account], installation: TestInstallation, auth: String) throws {
        let configuration = installation.configuration(auth: auth)
            .replacingOccurrences(of: "failure_delay: { initial: 1s, max: 2s }", with: "failure_delay: { initial: 300ms, max: 300ms }")
        for account in accounts {
            let good = try installation.run(["auth", "test", account.user, Self.password], configuration: configuration)
            #expect(good.status == 0, "\(account.user): \(good.output) \(good.error)")
            #expect(good.output.contains("auth succeeded"))
            let started = ContinuousClock.now
            let bad = try installation.run(["auth", "test", account.user, Self.password + "x"], configuration: configuration)
            let elapsed = ContinuousClock.now - started
            #expect(bad.status == 77, "\(account.user): \(bad.output) \(bad.error)")
            #expect(bad.output.contains("auth failed"))
            #expect(elapsed >= .milliseconds(300), "\(account.user) failed after \(elapsed), before the delay")
        }
    }

    @Test("passwd-file")
    func passwdFile() throws {
        let installation = try TestInstallation()
        let accounts = try Self.accounts()
        try #require(Self.doveadmPath() != nil || !peersRequired, "doveadm is not installed")
        let lines = accounts.map { "\($0.user):\($0.hash)::::::" }
        try (["# written by AuthCommandTests"] + lines).joined(separator: "\n")
            .write(toFile: installation.usersPath, atomically: true, encoding: .utf8)
        try check(accounts, installation: installation, auth: """
              passdb: { driver: passwd-file, path: \(installation.usersPath) }
              userdb: { driver: passwd-file, path: \(installation.usersPath) }
            """)
    }

    @Test("SQLite")
    func sqlite() throws {
        let installation = try TestInstallation()
        let accounts = try Self.accounts()
        let database = installation.directory.appendingPathComponent("users.sqlite").path
        let rows = accounts.map { "(\(Self.sqlString($0.user)), \(Self.sqlString($0.hash)), '/var/mail/\($0.user)')" }
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript(sys.stdin.read())
            db.commit()
            """
        _ = try Self.run("python3", ["-c", script, database], input: """
            CREATE TABLE users (userid TEXT PRIMARY KEY, password TEXT NOT NULL, home TEXT);
            INSERT INTO users VALUES \(rows.joined(separator: ",\n"));
            """)
        try check(accounts, installation: installation, auth: """
              passdb:
                driver: sqlite
                path: \(database)
                password_query: SELECT userid AS user, password FROM users WHERE userid = '%u'
              userdb:
                driver: sqlite
                path: \(database)
                user_query: SELECT home FROM users WHERE userid = '%u'
            """)
    }

    @Test("PostgreSQL")
    func postgresql() throws {
        guard let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"] else {
            try #require(!peersRequired, "TEST_POSTGRES_URL is not set")
            return
        }
        let installation = try TestInstallation()
        let accounts = try Self.accounts()
        let table = "users_\(UUID().uuidString.prefix(8).lowercased())"
        let rows = accounts.map { "(\(Self.sqlString($0.user)), \(Self.sqlString($0.hash)), '/var/mail/\($0.user)')" }
        _ = try Self.run("psql", [url, "-v", "ON_ERROR_STOP=1", "-q"], input: """
            CREATE TABLE \(table) (userid TEXT PRIMARY KEY, password TEXT NOT NULL, home TEXT);
            INSERT INTO \(table) VALUES \(rows.joined(separator: ",\n"));
            """)
        try check(accounts, installation: installation, auth: """
              passdb:
                driver: postgresql
                url: \(url)
                password_query: SELECT userid AS user, password FROM \(table) WHERE userid = '%u'
              userdb:
                driver: postgresql
                url: \(url)
                user_query: SELECT home FROM \(table) WHERE userid = '%u'
            """)
    }

    @Test("auth lookup prints userdb fields; an unknown user exits 67")
    func lookup() throws {
        let installation = try TestInstallation()
        try "alice@example.test:{PLAIN}secret::::/srv/mail/alice::userdb_quota_rule=*:storage=1G\n"
            .write(toFile: installation.usersPath, atomically: true, encoding: .utf8)
        let found = try installation.run(["auth", "lookup", "alice@example.test"], configuration: installation.configuration())
        #expect(found.status == 0, "\(found.error)")
        #expect(found.output.contains("home\t: /srv/mail/alice"))
        #expect(found.output.contains("quota_storage_bytes\t: 1073741824"))
        let missing = try installation.run(["auth", "lookup", "bob@example.test"], configuration: installation.configuration())
        #expect(missing.status == 67)
    }

    static func sqlString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
