import Crypto
import Logging

/// Logs users in for every protocol: runs SASL exchanges against the passdb, then looks
/// the user up in the userdb; caches lookups; delays failures per client address.
///
/// Never logs passwords, SASL responses or hashes.
public actor Authenticator {
    enum CredentialLookup: Sendable {
        case found(PassDBEntry, SASLCredentials?)
        case unknownUser
        case failed(AuthFailure)
    }

    /// The settings.
    public nonisolated let configuration: AuthConfiguration
    private let passdb: any PassDB
    private let userdb: (any UserDB)?
    private let clock: AuthClock
    private let logger: Logger
    private var penalty: FailurePenalty
    private var passCache: LookupCache<PassDBEntry>
    private var userCache: LookupCache<UserRecord>
    private var verifyCache: LookupCache<Bool>
    private let verifyCacheKey = SymmetricKey(size: .bits256)

    /// Creates an authenticator.
    /// - Parameters:
    ///   - passdb: where passwords come from.
    ///   - userdb: where user records come from; `nil` uses the passdb's `userdb_*` fields
    ///     (Dovecot's prefetch). Passdb `userdb_*` fields are defaults the userdb overrides.
    ///   - configuration: mechanisms, plaintext policy, penalty, cache.
    ///   - clock: time source for the penalty and the cache.
    ///   - logger: receives auth events with `user`, `remote`, `session`, `mech` metadata.
    public init(
        passdb: any PassDB,
        userdb: (any UserDB)?,
        configuration: AuthConfiguration = .init(),
        clock: AuthClock = .continuous,
        logger: Logger
    ) {
        self.passdb = passdb
        self.userdb = userdb
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        penalty = FailurePenalty(policy: configuration.penalty)
        passCache = LookupCache(policy: configuration.cache)
        userCache = LookupCache(policy: configuration.cache)
        verifyCache = LookupCache(
            policy: CachePolicy(
                ttl: configuration.cache.ttl,
                negativeTTL: .zero,
                maximumEntries: configuration.cache.maximumEntries
            )
        )
    }

    // MARK: - Public API

    /// The mechanisms to advertise on a connection: plaintext ones only where the policy allows,
    /// -PLUS ones only where the connection has channel binding data.
    /// - Parameters:
    ///   - client: the connection.
    ///   - channelBindingAvailable: whether the TLS layer can supply ``ChannelBinding`` data.
    public nonisolated func offeredMechanisms(
        for client: ClientInfo,
        channelBindingAvailable: Bool = false
    ) -> [SASLMechanismName] {
        configuration.mechanisms.filter {
            (!$0.isPlaintext || client.allowsPlaintext(configuration.plaintextPolicy))
                && (!$0.usesChannelBinding || channelBindingAvailable)
        }
    }

    /// Begins a SASL exchange.
    /// - Parameters:
    ///   - mechanism: the mechanism the client chose.
    ///   - client: the connection.
    ///   - channelBinding: the connection's TLS channel binding data for SCRAM, if any.
    /// - Throws: ``AuthFailure`` (`.mechanismUnavailable`, `.plaintextNotAllowed`) without delay.
    public nonisolated func beginExchange(
        mechanism: SASLMechanismName,
        client: ClientInfo,
        channelBinding: ChannelBinding? = nil
    ) throws(AuthFailure) -> AuthExchange {
        guard configuration.mechanisms.contains(mechanism) else {
            throw AuthFailure(.mechanismUnavailable, "mechanism \(mechanism.rawValue) is not enabled")
        }
        guard !mechanism.isPlaintext || client.allowsPlaintext(configuration.plaintextPolicy) else {
            logger.notice(
                "plaintext authentication refused on unsecured connection",
                metadata: ["remote": "\(client.remoteAddress)", "mech": "\(mechanism.rawValue)"]
            )
            throw AuthFailure(.plaintextNotAllowed, "plaintext authentication requires TLS")
        }
        guard !mechanism.usesChannelBinding || channelBinding != nil else {
            throw AuthFailure(.mechanismUnavailable, "\(mechanism.rawValue) needs channel binding data")
        }
        let state: any SASLServerMechanism =
            switch mechanism {
            case .plain: PlainMechanism()
            case .login: LoginMechanism()
            case .cramMD5: CRAMMD5Mechanism(hostname: configuration.hostname)
            case .scramSHA1: SCRAMMechanism(algorithm: .sha1, channelBinding: channelBinding)
            case .scramSHA256: SCRAMMechanism(algorithm: .sha256, channelBinding: channelBinding)
            case .scramSHA1Plus: SCRAMMechanism(algorithm: .sha1, channelBinding: channelBinding, plus: true)
            case .scramSHA256Plus: SCRAMMechanism(algorithm: .sha256, channelBinding: channelBinding, plus: true)
            }
        return AuthExchange(authenticator: self, client: client, mechanism: state)
    }

    /// Checks a username and password directly (IMAP `LOGIN`, `columba auth test`).
    /// Subject to the plaintext policy and the failure penalty.
    /// - Parameters:
    ///   - username: the user.
    ///   - password: the plaintext password.
    ///   - client: the connection.
    public func authenticate(username: String, password: String, client: ClientInfo) async -> AuthOutcome {
        guard client.allowsPlaintext(configuration.plaintextPolicy) else {
            logger.notice(
                "plaintext authentication refused on unsecured connection",
                metadata: ["remote": "\(client.remoteAddress)"]
            )
            return .failure(AuthFailure(.plaintextNotAllowed, "plaintext authentication requires TLS"))
        }
        return await verify(
            identity: SASLIdentity(authenticationID: username),
            password: SASLSecret(password),
            client: client,
            mechanism: nil
        )
    }

    /// Looks a user up without authenticating (LMTP delivery, `columba auth lookup`).
    /// - Parameters:
    ///   - username: the user.
    ///   - service: the service asking.
    /// - Returns: the record, or `nil` when the user does not exist.
    /// - Throws: the backend's error.
    public func lookupUser(_ username: String, service: String = "") async throws -> UserRecord? {
        guard let lookupName = normalizedUsername(username) else { return nil }
        let request = LookupRequest(username: lookupName, service: service)
        guard userdb != nil else {
            guard let entry = try await passEntry(request) else { return nil }
            return try UserRecord(username: entry.username, fields: entry.userdbFields)
        }
        return try await userRecord(request)
    }

    /// Forgets every cached lookup and verification (SIGHUP, after `user passwd`).
    public func flushCache() {
        passCache.removeAll()
        userCache.removeAll()
        verifyCache.removeAll()
        logger.info("auth cache flushed")
    }

    /// Consecutive failures currently counted for a client address.
    public func penaltyFailures(address: String) -> Int {
        penalty.failures(address: address, now: clock.now())
    }

    // MARK: - Steps used by AuthExchange

    func verify(
        identity: SASLIdentity,
        password: SASLSecret,
        client: ClientInfo,
        mechanism: SASLMechanismName?
    ) async -> AuthOutcome {
        let user = identity.authenticationID
        guard let lookupName = normalizedUsername(user) else {
            return await reject(
                failure: AuthFailure(.invalidCredentials, "username contains disallowed characters"),
                user: user,
                client: client,
                mechanism: mechanism
            )
        }
        let entry: PassDBEntry?
        do {
            entry = try await passEntry(client.lookupRequest(username: lookupName))
        } catch {
            return temporaryFailure(error, user: user, client: client)
        }
        guard let entry else {
            return await reject(
                failure: AuthFailure(.invalidCredentials, "unknown user"),
                user: user,
                client: client,
                mechanism: mechanism
            )
        }
        if !entry.noPassword {
            let stored: StoredPassword?
            do {
                stored = try entry.storedPassword()
            } catch {
                logger.error(
                    "passdb entry has an unusable password",
                    metadata: ["user": "\(user)", "error": "\(error)"]
                )
                return await reject(
                    failure: AuthFailure(.invalidCredentials, "unusable stored password"),
                    user: user,
                    client: client,
                    mechanism: mechanism
                )
            }
            guard let stored else {
                return await reject(
                    failure: AuthFailure(.invalidCredentials, "user has no password"),
                    user: user,
                    client: client,
                    mechanism: mechanism
                )
            }
            let matches: Bool
            do {
                matches = try await verifyCached(password: password.value, stored: stored, user: entry.username)
            } catch {
                return temporaryFailure(error, user: user, client: client)
            }
            guard matches else {
                return await reject(
                    failure: AuthFailure(.invalidCredentials, "password mismatch"),
                    user: user,
                    client: client,
                    mechanism: mechanism
                )
            }
        }
        return await finish(entry: entry, identity: identity, client: client, mechanism: mechanism, serverFinal: nil)
    }

    func credentials(identity: SASLIdentity, kind: SASLCredentialKind, client: ClientInfo) async -> CredentialLookup {
        let user = identity.authenticationID
        guard let lookupName = normalizedUsername(user) else { return .unknownUser }
        let entry: PassDBEntry?
        do {
            entry = try await passEntry(client.lookupRequest(username: lookupName))
        } catch {
            return .failed(temporaryFailureValue(error, user: user, client: client))
        }
        guard let entry else { return .unknownUser }
        guard let stored = try? entry.storedPassword() else { return .found(entry, nil) }
        switch kind {
        case .cramMD5:
            if stored.format.scheme == .cramMD5, let context = stored.format.effectiveEncoding.decode(stored.payload),
                context.count == 32
            {
                return .found(entry, .cramMD5(context))
            }
            if let plaintext = PasswordHasher.plaintext(of: stored) {
                return .found(entry, .cramMD5(CryptPrimitives.cramMD5Context(secret: Array(plaintext.utf8))))
            }
        case .scram(let algorithm):
            if stored.format.scheme == algorithm.scheme {
                return .found(entry, SCRAMCredentials(payload: stored.payload, algorithm: algorithm).map { .scram($0) })
            }
            if let plaintext = PasswordHasher.plaintext(of: stored) {
                let iterations = configuration.scramIterations
                let derived = try? await BlockingWork.run {
                    SCRAMCredentials(
                        password: plaintext,
                        algorithm: algorithm,
                        salt: ByteEncoding.randomBytes(16),
                        iterations: iterations
                    )
                }
                return .found(entry, derived.map { .scram($0) })
            }
        }
        logger.notice(
            "stored password scheme cannot serve mechanism",
            metadata: ["user": "\(user)", "scheme": "\(stored.format.scheme.rawValue)"]
        )
        return .found(entry, nil)
    }

    func finish(
        entry: PassDBEntry,
        identity: SASLIdentity,
        client: ClientInfo,
        mechanism: SASLMechanismName?,
        serverFinal: [UInt8]?
    ) async -> AuthOutcome {
        let user = identity.authenticationID
        if let authz = identity.authorizationID,
            ![normalizedUsername(user), entry.username].contains(normalizedUsername(authz))
        {
            return await reject(
                failure: AuthFailure(.notPermitted, "authorization identity differs (no master users)"),
                user: user,
                client: client,
                mechanism: mechanism
            )
        }
        if let nets = entry.allowNets, !nets.isEmpty,
            !nets.contains(where: { IPNetwork($0)?.contains(client.remoteAddress) == true })
        {
            return await reject(
                failure: AuthFailure(.notPermitted, "client address not in allow_nets"),
                user: user,
                client: client,
                mechanism: mechanism
            )
        }
        if entry.noLogin && !entry.proxy {
            logger.notice(
                "login refused by nologin",
                metadata: metadata(user: user, client: client, mechanism: mechanism)
            )
            return .failure(AuthFailure(.loginDisabled(reason: entry.reason), "nologin"))
        }
        var passdbFields = entry.fields.filter { !$0.key.hasPrefix("userdb_") }
        passdbFields["user"] = nil
        var record: UserRecord
        do {
            record = try UserRecord(username: entry.username, fields: entry.userdbFields)
            if userdb != nil, !entry.proxy {
                guard let found = try await userRecord(client.lookupRequest(username: entry.username)) else {
                    logger.error(
                        "user authenticated but missing from userdb",
                        metadata: metadata(user: user, client: client, mechanism: mechanism)
                    )
                    return .failure(AuthFailure(.temporaryFailure, "user unknown in userdb"))
                }
                record = record.overridden(by: found)
            }
        } catch {
            return temporaryFailure(error, user: user, client: client)
        }
        penalty.recordSuccess(address: client.remoteAddress)
        logger.info(
            "authentication succeeded",
            metadata: metadata(user: entry.username, client: client, mechanism: mechanism)
        )
        let result = AuthenticatedUser(
            username: record.username,
            record: record,
            passdbFields: passdbFields,
            proxy: entry.proxy,
            proxyHost: entry.host
        )
        return .success(result, serverFinal: serverFinal)
    }

    func reject(
        failure: AuthFailure,
        user: String?,
        client: ClientInfo,
        mechanism: SASLMechanismName?
    ) async -> AuthOutcome {
        let delay = penalty.recordFailure(address: client.remoteAddress, now: clock.now())
        var meta = metadata(user: user, client: client, mechanism: mechanism)
        meta["reason"] = "\(failure.detail)"
        meta["delay"] = "\(delay)"
        logger.notice("authentication failed", metadata: meta)
        if delay > .zero {
            try? await clock.sleep(delay)
        }
        return .failure(failure)
    }

    // MARK: - Lookups and caches

    private func passEntry(_ request: LookupRequest) async throws -> PassDBEntry? {
        let key = Self.cacheKey(request)
        if let cached = passCache.lookup(key, now: clock.now()) { return cached }
        do {
            let entry = try await passdb.lookupPassword(request)
            passCache.store(entry, for: key, now: clock.now())
            return entry
        } catch {
            logger.error("passdb lookup failed", metadata: ["user": "\(request.username)", "error": "\(error)"])
            throw error
        }
    }

    private func userRecord(_ request: LookupRequest) async throws -> UserRecord? {
        guard let userdb else { return nil }
        let key = Self.cacheKey(request)
        if let cached = userCache.lookup(key, now: clock.now()) { return cached }
        do {
            let record = try await userdb.lookupUser(request)
            userCache.store(record, for: key, now: clock.now())
            return record
        } catch {
            logger.error("userdb lookup failed", metadata: ["user": "\(request.username)", "error": "\(error)"])
            throw error
        }
    }

    /// Verifies, remembering the result keyed by user, stored hash and a keyed hash of the
    /// password, so a password changed in the backend takes effect once the entry expires.
    private func verifyCached(password: String, stored: StoredPassword, user: String) async throws -> Bool {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(password.utf8), using: verifyCacheKey)
        let key = "\(user)\u{0}\(stored.encoded)\u{0}\(ByteEncoding.hex(Array(mac)))"
        if case .some(.some(let cached)) = verifyCache.lookup(key, now: clock.now()) { return cached }
        let result = try await PasswordHasher.verifyInBackground(password: password, stored: stored)
        if result { verifyCache.store(result, for: key, now: clock.now()) }
        return result
    }

    // MARK: - Helpers

    /// The name to look up: lower-cased when configured; `nil` when it has disallowed characters.
    private func normalizedUsername(_ username: String) -> String? {
        if let allowed = configuration.usernameCharacters, !username.allSatisfy(allowed.contains) {
            return nil
        }
        return configuration.lowercaseUsernames ? username.lowercased() : username
    }

    /// Cache entries are per user and service (queries may use `%s`; queries that use the
    /// client address should run with the cache disabled).
    private static func cacheKey(_ request: LookupRequest) -> String {
        "\(request.username)\u{0}\(request.service)"
    }

    private func temporaryFailure(_ error: any Error, user: String, client: ClientInfo) -> AuthOutcome {
        .failure(temporaryFailureValue(error, user: user, client: client))
    }

    private func temporaryFailureValue(_ error: any Error, user: String, client: ClientInfo) -> AuthFailure {
        logger.error(
            "authentication backend failure",
            metadata: ["user": "\(user)", "remote": "\(client.remoteAddress)", "error": "\(error)"]
        )
        return AuthFailure(.temporaryFailure, "backend failure: \(error)")
    }

    private func metadata(user: String?, client: ClientInfo, mechanism: SASLMechanismName?) -> Logger.Metadata {
        var meta: Logger.Metadata = ["remote": "\(client.remoteAddress)", "service": "\(client.service)"]
        if let user { meta["user"] = "\(user)" }
        if let session = client.session { meta["session"] = "\(session)" }
        if let mechanism { meta["mech"] = "\(mechanism.rawValue)" }
        return meta
    }
}
