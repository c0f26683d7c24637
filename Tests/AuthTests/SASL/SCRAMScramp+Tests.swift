import Foundation
import Logging
import Testing

@testable import Auth

/// Our SCRAM server against Python's independent `scramp` client.
@Suite("SCRAM against scramp", .enabled(if: Peers.scrampAvailable || Peers.required))
struct SCRAMScrampTests {
    /// A line-oriented conversation with the Python helper.
    final class ScrampClient {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        var buffer = Data()

        init(mechanism: String, username: String, password: String, binding: ChannelBinding? = nil) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                [Peers.python, Fixtures.path("scramp_client.py"), mechanism, username, password]
                + (binding.map { [$0.type, ByteEncoding.hex($0.data)] } ?? [])
            process.standardInput = input
            process.standardOutput = output
            try process.run()
        }

        func send(_ line: String) {
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
        }

        func readLine() -> String {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer = Data(buffer[(newline + 1)...])
                    return line
                }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return "EOF" }
                buffer.append(chunk)
            }
        }

        func readMessage() throws -> [UInt8] {
            try #require(ByteEncoding.fromBase64(readLine()))
        }

        func finish() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    static func authenticator() throws -> Authenticator {
        let users = try [
            PassDBEntry(
                username: "sha256user",
                password: PasswordHasher.hash(password: "pencil", format: .init(.scramSHA256)),
                defaultScheme: .init(.plain)
            ),
            PassDBEntry(
                username: "sha1user",
                password: PasswordHasher.hash(password: "pencil", format: .init(.scramSHA1)),
                defaultScheme: .init(.plain)
            ),
            PassDBEntry(username: "plainuser", password: "{PLAIN}pencil", defaultScheme: .init(.plain)),
            PassDBEntry(
                username: "cryptuser",
                password: PasswordHasher.hash(password: "pencil", format: .init(.sha512Crypt)),
                defaultScheme: .init(.plain)
            ),
        ]
        return Authenticator(
            passdb: StaticDatabase(users),
            userdb: nil,
            configuration: AuthConfiguration(mechanisms: SASLMechanismName.allCases, penalty: .disabled),
            logger: LogCapture().logger()
        )
    }

    struct Case: Sendable, CustomStringConvertible {
        var mechanism: SASLMechanismName
        var user: String
        var password: String
        var expected: String
        /// Binding data the client uses; the server always has ``serverBinding`` for -PLUS.
        var clientBinding: ChannelBinding? = nil
        var description: String { "\(mechanism.rawValue) \(user) \(expected)" }
    }

    static let serverBinding = ChannelBinding(type: "tls-server-end-point", data: Array(repeating: 0xA5, count: 32))

    static let cases: [Case] = [
        Case(mechanism: .scramSHA256, user: "sha256user", password: "pencil", expected: "VERIFIED"),
        Case(mechanism: .scramSHA256, user: "sha256user", password: "pencil!", expected: "REFUSED"),
        Case(mechanism: .scramSHA1, user: "sha1user", password: "pencil", expected: "VERIFIED"),
        Case(mechanism: .scramSHA1, user: "sha1user", password: "Pencil", expected: "REFUSED"),
        Case(mechanism: .scramSHA256, user: "plainuser", password: "pencil", expected: "VERIFIED"),
        Case(mechanism: .scramSHA1, user: "plainuser", password: "pencil", expected: "VERIFIED"),
        Case(mechanism: .scramSHA256, user: "sha1user", password: "pencil", expected: "REFUSED"),
        Case(mechanism: .scramSHA256, user: "cryptuser", password: "pencil", expected: "REFUSED"),
        Case(mechanism: .scramSHA256, user: "nobody", password: "pencil", expected: "REFUSED"),
        Case(
            mechanism: .scramSHA256Plus,
            user: "sha256user",
            password: "pencil",
            expected: "VERIFIED",
            clientBinding: serverBinding
        ),
        Case(
            mechanism: .scramSHA1Plus,
            user: "sha1user",
            password: "pencil",
            expected: "VERIFIED",
            clientBinding: serverBinding
        ),
        Case(
            mechanism: .scramSHA256Plus,
            user: "sha256user",
            password: "pencil",
            expected: "REFUSED",
            clientBinding: ChannelBinding(type: "tls-server-end-point", data: Array(repeating: 0x5A, count: 32))
        ),
    ]

    @Test("scramp logs in, and verifies our server signature", arguments: cases)
    func exchange(testCase: Case) async throws {
        try #require(
            Peers.scrampAvailable,
            "scramp is not importable by \(Peers.python) but TEST_REQUIRE_PEERS=1"
        )
        let authenticator = try Self.authenticator()
        let client = try ScrampClient(
            mechanism: testCase.mechanism.rawValue,
            username: testCase.user,
            password: testCase.password,
            binding: testCase.clientBinding
        )
        defer { client.finish() }
        var exchange = try authenticator.beginExchange(
            mechanism: testCase.mechanism,
            client: ClientInfo(remoteAddress: "192.0.2.7", isTLS: true, service: "imap"),
            channelBinding: testCase.mechanism.usesChannelBinding ? Self.serverBinding : nil
        )
        var outcome = await exchange.start(initialResponse: try client.readMessage())
        var successes = 0
        loop: while true {
            switch outcome {
            case .challenge(let bytes):
                client.send(ByteEncoding.base64(bytes))
                outcome = await exchange.respond(try client.readMessage())
            case .success(let user, let serverFinal):
                #expect(user.username == testCase.user)
                client.send(ByteEncoding.base64(try #require(serverFinal)))
                successes += 1
                break loop
            case .failure:
                client.send("FAIL")
                break loop
            }
        }
        #expect(client.readLine() == testCase.expected)
        #expect(successes == (testCase.expected == "VERIFIED" ? 1 : 0))
    }

    @Test("scramp rejects a forged server signature")
    func forgedServerFinal() async throws {
        try #require(
            Peers.scrampAvailable,
            "scramp is not importable by \(Peers.python) but TEST_REQUIRE_PEERS=1"
        )
        let authenticator = try Self.authenticator()
        let client = try ScrampClient(mechanism: "SCRAM-SHA-256", username: "sha256user", password: "pencil")
        defer { client.finish() }
        var exchange = try authenticator.beginExchange(
            mechanism: .scramSHA256,
            client: ClientInfo(remoteAddress: "192.0.2.7", isTLS: false, service: "imap")
        )
        guard case .challenge(let serverFirst) = await exchange.start(initialResponse: try client.readMessage()) else {
            Issue.record("no server-first")
            return
        }
        client.send(ByteEncoding.base64(serverFirst))
        guard case .success = await exchange.respond(try client.readMessage()) else {
            Issue.record("login failed")
            return
        }
        client.send(ByteEncoding.base64(Array("v=\(ByteEncoding.base64([UInt8](repeating: 7, count: 32)))".utf8)))
        #expect(client.readLine().hasPrefix("REJECTED"))
    }
}
