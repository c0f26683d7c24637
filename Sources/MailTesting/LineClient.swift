import NIOCore
import NIOPosix
import NIOSSL

/// A small line-oriented TCP client for tests: connects in plaintext or TLS, sends lines,
/// reads lines, and can switch to TLS in the middle (STARTTLS).
///
/// TLS verification trusts only the certificates given in `trust` (tests use the server's
/// self-signed certificate), and checks the host name against `serverName`.
public final class LineClient: @unchecked Sendable {
    private let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var pending = ByteBuffer()
    private let trust: [NIOSSLCertificate]

    /// TLS from the first byte, or plaintext.
    public enum Security: Sendable {
        case plaintext
        /// Implicit TLS; `serverName` goes into SNI and is verified.
        case tls(serverName: String)
        /// Implicit TLS with a client configuration of the test's own (for example an old protocol version).
        case tlsConfiguration(NIOSSL.TLSConfiguration, serverName: String?)
    }

    private init(channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, trust: [NIOSSLCertificate]) {
        self.channel = channel
        self.iterator = channel.inbound.makeAsyncIterator()
        self.trust = trust
    }

    /// Connects to `host:port`.
    /// - Parameter trust: certificates trusted as roots (PEM); unused for plaintext.
    public static func connect(
        host: String = "127.0.0.1",
        port: Int,
        security: Security = .plaintext,
        trust: [NIOSSLCertificate] = []
    ) async throws -> LineClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    switch security {
                    case .plaintext:
                        break
                    case .tls(let serverName):
                        let handler = try Self.makeTLSHandler(serverName: serverName, trust: trust)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    case .tlsConfiguration(let configuration, let serverName):
                        let context = try NIOSSLContext(configuration: configuration)
                        let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return LineClient(channel: channel, trust: trust)
    }

    private static func makeTLSHandler(serverName: String, trust: [NIOSSLCertificate]) throws -> NIOSSLClientHandler {
        var configuration = NIOSSL.TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(trust)
        configuration.certificateVerification = .fullVerification
        let context = try NIOSSLContext(configuration: configuration)
        return try NIOSSLClientHandler(context: context, serverHostname: serverName)
    }

    /// Sends `line` followed by CRLF.
    public func send(_ line: String) async throws {
        try await channel.outbound.write(ByteBuffer(string: line + "\r\n"))
    }

    /// Sends raw bytes as they are.
    public func sendRaw(_ bytes: [UInt8]) async throws {
        try await channel.outbound.write(ByteBuffer(bytes: bytes))
    }

    /// The next line without its CRLF, or `nil` when the server closed the connection.
    public func readLine() async throws -> String? {
        while true {
            if let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - pending.readerIndex
                var line = pending.readString(length: length)!
                pending.moveReaderIndex(forwardBy: 1)
                if line.hasSuffix("\r") { line.removeLast() }
                return line
            }
            guard var next = try await iterator.next() else { return nil }
            pending.writeBuffer(&next)
        }
    }

    /// Reads lines until one starts with `prefix` (such as a command tag), returning all of them.
    public func readUntil(prefix: String) async throws -> [String] {
        var lines: [String] = []
        while let line = try await readLine() {
            lines.append(line)
            if line.hasPrefix(prefix) { return lines }
        }
        throw LineClientError.closed(received: lines)
    }

    /// Switches this connection to TLS, as a client does after the server's STARTTLS go-ahead.
    public func startTLS(serverName: String) async throws {
        let handler = try Self.makeTLSHandler(serverName: serverName, trust: trust)
        try await channel.channel.pipeline.addHandler(handler, position: .first).get()
    }

    /// The certificate the server presented, once TLS is up.
    public func peerCertificate() async throws -> NIOSSLCertificate? {
        try await channel.channel.nioSSL_peerCertificate().get()
    }

    /// Whether the server has closed the connection (reads until the end, discarding data).
    public func waitForClose() async throws {
        while try await iterator.next() != nil {}
    }

    /// Closes the connection.
    public func close() async {
        channel.outbound.finish()
        try? await channel.channel.close()
    }

    deinit {
        channel.outbound.finish()
        channel.channel.close(promise: nil)
    }
}

/// The server closed the connection before the expected line.
public enum LineClientError: Error {
    case closed(received: [String])
}
