import Auth
import Foundation
import Logging
import MailStore
import MailTesting
import NIOCore
import NIOSSL
import ServerKit
import ServiceLifecycle

@testable import IMAPServer

/// An IMAP listener on a free loopback port with a passwd-file of test users.
struct IMAPTestServer {
    static let users = """
        alice@example.test:{PLAIN}wonderland::::::
        locked@example.test:{PLAIN}secret::::::nologin
        quota@example.test:{PLAIN}secret::::::userdb_quota_storage_bytes=10240 userdb_quota_messages=2
        """

    /// The capabilities after login with the default settings.
    static let authenticatedCapabilities = "IMAP4rev2 IMAP4rev1 ID ENABLE LITERAL+ UTF8=ACCEPT UNAUTHENTICATE NAMESPACE "
        + "LIST-EXTENDED LIST-STATUS CHILDREN SPECIAL-USE CREATE-SPECIAL-USE STATUS=SIZE APPENDLIMIT=67108864 COMPRESS=DEFLATE "
        + "IDLE UNSELECT UIDPLUS MOVE MULTIAPPEND BINARY ESEARCH SEARCHRES WITHIN CONDSTORE QRESYNC SAVEDATE OBJECTID "
        + "QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE"

    let port: Int
    let certificate: NIOSSLCertificate
    let penalty: Duration

    static func run(
        tls: ListenerConfiguration.TLSMode = .starttls,
        plaintext: Auth.PlaintextPolicy = .allowLoopback,
        penalty: Duration = .milliseconds(200),
        settings: IMAPServerSettings = IMAPServerSettings(hostname: "mail.example.test"),
        format: MailStorageFormat = .sdbox,
        _ body: (IMAPTestServer) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("columba-imap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let usersPath = directory.appendingPathComponent("users").path
        try users.write(toFile: usersPath, atomically: true, encoding: .utf8)
        let certificatePath = directory.appendingPathComponent("cert.pem").path
        let keyPath = directory.appendingPathComponent("key.pem").path
        try SelfSignedCertificate.createIfMissing(certificatePath: certificatePath, keyPath: keyPath, hostname: "mail.example.test")
        let store = try TLSCertificateStore(configuration: ServerKit.TLSConfiguration(pair: .init(certificate: certificatePath, key: keyPath), usesGeneratedCertificate: false, minimumVersion: .tls12, sni: []))
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let mailRoot = directory.appendingPathComponent("mail").path
        // A small rotation size, so that multi-dbox homes spread over several files.
        let stores = OpenMailStores(options: MailStorageOptions(format: format, mdboxRotateSize: 4096))
        let database = PasswdFileDatabase(path: usersPath, logger: logger)
        let authenticator = Authenticator(
            passdb: database, userdb: database,
            configuration: Auth.AuthConfiguration(
                mechanisms: [.plain, .login, .scramSHA256, .cramMD5], plaintextPolicy: plaintext,
                penalty: FailurePenaltyPolicy(initialDelay: penalty, maximumDelay: penalty),
                cache: .disabled, hostname: "mail.example.test"
            ),
            logger: logger
        )
        let listener = try await Listener.bind(
            settings: ListenerSettings(name: "imap", host: "127.0.0.1", port: 0, tls: tls, maximumLineLength: 1000),
            handler: IMAPConnectionHandler(
                settings: settings, authenticator: authenticator,
                openMailStore: { record in
                    let store = try await stores.store(home: mailRoot + "/" + record.username)
                    store.quota = QuotaLimits(storageBytes: record.quotaStorageBytes, messages: record.quotaMessageCount)
                    return store
                }
            ),
            certificates: store, logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [.init(service: listener)], logger: logger))
        let server = IMAPTestServer(
            port: listener.boundAddress!.port!, certificate: try NIOSSLCertificate.fromPEMFile(certificatePath)[0], penalty: penalty
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body(server)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A plaintext client that has read the greeting.
    func connect() async throws -> (LineClient, greeting: String) {
        let client = try await LineClient.connect(port: port, trust: [certificate])
        return (client, try await client.readLine() ?? "")
    }
}

extension IMAPTestServer {
    /// A plaintext client logged in as alice.
    func loggedIn() async throws -> LineClient {
        let (client, _) = try await connect()
        let reply = try await client.command("login LOGIN alice@example.test wonderland")
        guard reply.last?.hasPrefix("login OK") == true else { throw LoginFailed(reply: reply) }
        return client
    }
}

struct LoginFailed: Error {
    var reply: [String]
}

extension LineClient {
    /// Sends a command and returns every line up to and including its tagged reply.
    func command(_ line: String) async throws -> [String] {
        try await send(line)
        let tag = String(line.prefix { $0 != " " })
        return try await readUntil(prefix: tag + " ")
    }
}
