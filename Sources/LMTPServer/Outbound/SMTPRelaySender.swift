import NIOCore
import NIOPosix
import SMTPGrammar

/// Submits outgoing messages to an SMTP relay over plain TCP: EHLO, MAIL, RCPT per recipient,
/// DATA with dot-stuffing and CRLF line ends, QUIT; one connection per message.
public struct SMTPRelaySender: OutboundSender {
    public var host: String
    public var port: Int
    /// The name sent in EHLO.
    public var heloName: String
    /// The longest the whole exchange may take.
    public var timeout: Duration

    public init(host: String, port: Int, heloName: String, timeout: Duration = .seconds(60)) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.timeout = timeout
    }

    /// Makes a sender for `host:port` (an IPv6 host in brackets); `nil` when it is not one.
    public init?(relay: String, heloName: String) {
        guard let colon = relay.lastIndex(of: ":"), let port = Int(relay[relay.index(after: colon)...]) else {
            return nil
        }
        var host = relay[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        self.init(host: String(host), port: port, heloName: heloName)
    }

    public func send(_ message: OutboundMessage) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let timeout = self.timeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var conversation = RelayConversation(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                    try await conversation.submit(message, heloName: heloName)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw OutboundError(message: "relay \(host):\(port) did not finish within \(timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// One SMTP client exchange over a connected channel.
private struct RelayConversation {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var buffer = ByteBuffer()
    var parser = SMTPReplyParser()

    mutating func submit(_ message: OutboundMessage, heloName: String) async throws {
        try await expect(2, after: "greeting")
        try await command(.ehlo(heloName), expect: 2)
        let sender: ReversePath = message.sender.isEmpty ? .null : .mailbox(try SMTPMailbox(parsing: message.sender, utf8: true))
        try await command(.mail(MailCommand(reversePath: sender)), expect: 2)
        for recipient in message.recipients {
            try await command(.rcpt(RcptCommand(forwardPath: .mailbox(try SMTPMailbox(parsing: recipient, utf8: true)))), expect: 2)
        }
        try await command(.data, expect: 3)
        var encoder = SMTPDataEncoder(lineEndings: .normalize)
        var out = ByteBuffer()
        encoder.encode(ByteBuffer(bytes: message.content), into: &out)
        encoder.finish(into: &out)
        try await outbound.write(out)
        try await expect(2, after: "end of data")
        var quit = ByteBuffer()
        try quit.writeSMTPCommand(.quit)
        try await outbound.write(quit)
    }

    private mutating func command(_ command: SMTPCommand, expect statusClass: Int) async throws {
        var line = ByteBuffer()
        try line.writeSMTPCommand(command)
        try await outbound.write(line)
        try await expect(statusClass, after: command.description)
    }

    private mutating func expect(_ statusClass: Int, after what: String) async throws {
        let reply = try await nextReply()
        guard reply.code / 100 == statusClass else {
            throw OutboundError(message: "relay answered \(what) with \(reply.code) \(reply.lines.joined(separator: " "))")
        }
    }

    private mutating func nextReply() async throws -> SMTPReply {
        while true {
            if let reply = try parser.parse(&buffer) { return reply }
            guard var more = try await inbound.next() else {
                throw OutboundError(message: "relay closed the connection")
            }
            buffer.writeBuffer(&more)
        }
    }
}

/// The relay refused or failed.
public struct OutboundError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
