import Foundation
import Testing

@testable import Auth

@Suite("AccountFile")
struct AccountFileTests {
    @Test("add, list, change password, remove; comments and unknown lines survive; mode 0600")
    func editing() throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = "\(directory)/accounts"
        let original = """
            # Columba accounts
            legacy@example.org:{PLAIN}old:::::: custom_field=1
            this line is not an account but must stay
            ::broken

            """
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        let file = AccountFile(path: path)
        let hash = try PasswordHasher.hash(password: "first", format: .init(.sha512Crypt))
        try file.add(
            PasswdFileEntry(
                username: "new@example.org",
                password: hash,
                home: "/srv/mail/new",
                extraFields: [("userdb_quota_rule", "*:storage=2G")]
            )
        )
        #expect(throws: PasswdFileError.self) {
            try file.add(PasswdFileEntry(username: "new@example.org", password: hash))
        }
        #expect(
            try file.list().map(\.username) == [
                "legacy@example.org", "this line is not an account but must stay", "new@example.org",
            ]
        )

        let newHash = try PasswordHasher.hash(password: "second", format: .init(.argon2id))
        try file.setPassword(username: "new@example.org", storedPassword: newHash)
        let entry = try #require(try file.entry(for: "new@example.org"))
        #expect(PasswordHasher.verify(password: "second", stored: entry.password))
        #expect(entry.home == "/srv/mail/new")
        #expect(throws: PasswdFileError.self) { try file.setPassword(username: "ghost", storedPassword: newHash) }

        #expect(try file.remove(username: "legacy@example.org"))
        #expect(try !file.remove(username: "legacy@example.org"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text == """
                # Columba accounts
                this line is not an account but must stay
                ::broken
                new@example.org:\(newHash)::::/srv/mail/new::userdb_quota_rule=*:storage=2G

                """
        )
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("a missing file lists empty and is created by add; fields with ':' are refused")
    func creation() throws {
        let path = try Fixtures.temporaryDirectory() + "/fresh"
        let file = AccountFile(path: path)
        #expect(try file.list().isEmpty)
        try file.add(PasswdFileEntry(username: "a@example.org", password: "{PLAIN}x"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a@example.org:{PLAIN}x\n")
        #expect(throws: PasswdFileError.self) { try file.add(PasswdFileEntry(username: "b:c", password: "{PLAIN}x")) }
    }

    @Test("concurrent writers do not lose each other's accounts")
    func concurrentWriters() throws {
        let path = try Fixtures.temporaryDirectory() + "/accounts"
        let file = AccountFile(path: path)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            try? file.add(PasswdFileEntry(username: "user\(index)@example.org", password: "{PLAIN}x"))
        }
        #expect(try Set(file.list().map(\.username)) == Set((0..<16).map { "user\($0)@example.org" }))
    }

    @Test("the account file serves logins through PasswdFileDatabase")
    func servesLogins() async throws {
        let path = try Fixtures.temporaryDirectory() + "/accounts"
        let file = AccountFile(path: path)
        try file.add(
            PasswdFileEntry(
                username: "demo@example.org",
                password: try PasswordHasher.hash(password: "demo-pw", format: .init(.blfCrypt))
            )
        )
        let database = PasswdFileDatabase(path: path, logger: LogCapture().logger())
        let authenticator = SchemeMatrix.authenticator(passdb: database, userdb: database)
        guard
            case .success = await authenticator.authenticate(
                username: "demo@example.org",
                password: "demo-pw",
                client: SchemeMatrix.loopback
            )
        else {
            Issue.record("account file login refused")
            return
        }
    }
}
