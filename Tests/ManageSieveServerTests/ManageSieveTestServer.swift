import Auth
import Foundation
import Logging
import MailTesting
import NIOCore
import NIOSSL
import ServerKit
import ServiceLifecycle
import Testing

@testable import ManageSieveServer

/// A ManageSieve listener on a free loopback port with a passwd-file of test users, each with a
/// home under a temporary directory; scripts of at most 512 octets (unless the test says
/// otherwise), three per user.
struct ManageSieveTestServer {
    static let users = """
        alice@example.test:{PLAIN}wonderland::::::
        locked@example.test:{PLAIN}secret::::::nologin
        """

    /// The SIEVE capability: every extension the engine supports.
    static let sieveExtensions = "body comparator-i;ascii-numeric comparator-i;unicode-casemap copy date duplicate editheader "
        + "encoded-character enotify envelope environment ereject extracttext fileinto foreverypart ihave imap4flags include "
        + "index mailbox mime regex reject relational spamtest spamtestplus special-use subaddress vacation vacation-seconds "
        + "variables virustest"

    /// The capability lines of a plaintext loopback connection before login, OK excluded.
    static let capabilities = [
        "\"IMPLEMENTATION\" \"Columba\"",
        "\"SASL\" \"PLAIN LOGIN SCRAM-SHA-256\"",
        "\"SIEVE\" \"\(sieveExtensions)\"",
        "\"STARTTLS\"",
        "\"MAXREDIRECTS\" \"4\"",
        "\"NOTIFY\" \"mailto\"",
        "\"VERSION\" \"1.0\"",
        "\"UNAUTHENTICATE\"",
    ]

    /// The greeting: the capabilities and the OK.
    static let greeting = capabilities.map { "S: \($0)" }.joined(separator: "\n") + "\nS: OK \"mail.example.test ManageSieve ready.\""

    /// `AUTHENTICATE "PLAIN"` with alice's initial response, and the server's OK.
    static let login = """
        C: AUTHENTICATE "PLAIN" "\(Data("\u{0}alice@example.test\u{0}wonderland".utf8).base64EncodedString())"
        S: OK "Logged in."
        """

    let port: Int
    let directory: URL
    let certificate: NIOSSLCertificate

    static func run(
        plaintext: Auth.PlaintextPolicy = .allowLoopback,
        penalty: Duration = .milliseconds(100),
        maximumScriptSize: Int = 512,
        _ body: (ManageSieveTestServer) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("columba-managesieve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let usersPath = directory.appendingPathComponent("users").path
        try users.write(toFile: usersPath, atomically: true, encoding: .utf8)
        let certificatePath = directory.appendingPathComponent("cert.pem").path
        let keyPath = directory.appendingPathComponent("key.pem").path
        try SelfSignedCertificate.createIfMissing(certificatePath: certificatePath, keyPath: keyPath, hostname: "mail.example.test")
        let certificates = try TLSCertificateStore(configuration: ServerKit.TLSConfiguration(
            pair: .init(certificate: certificatePath, key: keyPath), usesGeneratedCertificate: false, minimumVersion: .tls12, sni: []
        ))
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let database = PasswdFileDatabase(path: usersPath, logger: logger)
        let authenticator = Authenticator(
            passdb: database, userdb: database,
            configuration: Auth.AuthConfiguration(
                mechanisms: [.plain, .login, .scramSHA256], plaintextPolicy: plaintext,
                penalty: FailurePenaltyPolicy(initialDelay: penalty, maximumDelay: penalty),
                cache: .disabled, hostname: "mail.example.test"
            ),
            logger: logger
        )
        let mailRoot = directory.appendingPathComponent("mail").path
        let listener = try await Listener.bind(
            settings: ListenerSettings(name: "managesieve", host: "127.0.0.1", port: 0, tls: .starttls, maximumLineLength: 1000),
            handler: ManageSieveConnectionHandler(
                settings: ManageSieveServerSettings(hostname: "mail.example.test", maximumScriptSize: maximumScriptSize, maximumScripts: 3),
                authenticator: authenticator,
                homeDirectory: { record in mailRoot + "/" + record.username }
            ),
            certificates: certificates, logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [.init(service: listener)], logger: logger))
        let server = ManageSieveTestServer(
            port: listener.boundAddress!.port!, directory: directory,
            certificate: try NIOSSLCertificate.fromPEMFile(certificatePath)[0]
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body(server)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// alice's home.
    var home: String { directory.appendingPathComponent("mail/alice@example.test").path }

    func connect() async throws -> LineClient {
        try await LineClient.connect(port: port, trust: [certificate])
    }
}

/// Sends each line of `script` marked `C: ` and checks that the server answers exactly the lines
/// marked `S: `, in order. Several `C:` lines in a row are sent together (pipelining); a bare `C:`
/// sends an empty line and a bare `S:` expects one. `S: <closed>` expects the server to close the
/// connection.
func transcript(_ client: LineClient, _ script: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    var pendingSend: [String] = []
    func flush() async throws {
        guard !pendingSend.isEmpty else { return }
        try await client.sendRaw(Array(pendingSend.map { $0 + "\r\n" }.joined().utf8))
        pendingSend = []
    }
    for line in script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) where !line.isEmpty {
        if line == "C:" {
            pendingSend.append("")
        } else if line == "S:" {
            try await flush()
            let received = try await client.readLine()
            #expect(received == "", sourceLocation: sourceLocation)
        } else if line.hasPrefix("C: ") {
            pendingSend.append(String(line.dropFirst(3)))
        } else if line == "S: <closed>" {
            try await flush()
            let received = try await client.readLine()
            #expect(received == nil, "expected the connection to close", sourceLocation: sourceLocation)
        } else if line.hasPrefix("S: ") {
            try await flush()
            let received = try await client.readLine()
            #expect(received == String(line.dropFirst(3)), sourceLocation: sourceLocation)
        }
    }
    try await flush()
}
