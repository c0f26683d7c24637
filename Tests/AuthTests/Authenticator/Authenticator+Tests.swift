import Foundation
import Testing

@testable import Auth

@Suite("Authenticator")
struct AuthenticatorTests {
    static let remote = ClientInfo(remoteAddress: "198.51.100.4", isTLS: false, service: "imap")
    static let remoteTLS = ClientInfo(remoteAddress: "198.51.100.4", isTLS: true, service: "imap")

    static func users() throws -> [PassDBEntry] {
        [
            PassDBEntry(
                username: "tim@example.org",
                password: try PasswordHasher.hash(password: "tanstaaftanstaaf", format: .init(.cramMD5)),
                defaultScheme: .init(.plain),
                fields: ["userdb_home": "/home/tim"]
            ),
            PassDBEntry(
                username: "ann@example.org",
                password: try PasswordHasher.hash(password: "hunter2-secret", format: .init(.sha256Crypt)),
                defaultScheme: .init(.plain)
            ),
        ]
    }

    static func make(
        _ database: StaticDatabase,
        clock: ManualClock = ManualClock(),
        logs: LogCapture = LogCapture(),
        configuration: AuthConfiguration = AuthConfiguration(mechanisms: SASLMechanismName.allCases)
    ) -> Authenticator {
        Authenticator(
            passdb: database,
            userdb: nil,
            configuration: configuration,
            clock: clock.authClock,
            logger: logs.logger()
        )
    }

    @Test("wrong passwords are answered after a growing delay; success resets it")
    func penaltyGrows() async throws {
        let clock = ManualClock()
        let authenticator = Self.make(StaticDatabase(try Self.users()), clock: clock)
        for _ in 0..<5 {
            guard
                case .failure = await authenticator.authenticate(
                    username: "ann@example.org",
                    password: "nope",
                    client: Self.remoteTLS
                )
            else {
                Issue.record("wrong password accepted")
                return
            }
        }
        #expect(clock.sleeps == [.seconds(2), .seconds(4), .seconds(8), .seconds(15), .seconds(15)])
        #expect(await authenticator.penaltyFailures(address: "198.51.100.4") == 5)
        guard
            case .success = await authenticator.authenticate(
                username: "ann@example.org",
                password: "hunter2-secret",
                client: Self.remoteTLS
            )
        else {
            Issue.record("right password refused")
            return
        }
        #expect(await authenticator.penaltyFailures(address: "198.51.100.4") == 0)
        _ = await authenticator.authenticate(username: "nobody@example.org", password: "x", client: Self.remoteTLS)
        #expect(clock.sleeps.last == .seconds(2))
    }

    @Test("real time: a wrong password answers only after the configured delay, a right one at once")
    func realTimeDelay() async throws {
        let delay = Duration.milliseconds(800)
        let authenticator = Authenticator(
            passdb: StaticDatabase(try Self.users()),
            userdb: nil,
            configuration: AuthConfiguration(
                penalty: FailurePenaltyPolicy(initialDelay: delay, maximumDelay: .seconds(15))
            ),
            logger: LogCapture().logger()
        )
        let clock = ContinuousClock()
        let start = clock.now
        let wrong = await authenticator.authenticate(
            username: "ann@example.org",
            password: "nope",
            client: Self.remoteTLS
        )
        let wrongElapsed = start.duration(to: clock.now)
        guard case .failure(let failure) = wrong else {
            Issue.record("wrong password accepted")
            return
        }
        #expect(failure.kind == .invalidCredentials)
        #expect(wrongElapsed >= delay, "answered after \(wrongElapsed)")
        let second = clock.now
        _ = await authenticator.authenticate(username: "ann@example.org", password: "nope", client: Self.remoteTLS)
        #expect(second.duration(to: clock.now) >= delay * 2)
        let rightStart = clock.now
        guard
            case .success = await authenticator.authenticate(
                username: "ann@example.org",
                password: "hunter2-secret",
                client: Self.remoteTLS
            )
        else {
            Issue.record("right password refused")
            return
        }
        #expect(rightStart.duration(to: clock.now) < delay)
    }

    @Test("plaintext policy: PLAIN/LOGIN refused without TLS off loopback, per policy")
    func plaintextPolicy() async throws {
        let database = StaticDatabase(try Self.users())
        let loopback = ClientInfo(remoteAddress: "::1", isTLS: false, service: "imap")
        let cases: [(PlaintextPolicy, ClientInfo, Bool)] = [
            (.allowLoopback, Self.remote, false), (.allowLoopback, Self.remoteTLS, true),
            (.allowLoopback, loopback, true),
            (.requireTLS, loopback, false), (.requireTLS, Self.remoteTLS, true), (.allow, Self.remote, true),
        ]
        for (policy, client, allowed) in cases {
            let authenticator = Self.make(
                database,
                configuration: AuthConfiguration(mechanisms: SASLMechanismName.allCases, plaintextPolicy: policy)
            )
            #expect(authenticator.offeredMechanisms(for: client).contains(.plain) == allowed)
            #expect(authenticator.offeredMechanisms(for: client).contains(.scramSHA256))
            for mechanism in [SASLMechanismName.plain, .login] {
                do {
                    _ = try authenticator.beginExchange(mechanism: mechanism, client: client)
                    #expect(allowed, "\(mechanism) allowed under \(policy) for \(client)")
                } catch {
                    #expect(!allowed)
                    #expect(error.kind == .plaintextNotAllowed)
                }
            }
            let direct = await authenticator.authenticate(
                username: "ann@example.org",
                password: "hunter2-secret",
                client: client
            )
            if case .failure(let failure) = direct {
                #expect(!allowed && failure.kind == .plaintextNotAllowed)
            } else {
                #expect(allowed)
            }
        }
        #expect(ClientInfo(remoteAddress: "127.0.0.53", isTLS: false, service: "x").isLoopback)
        #expect(ClientInfo(remoteAddress: "::ffff:127.0.0.1", isTLS: false, service: "x").isLoopback)
        #expect(!ClientInfo(remoteAddress: "128.0.0.1", isTLS: false, service: "x").isLoopback)
    }

    @Test("SASL PLAIN, LOGIN and CRAM-MD5 through the authenticator")
    func saslExchanges() async throws {
        let logs = LogCapture()
        let authenticator = Self.make(StaticDatabase(try Self.users()), logs: logs)
        var plain = try authenticator.beginExchange(mechanism: .plain, client: Self.remoteTLS)
        guard
            case .success(let user, nil) = await plain.start(
                initialResponse: Array("\u{0}ann@example.org\u{0}hunter2-secret".utf8)
            )
        else {
            Issue.record("PLAIN refused")
            return
        }
        #expect(user.username == "ann@example.org")

        var other = try authenticator.beginExchange(mechanism: .plain, client: Self.remoteTLS)
        guard
            case .failure(let authz) = await other.start(
                initialResponse: Array("root\u{0}ann@example.org\u{0}hunter2-secret".utf8)
            )
        else {
            Issue.record("foreign authzid accepted")
            return
        }
        #expect(authz.kind == .notPermitted)

        var login = try authenticator.beginExchange(mechanism: .login, client: Self.remoteTLS)
        #expect(await login.start(initialResponse: nil) == .challenge(Array("Username:".utf8)))
        #expect(await login.respond(Array("tim@example.org".utf8)) == .challenge(Array("Password:".utf8)))
        guard case .success(let tim, _) = await login.respond(Array("tanstaaftanstaaf".utf8)) else {
            Issue.record("LOGIN refused")
            return
        }
        #expect(tim.record.home == "/home/tim")

        var cram = try authenticator.beginExchange(mechanism: .cramMD5, client: Self.remote)
        guard case .challenge(let challenge) = await cram.start(initialResponse: nil) else {
            Issue.record("no CRAM-MD5 challenge")
            return
        }
        let digest = CryptPrimitives.cramMD5Digest(
            context: CryptPrimitives.cramMD5Context(secret: Array("tanstaaftanstaaf".utf8)),
            message: challenge
        )
        guard case .success = await cram.respond(Array("tim@example.org \(ByteEncoding.hex(digest))".utf8)) else {
            Issue.record("CRAM-MD5 refused")
            return
        }

        var cramCrypt = try authenticator.beginExchange(mechanism: .cramMD5, client: Self.remote)
        guard case .challenge(let challenge2) = await cramCrypt.start(initialResponse: nil) else { return }
        let digest2 = CryptPrimitives.cramMD5Digest(
            context: CryptPrimitives.cramMD5Context(secret: Array("hunter2-secret".utf8)),
            message: challenge2
        )
        guard case .failure = await cramCrypt.respond(Array("ann@example.org \(ByteEncoding.hex(digest2))".utf8)) else {
            Issue.record("CRAM-MD5 against a SHA256-CRYPT hash accepted")
            return
        }
        #expect(logs.contains("stored password scheme cannot serve mechanism"))
        #expect(!logs.contains("hunter2-secret"))
        #expect(!logs.contains("tanstaaf"))
        #expect(!logs.contains("$5$"))
        #expect(logs.contains("authentication succeeded"))
        #expect(logs.contains("user=ann@example.org"))
    }

    @Test("-PLUS mechanisms are offered and started only with channel binding data")
    func plusMechanisms() throws {
        let authenticator = Self.make(StaticDatabase([]))
        #expect(!authenticator.offeredMechanisms(for: Self.remoteTLS).contains(.scramSHA256Plus))
        #expect(
            authenticator.offeredMechanisms(for: Self.remoteTLS, channelBindingAvailable: true).contains(
                .scramSHA256Plus
            )
        )
        #expect(throws: AuthFailure.self) {
            try authenticator.beginExchange(mechanism: .scramSHA256Plus, client: Self.remoteTLS)
        }
        let binding = ChannelBinding(type: "tls-exporter", data: [1, 2, 3])
        let exchange = try authenticator.beginExchange(
            mechanism: .scramSHA256Plus,
            client: Self.remoteTLS,
            channelBinding: binding
        )
        #expect(exchange.mechanismName == .scramSHA256Plus)
    }

    @Test("a mechanism that is not enabled is refused at once")
    func disabledMechanism() {
        let authenticator = Self.make(StaticDatabase([]), configuration: AuthConfiguration())
        #expect(throws: AuthFailure.self) {
            try authenticator.beginExchange(mechanism: .cramMD5, client: Self.remoteTLS)
        }
    }

    @Test("cache: lookups are reused until the TTL; a changed password takes effect after it; flush forgets")
    func cache() async throws {
        let clock = ManualClock()
        let database = StaticDatabase(try Self.users())
        let authenticator = Self.make(
            database,
            clock: clock,
            configuration: AuthConfiguration(
                penalty: .disabled,
                cache: CachePolicy(ttl: .seconds(60), negativeTTL: .seconds(10))
            )
        )
        func login(_ password: String) async -> Bool {
            if case .success = await authenticator.authenticate(
                username: "ann@example.org",
                password: password,
                client: Self.remoteTLS
            ) {
                return true
            }
            return false
        }
        #expect(await login("hunter2-secret"))
        #expect(await login("hunter2-secret"))
        #expect(database.lookups == 1)
        database.set(PassDBEntry(username: "ann@example.org", password: "{PLAIN}changed", defaultScheme: .init(.plain)))
        #expect(await login("hunter2-secret"))
        #expect(await login("changed") == false)
        clock.advance(by: .seconds(61))
        #expect(await login("changed"))
        #expect(await login("hunter2-secret") == false)
        #expect(database.lookups == 2)

        _ = await authenticator.authenticate(username: "ghost@example.org", password: "x", client: Self.remoteTLS)
        _ = await authenticator.authenticate(username: "ghost@example.org", password: "x", client: Self.remoteTLS)
        #expect(database.lookups == 3)
        clock.advance(by: .seconds(11))
        _ = await authenticator.authenticate(username: "ghost@example.org", password: "x", client: Self.remoteTLS)
        #expect(database.lookups == 4)

        database.set(PassDBEntry(username: "ann@example.org", password: "{PLAIN}third", defaultScheme: .init(.plain)))
        await authenticator.flushCache()
        #expect(await login("third"))
    }

    @Test("a backend failure is a temporary failure without penalty, and is logged")
    func backendFailure() async throws {
        let clock = ManualClock()
        let logs = LogCapture()
        let database = StaticDatabase(try Self.users())
        database.setBroken(true)
        let authenticator = Self.make(database, clock: clock, logs: logs)
        guard
            case .failure(let failure) = await authenticator.authenticate(
                username: "ann@example.org",
                password: "hunter2-secret",
                client: Self.remoteTLS
            )
        else {
            Issue.record("login on a broken backend")
            return
        }
        #expect(failure.kind == .temporaryFailure)
        #expect(clock.sleeps.isEmpty)
        #expect(logs.contains("passdb lookup failed"))
        #expect(!logs.contains("hunter2-secret"))
    }

    @Test("allow_nets limits where a user may log in from")
    func allowNets() async throws {
        let database = StaticDatabase([
            PassDBEntry(
                username: "local@example.org",
                password: "{PLAIN}pw",
                defaultScheme: .init(.plain),
                fields: ["allow_nets": "127.0.0.0/8,::1"]
            )
        ])
        let authenticator = Self.make(database)
        guard
            case .success = await authenticator.authenticate(
                username: "local@example.org",
                password: "pw",
                client: SchemeMatrix.loopback
            )
        else {
            Issue.record("allowed network refused")
            return
        }
        guard
            case .failure(let failure) = await authenticator.authenticate(
                username: "local@example.org",
                password: "pw",
                client: Self.remoteTLS
            )
        else {
            Issue.record("disallowed network accepted")
            return
        }
        #expect(failure.kind == .notPermitted)
    }

    @Test("usernames are lower-cased and checked against Dovecot's allowed characters")
    func usernames() async throws {
        let clock = ManualClock()
        let database = StaticDatabase(try Self.users())
        let authenticator = Self.make(database, clock: clock)
        guard
            case .success(let user, _) = await authenticator.authenticate(
                username: "Ann@Example.ORG",
                password: "hunter2-secret",
                client: Self.remoteTLS
            )
        else {
            Issue.record("mixed-case username refused")
            return
        }
        #expect(user.username == "ann@example.org")
        let lookups = database.lookups
        guard
            case .failure(let failure) = await authenticator.authenticate(
                username: "ann@example.org' --",
                password: "x",
                client: Self.remoteTLS
            )
        else {
            Issue.record("username with disallowed characters accepted")
            return
        }
        #expect(failure.kind == .invalidCredentials)
        #expect(database.lookups == lookups)
        #expect(clock.sleeps == [.seconds(2)])

        let exact = Self.make(
            database,
            configuration: AuthConfiguration(lowercaseUsernames: false, usernameCharacters: nil)
        )
        guard
            case .failure = await exact.authenticate(
                username: "Ann@Example.ORG",
                password: "hunter2-secret",
                client: Self.remoteTLS
            )
        else {
            Issue.record("case-sensitive lookup found a mixed-case name")
            return
        }
    }

    @Test("lookupUser uses the userdb, or the passdb's userdb_ fields")
    func lookup() async throws {
        let authenticator = Self.make(StaticDatabase(try Self.users()))
        #expect(try await authenticator.lookupUser("tim@example.org")?.home == "/home/tim")
        #expect(try await authenticator.lookupUser("nobody@example.org") == nil)
    }
}
