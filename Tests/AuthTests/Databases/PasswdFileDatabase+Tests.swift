import Foundation
import Testing

@testable import Auth

@Suite("PasswdFileDatabase")
struct PasswdFileDatabaseTests {
    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("every scheme authenticates right and fails wrong from a Dovecot passwd-file")
    func schemeMatrix() async throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = "\(directory)/passwd"
        var text = "# Dovecot passwd-file written by the test\n\n"
        for (index, user) in SchemeMatrix.allUsers.enumerated() {
            // Alternate between short lines and full lines with extra fields.
            text +=
                index.isMultiple(of: 2)
                ? "\(user.name):\(user.stored)\n"
                : "\(user.name):\(user.stored):1000:1000::/home/\(index)::userdb_mail=maildir:~/Maildir\n"
        }
        try Self.write(text, to: path)
        let logs = LogCapture()
        let database = PasswdFileDatabase(path: path, logger: logs.logger())
        await SchemeMatrix.check(SchemeMatrix.authenticator(passdb: database, userdb: database, logs: logs), logs: logs)
    }

    @Test("Dovecot format: comments, missing fields, extra fields, userdb_ fields, malformed lines")
    func format() async throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = "\(directory)/users"
        let stored = try PasswordHasher.hash(password: "secret", format: .init(.sha512Crypt))
        let bare = String(stored.dropFirst("{SHA512-CRYPT}".count))
        try Self.write(
            """
            # comment line
              # indented comment

            full@example.org:\(stored):1001:1002:Full User:/var/mail/full:/bin/false:userdb_mail=sdbox:~/mail userdb_quota_rule=*:storage=1G userdb_quota_rule2=*:messages=5000 userdb_mail_replica=tcp:replica.example.org userdb_host=10.0.0.5 userdb_imap_idle_notify_interval=5
            short@example.org:{PLAIN}pw
            bare@example.org:\(bare)
            nologin@example.org:{PLAIN}pw::::::nologin reason=moved
            proxied@example.org:{PLAIN}pw::::::proxy host=10.0.0.9 nologin
            nopass@example.org:::::::nopassword
            broken@example.org:{PLAIN}pw:notanumber
            :{PLAIN}nameless
            full@example.org:{PLAIN}duplicate-ignored

            """,
            to: path
        )
        let logs = LogCapture()
        let database = PasswdFileDatabase(path: path, logger: logs.logger())
        let authenticator = SchemeMatrix.authenticator(passdb: database, userdb: database, logs: logs)
        let client = SchemeMatrix.loopback

        guard
            case .success(let full, _) = await authenticator.authenticate(
                username: "full@example.org",
                password: "secret",
                client: client
            )
        else {
            Issue.record("full user refused")
            return
        }
        #expect(
            full.record
                == UserRecord(
                    username: "full@example.org",
                    uid: 1001,
                    gid: 1002,
                    home: "/var/mail/full",
                    mailLocation: "sdbox:~/mail",
                    quotaStorageBytes: 1 << 30,
                    quotaMessageCount: 5000,
                    mailReplica: "tcp:replica.example.org",
                    directorHost: "10.0.0.5",
                    extraFields: ["imap_idle_notify_interval": "5"]
                )
        )
        guard
            case .success(let short, _) = await authenticator.authenticate(
                username: "short@example.org",
                password: "pw",
                client: client
            )
        else {
            Issue.record("short line refused")
            return
        }
        #expect(short.record == UserRecord(username: "short@example.org"))
        guard
            case .success = await authenticator.authenticate(
                username: "bare@example.org",
                password: "secret",
                client: client
            )
        else {
            Issue.record("prefixless crypt hash refused")
            return
        }
        guard
            case .failure(let disabled) = await authenticator.authenticate(
                username: "nologin@example.org",
                password: "pw",
                client: client
            )
        else {
            Issue.record("nologin accepted")
            return
        }
        #expect(disabled.kind == .loginDisabled(reason: "moved"))
        guard
            case .success(let proxied, _) = await authenticator.authenticate(
                username: "proxied@example.org",
                password: "pw",
                client: client
            )
        else {
            Issue.record("proxy refused")
            return
        }
        #expect(proxied.proxy && proxied.proxyHost == "10.0.0.9")
        guard
            case .success = await authenticator.authenticate(
                username: "nopass@example.org",
                password: "anything",
                client: client
            )
        else {
            Issue.record("nopassword refused")
            return
        }
        guard
            case .failure = await authenticator.authenticate(
                username: "broken@example.org",
                password: "pw",
                client: client
            )
        else {
            Issue.record("malformed line used")
            return
        }
        #expect(logs.contains("\(path):10: uid \"notanumber\" is not a number"))
        #expect(logs.contains("\(path):11: empty username"))
        #expect(
            try await database.listUsers() == [
                "full@example.org", "short@example.org", "bare@example.org", "nologin@example.org",
                "proxied@example.org",
                "nopass@example.org",
            ]
        )
        #expect(try await database.lookupUser(LookupRequest(username: "nobody")) == nil)
    }

    @Test("the file is re-read when it changes")
    func reload() async throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = "\(directory)/passwd"
        try Self.write("a@example.org:{PLAIN}one\n", to: path)
        let database = PasswdFileDatabase(path: path, logger: LogCapture().logger())
        #expect(try await database.lookupPassword(LookupRequest(username: "a@example.org"))?.password == "{PLAIN}one")
        try Self.write("a@example.org:{PLAIN}two-changed\nb@example.org:{PLAIN}x\n", to: path)
        #expect(
            try await database.lookupPassword(LookupRequest(username: "a@example.org"))?.password
                == "{PLAIN}two-changed"
        )
        #expect(try await database.lookupPassword(LookupRequest(username: "b@example.org")) != nil)
        try FileManager.default.removeItem(atPath: path)
        #expect(try await database.lookupPassword(LookupRequest(username: "a@example.org")) == nil)
    }
}
