import NIOCore

/// The channel handler that cuts a connection's inbound bytes into the frames its protocol
/// session reads: lines for SMTP-like protocols, commands with their literals for IMAP.
///
/// A framing handler buffers at most what its limits allow, and can throw away what it has
/// buffered when the connection switches to TLS, so plaintext pipelined after STARTTLS is never
/// read as part of the encrypted session.
public protocol ConnectionFraming: ChannelInboundHandler, RemovableChannelHandler
where InboundIn == ByteBuffer, InboundOut: Sendable {
    /// Drops every buffered byte and starts a new epoch; frames produced afterwards carry the
    /// new epoch. Runs on the channel's event loop.
    func discardBufferedInput()
}

extension LineFramingHandler: ConnectionFraming {}
