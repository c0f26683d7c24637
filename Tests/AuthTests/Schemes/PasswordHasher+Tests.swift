import Foundation
import Testing

@testable import Auth

@Suite("PasswordHasher")
struct PasswordHasherTests {
    /// Every scheme the foundation issue names, plus the encodings and crypt variants.
    static let formats: [PasswordFormat] = [
        .init(.sha512Crypt), .init(.sha256Crypt), .init(.blfCrypt), .init(.argon2id), .init(.argon2i),
        .init(.scramSHA256), .init(.scramSHA1), .init(.ssha512), .init(.ssha256), .init(.sha512),
        .init(.cramMD5), .init(.plain), .init(.md5Crypt), .init(.crypt), .init(.ssha), .init(.sha256), .init(.sha1),
        .init(.sha512, encoding: .hex), .init(.ssha512, encoding: .hex), .init(.plain, encoding: .base64),
        .init(.smd5), .init(.plainMD5), .init(.ldapMD5),
    ]

    @Test("hash then verify: right password matches, wrong does not", arguments: formats)
    func roundTrip(format: PasswordFormat) throws {
        let password = "correct horse ✓ \(format)"
        let stored = try PasswordHasher.hash(password: password, format: format)
        #expect(stored.hasPrefix("{\(format)}"))
        #expect(PasswordHasher.verify(password: password, stored: stored))
        #expect(!PasswordHasher.verify(password: password + "x", stored: stored))
        #expect(!PasswordHasher.verify(password: "", stored: stored))
    }

    @Test("hash output has the shape doveadm pw writes")
    func shapes() throws {
        let shapes: [(PasswordFormat, String)] = [
            (.init(.sha512Crypt), #"^\{SHA512-CRYPT\}\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$"#),
            (.init(.sha256Crypt), #"^\{SHA256-CRYPT\}\$5\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{43}$"#),
            (.init(.blfCrypt), #"^\{BLF-CRYPT\}\$2y\$05\$[./0-9A-Za-z]{53}$"#),
            (
                .init(.argon2id),
                #"^\{ARGON2ID\}\$argon2id\$v=19\$m=65536,t=3,p=1\$[+/0-9A-Za-z]{22}\$[+/0-9A-Za-z]{43}$"#
            ),
            (.init(.argon2i), #"^\{ARGON2I\}\$argon2i\$v=19\$m=32768,t=4,p=1\$[+/0-9A-Za-z]{22}\$[+/0-9A-Za-z]{43}$"#),
            (
                .init(.scramSHA256),
                #"^\{SCRAM-SHA-256\}4096,[+/0-9A-Za-z]{22}==,[+/0-9A-Za-z]{43}=,[+/0-9A-Za-z]{43}=$"#
            ),
            (.init(.scramSHA1), #"^\{SCRAM-SHA-1\}4096,[+/0-9A-Za-z]{22}==,[+/0-9A-Za-z]{27}=,[+/0-9A-Za-z]{27}=$"#),
            (.init(.ssha512), #"^\{SSHA512\}[+/0-9A-Za-z]{91}=$"#),
            (.init(.ssha256), #"^\{SSHA256\}[+/0-9A-Za-z]{48}$"#),
            (.init(.sha512), #"^\{SHA512\}[+/0-9A-Za-z]{86}==$"#),
            (.init(.cramMD5), #"^\{CRAM-MD5\}[0-9a-f]{64}$"#),
            (.init(.plain), #"^\{PLAIN\}pw$"#),
        ]
        for (format, pattern) in shapes {
            let stored = try PasswordHasher.hash(password: "pw", format: format)
            #expect(stored.range(of: pattern, options: .regularExpression) != nil, "\(stored) !~ \(pattern)")
        }
    }

    @Test("deterministic schemes match doveadm byte for byte")
    func deterministic() throws {
        var compared = 0
        defer { #expect(compared == 10) }
        for (scheme, hash) in try Fixtures.doveadmHashes() {
            guard let format = PasswordFormat(name: scheme), format.description == scheme,
                [.sha512, .sha256, .sha1, .cramMD5, .plain, .plainMD5, .ldapMD5].contains(format.scheme)
            else { continue }
            #expect(try PasswordHasher.hash(password: Fixtures.doveadmPassword, format: format) == hash, "\(scheme)")
            compared += 1
        }
    }

    @Test("committed doveadm pw hashes verify")
    func doveadmFixtures() throws {
        let hashes = try Fixtures.doveadmHashes()
        #expect(hashes.count >= 20)
        for (scheme, hash) in hashes {
            #expect(PasswordHasher.verify(password: Fixtures.doveadmPassword, stored: hash), "\(scheme)")
            #expect(!PasswordHasher.verify(password: "Secret passwoerd 1", stored: hash), "\(scheme)")
        }
    }

    @Test("fresh doveadm pw hashes verify", .enabled(if: Peers.doveadm != nil || Peers.required))
    func doveadmLive() throws {
        let doveadm = try #require(Peers.doveadm, "doveadm not on PATH but TEST_REQUIRE_PEERS=1")
        let password = "fresh Pässword \(UUID().uuidString.prefix(8))"
        let schemes = [
            "SHA512-CRYPT", "SHA256-CRYPT", "BLF-CRYPT", "ARGON2ID", "ARGON2I", "SCRAM-SHA-256",
            "SCRAM-SHA-1", "SSHA512", "SSHA256", "SHA512", "CRAM-MD5", "PLAIN", "MD5-CRYPT", "SHA512.HEX",
        ]
        for scheme in schemes {
            let result = try Peers.run([doveadm, "pw", "-s", scheme, "-p", password])
            #expect(result.status == 0)
            let hash = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(PasswordHasher.verify(password: password, stored: hash), "\(scheme): \(hash)")
            #expect(!PasswordHasher.verify(password: password + "!", stored: hash), "\(scheme)")
        }
    }

    @Test("doveadm pw -t verifies hashes Columba wrote", .enabled(if: Peers.doveadm != nil || Peers.required))
    func doveadmChecksOurs() throws {
        let doveadm = try #require(Peers.doveadm, "doveadm not on PATH but TEST_REQUIRE_PEERS=1")
        for format in Self.formats {
            let stored = try PasswordHasher.hash(password: "ours ✓", format: format)
            let result = try Peers.run([doveadm, "pw", "-t", stored, "-p", "ours ✓"])
            #expect(result.status == 0, "\(stored)")
        }
    }

    @Test("prefixless passwords use the backend's default scheme; unknown schemes never match")
    func defaults() throws {
        let crypt = try PasswordHasher.hash(password: "pw", format: .init(.sha512Crypt))
        let bare = String(crypt.dropFirst("{SHA512-CRYPT}".count))
        #expect(PasswordHasher.verify(password: "pw", stored: bare, defaultScheme: .init(.crypt)))
        #expect(PasswordHasher.verify(password: "pw", stored: "pw", defaultScheme: .init(.plain)))
        #expect(!PasswordHasher.verify(password: "pw", stored: "{NOPE}pw"))
        #expect(throws: UnknownPasswordScheme.self) {
            try StoredPassword(parsing: "{NOPE}pw", defaultScheme: .init(.plain))
        }
        #expect(!PasswordHasher.verify(password: "pw", stored: "{SHA512-CRYPT}"))
        #expect(!PasswordHasher.verify(password: "pw", stored: "{SCRAM-SHA-256}4096,bad"))
        #expect(!PasswordHasher.verify(password: "pw", stored: "{SSHA512}!!"))
    }

    @Test("scheme names and aliases parse as Dovecot spells them")
    func names() {
        #expect(PasswordFormat(name: "SHA512.HEX") == PasswordFormat(.sha512, encoding: .hex))
        #expect(PasswordFormat(name: "plain.b64") == PasswordFormat(.plain, encoding: .base64))
        #expect(PasswordFormat(name: "CLEAR") == PasswordFormat(.plain))
        #expect(PasswordFormat(name: "SHA") == PasswordFormat(.sha1))
        #expect(PasswordFormat(name: "MD5") == PasswordFormat(.md5Crypt))
        #expect(PasswordFormat(name: "FOO.HEX") == nil)
    }

    @Test("async verification runs off the caller and agrees with the blocking one")
    func asyncVerify() async throws {
        let stored = try await PasswordHasher.hashInBackground(password: "pw", format: .init(.argon2id))
        let parsed = try StoredPassword(parsing: stored, defaultScheme: .init(.plain))
        #expect(try await PasswordHasher.verifyInBackground(password: "pw", stored: parsed))
        #expect(try await PasswordHasher.verifyInBackground(password: "pW", stored: parsed) == false)
    }
}
