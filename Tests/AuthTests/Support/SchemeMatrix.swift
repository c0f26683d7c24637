import Logging
import Testing

@testable import Auth

/// One user per password scheme, plus one per hash `doveadm pw` wrote, for checking every
/// backend with right and wrong passwords.
enum SchemeMatrix {
    struct User: Sendable {
        var name: String
        var password: String
        var stored: String
    }

    /// The schemes of the foundation issue, plus MD5-CRYPT, CRYPT and an encoding suffix.
    static let formats: [PasswordFormat] = [
        .init(.sha512Crypt), .init(.sha256Crypt), .init(.blfCrypt), .init(.argon2id), .init(.argon2i),
        .init(.scramSHA256), .init(.scramSHA1), .init(.ssha512), .init(.ssha256), .init(.sha512),
        .init(.cramMD5), .init(.plain), .init(.md5Crypt), .init(.crypt), .init(.sha512, encoding: .hex),
    ]

    /// Users hashed by Columba.
    static let columbaUsers: [User] = formats.map { format in
        let name = "u-\(format.description.lowercased())@example.org"
        let password = "pw \(format) ünï"
        return User(
            name: name,
            password: password,
            stored: try! PasswordHasher.hash(password: password, format: format)
        )
    }

    /// Users whose hash `doveadm pw` wrote (Tests/AuthTests/Fixtures/doveadm-pw.txt).
    static let doveadmUsers: [User] = try! Fixtures.doveadmHashes().map { scheme, hash in
        User(name: "dove-\(scheme.lowercased())@example.org", password: Fixtures.doveadmPassword, stored: hash)
    }

    static var allUsers: [User] { columbaUsers + doveadmUsers }

    /// An authenticator without penalty or cache over `passdb`.
    static func authenticator(
        passdb: any PassDB,
        userdb: (any UserDB)? = nil,
        logs: LogCapture = LogCapture()
    ) -> Authenticator {
        Authenticator(
            passdb: passdb,
            userdb: userdb,
            configuration: AuthConfiguration(penalty: .disabled, cache: .disabled),
            logger: logs.logger()
        )
    }

    static let loopback = ClientInfo(remoteAddress: "127.0.0.1", isTLS: false, service: "imap")

    /// Every user logs in with the right password and fails with a wrong one; nothing secret is logged.
    static func check(_ authenticator: Authenticator, users: [User] = allUsers, logs: LogCapture? = nil) async {
        for user in users {
            let right = await authenticator.authenticate(username: user.name, password: user.password, client: loopback)
            guard case .success(let result, _) = right else {
                Issue.record("\(user.name): right password refused: \(right)")
                continue
            }
            #expect(result.username == user.name)
            let wrong = await authenticator.authenticate(
                username: user.name,
                password: user.password + "x",
                client: loopback
            )
            guard case .failure(let failure) = wrong else {
                Issue.record("\(user.name): wrong password accepted")
                continue
            }
            #expect(failure.kind == .invalidCredentials, "\(user.name)")
        }
        let unknown = await authenticator.authenticate(username: "nobody@example.org", password: "x", client: loopback)
        guard case .failure(let failure) = unknown, failure.kind == .invalidCredentials else {
            Issue.record("unknown user: \(unknown)")
            return
        }
        if let logs {
            for user in users {
                #expect(!logs.contains(user.password), "password of \(user.name) logged")
                #expect(!logs.contains(user.stored), "hash of \(user.name) logged")
            }
        }
    }
}
