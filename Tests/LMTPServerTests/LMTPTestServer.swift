import Foundation
import MailStore
import MailTesting
import Testing

/// A Columba server with only an LMTP listener, started in the test process over a temporary data
/// directory with the users alice, bob and carol of example.test.
struct LMTPTestServer {
    static let users = ["alice@example.test", "bob@example.test", "carol@example.test"]

    let directory: URL
    let server: InProcessServer
    let port: Int

    /// - Parameters:
    ///   - relay: the port of an SMTP sink for redirects and vacation replies.
    ///   - lmtp: the `lmtp:` section's keys in flow style, e.g. `max_recipients: 50`.
    ///   - before: global scripts run before the user's.
    static func start(relay: Int? = nil, lmtp: String = "max_message_size: 4096, max_recipients: 50",
                      before: [String] = []) async throws -> LMTPTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("columba-lmtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let usersPath = directory.appendingPathComponent("users").path
        // carol may keep only two messages.
        try users.map { "\($0):{PLAIN}secret::::::\($0.hasPrefix("carol") ? "userdb_quota_rule=*:messages=2" : "")\n" }.joined()
            .write(toFile: usersPath, atomically: true, encoding: .utf8)
        let beforeList = before.map { "\"\($0)\"" }.joined(separator: ", ")
        let configuration = """
            hostname: mx.example.test
            data_dir: \(directory.path)
            listeners:
              lmtp: { protocol: lmtp, address: 127.0.0.1, port: 0 }
            auth:
              passdb: { driver: passwd-file, path: \(usersPath) }
              userdb: { driver: passwd-file, path: \(usersPath) }
            lmtp: { \(lmtp) }
            sieve:
              before: [\(beforeList)]
              relay: "\(relay.map { "127.0.0.1:\($0)" } ?? "")"
            """
        let (server, _) = try await InProcessServer.start(configuration: configuration, dataDirectory: directory)
        return LMTPTestServer(directory: directory, server: server, port: try server.port("lmtp"))
    }

    /// `<data>/mail/example.test/<local>`.
    func home(_ user: String) -> String {
        let local = user.split(separator: "@")[0]
        return directory.appendingPathComponent("mail/example.test/\(local)").path
    }

    /// The user's store, opened separately from the server's (the index is SQLite in WAL mode).
    func store(_ user: String) async throws -> UserMailStore {
        try await UserMailStore.open(home: home(user))
    }

    /// The stored messages of `mailbox` (none when the user or mailbox does not exist yet).
    func messages(_ user: String, in mailbox: String = "INBOX") async throws -> [(flags: FlagSet, text: String)] {
        guard FileManager.default.fileExists(atPath: home(user) + "/index.db") else { return [] }
        let store = try await store(user)
        guard try await store.index.mailbox(named: mailbox) != nil else { return [] }
        var result: [(FlagSet, String)] = []
        for record in try await store.index.messages(in: mailbox) {
            result.append((record.flags, String(decoding: try await store.body(of: record.uid, in: mailbox), as: UTF8.self)))
        }
        return result
    }

    /// Writes `text` as the user's active script, as `columba sieve put --activate` does.
    func activateScript(_ text: String, for user: String, name: String = "main") throws {
        let directory = home(user) + "/sieve"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: "\(directory)/\(name).sieve", atomically: true, encoding: .utf8)
        try "\(name)\n".write(toFile: "\(directory)/.active", atomically: true, encoding: .utf8)
    }

    func connect() async throws -> LineClient {
        try await LineClient.connect(port: port)
    }

    func stop() async throws {
        try await server.stop()
    }
}

/// Sends each line of `script` marked `C: ` and checks that the server answers exactly the lines
/// marked `S: `, in order. Several `C:` lines in a row are sent together (pipelining); a bare `C:`
/// sends an empty line.
func transcript(_ client: LineClient, _ script: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    var pendingSend: [String] = []
    for line in script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) where !line.isEmpty {
        if line == "C:" {
            pendingSend.append("")
        } else if line.hasPrefix("C: ") {
            pendingSend.append(String(line.dropFirst(3)))
        } else if line.hasPrefix("S: ") {
            if !pendingSend.isEmpty {
                try await client.sendRaw(Array(pendingSend.map { $0 + "\r\n" }.joined().utf8))
                pendingSend = []
            }
            let received = try await client.readLine()
            #expect(received == String(line.dropFirst(3)), sourceLocation: sourceLocation)
        }
    }
    if !pendingSend.isEmpty {
        try await client.sendRaw(Array(pendingSend.map { $0 + "\r\n" }.joined().utf8))
    }
}
