import NIOCore
import SMTPGrammar

/// One LMTP client connection: writes pipelined commands and message data, reads replies one at a
/// time, and keeps the exchange for error reports. Used by a single task.
public final class LMTPClientSession {
    /// Which client this is, for error reports.
    public let name: String

    private var inbound: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<LMTPRequest>
    private var transcript = Transcript()

    init(name: String, inbound: NIOAsyncChannelInboundStream<SMTPReply>, outbound: NIOAsyncChannelOutboundWriter<LMTPRequest>) {
        self.name = name
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// A violation carrying this session's name and current exchange.
    public func violation(_ reason: String) -> ProtocolViolation {
        ProtocolViolation(reason: reason, user: name, exchange: transcript.shown)
    }

    /// Turns a failed check into a violation carrying the exchange.
    public func check<Value>(_ body: () throws(CheckFailure) -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            throw violation(error.reason)
        }
    }

    /// Starts a new exchange in the transcript (a transaction, LHLO or QUIT).
    public func beginExchange() {
        transcript.reset()
    }

    /// Writes `commands` in one write (pipelined, RFC 2920); each asks for one reply.
    public func send(_ commands: [String]) async throws {
        var bytes = ByteBuffer()
        for command in commands {
            transcript.client(command)
            bytes.writeString(command)
            bytes.writeStaticString("\r\n")
        }
        try await write(LMTPRequest(bytes: bytes, replies: commands.count))
    }

    /// Writes the dot-stuffed message, without the final dot (``sendFinalDot(recipients:)``).
    public func sendContent(_ message: LMTPMessage) async throws {
        transcript.client("(message of \(message.size) octets, \(message.content.readableBytes) dot-stuffed)")
        try await write(LMTPRequest(bytes: message.content, replies: 0))
    }

    /// Writes the `"." CRLF` that ends the data; it asks for one reply per accepted recipient.
    public func sendFinalDot(recipients: Int) async throws {
        transcript.client(".")
        var bytes = ByteBuffer()
        bytes.writeStaticString(".\r\n")
        try await write(LMTPRequest(bytes: bytes, replies: recipients))
    }

    /// The next reply.
    public func reply() async throws -> SMTPReply {
        let reply: SMTPReply?
        do {
            reply = try await inbound.next()
        } catch let error as CheckFailure {
            throw violation(error.reason)
        }
        guard let reply else { throw violation("the server closed the connection") }
        var text = ByteBuffer()
        text.writeSMTPReply(reply)
        for line in String(buffer: text).split(separator: "\r\n") {
            transcript.server(ByteBuffer(string: String(line)))
        }
        return reply
    }

    /// Writes `request`; when the write fails because the reader already failed the channel (a
    /// reply too many, a timeout), that failure is reported instead.
    private func write(_ request: LMTPRequest) async throws {
        do {
            try await outbound.write(request)
        } catch {
            _ = try await reply()
            throw error
        }
    }
}
