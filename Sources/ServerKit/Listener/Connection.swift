import Logging
import NIOCore
import NIOSSL
import Synchronization

/// One accepted client connection, as a protocol session sees it.
///
/// Sessions read their protocol's frames (``LineFrame``s for line protocols) and write bytes through the `NIOAsyncChannel` they are handed;
/// this value carries what they need besides: who the peer is, whether the stream is encrypted,
/// a logger that names the session, and the STARTTLS upgrade.
public final class Connection: Sendable {
    /// A short random identifier that every log line of this connection carries.
    public let id: String
    public let remoteAddress: SocketAddress?
    public let localAddress: SocketAddress?
    /// The client's IP address as text, or "unknown".
    public let remoteIP: String
    public let logger: Logger
    private let channel: any Channel
    private let framing: NIOLoopBound<any ConnectionFraming>
    private let certificates: TLSCertificateStore?
    private let tlsState: Mutex<TLSState>

    init(
        channel: any Channel,
        framing: any ConnectionFraming,
        certificates: TLSCertificateStore?,
        implicitTLS: Bool,
        logger: Logger
    ) {
        self.id = Connection.makeIdentifier()
        self.channel = channel
        self.remoteAddress = channel.remoteAddress
        self.localAddress = channel.localAddress
        self.remoteIP = channel.remoteAddress?.ipAddress ?? "unknown"
        self.framing = NIOLoopBound(framing, eventLoop: channel.eventLoop)
        self.certificates = certificates
        self.tlsState = Mutex(TLSState(active: implicitTLS, epoch: 0))
        var logger = logger
        logger[metadataKey: "session"] = "\(id)"
        logger[metadataKey: "remote"] = "\(remoteIP)"
        self.logger = logger
    }

    /// Whether the connection is encrypted (implicit TLS or after STARTTLS).
    public var isTLS: Bool { tlsState.withLock { $0.active } }

    /// The framing epoch current sessions must accept; frames of older epochs are stale plaintext.
    public var epoch: Int { tlsState.withLock { $0.epoch } }

    /// Whether the client connects from this machine (127.0.0.0/8, ::1 or a UNIX socket).
    public var isLoopback: Bool {
        guard let remoteAddress else { return false }
        switch remoteAddress {
        case .unixDomainSocket: return true
        case .v4: return remoteIP.hasPrefix("127.")
        case .v6: return remoteIP == "::1" || remoteIP.hasPrefix("::ffff:127.")
        }
    }

    /// Whether this listener can offer STARTTLS now: it has certificates and is not encrypted yet.
    public var canStartTLS: Bool { certificates != nil && !isTLS }

    /// Sends `response` in plaintext, then switches the connection to TLS.
    ///
    /// Everything the client sent after the STARTTLS command and before its TLS hello is
    /// discarded: bytes still buffered in the framing layer are dropped here, and lines
    /// already framed carry an older epoch (``LineFrame/epoch``) that the session must skip.
    public func startTLS(response: ByteBuffer) async throws {
        guard let certificates else { throw StartTLSUnavailable() }
        let context = certificates.currentContext()
        let framing = self.framing
        let channel = self.channel
        try await channel.eventLoop.submit {
            channel.writeAndFlush(response, promise: nil)
            let handler = NIOSSLServerHandler(context: context)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            framing.value.discardBufferedInput()
        }.get()
        tlsState.withLock { $0 = TLSState(active: true, epoch: $0.epoch + 1) }
        logger.debug("TLS started")
    }

    /// Writes `text` and closes the connection, from any thread; used to say goodbye to a
    /// session that is waiting for input.
    public func sendAndClose(_ text: String) {
        let channel = self.channel
        channel.eventLoop.execute {
            channel.writeAndFlush(ByteBuffer(string: text)).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    /// Closes the connection without waiting for the peer.
    public func close() {
        channel.close(promise: nil)
    }

    private static func makeIdentifier() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyz23456789")
        return String((0..<10).map { _ in alphabet.randomElement()! })
    }
}

private struct TLSState {
    var active: Bool
    var epoch: Int
}

/// STARTTLS was asked of a listener that has no certificates.
public struct StartTLSUnavailable: Error {}
