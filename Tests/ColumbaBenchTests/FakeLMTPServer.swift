import NIOCore
import NIOPosix

/// A loopback LMTP server that answers like a real one except for one planted ``Fault``, to
/// show that `columba-bench lmtp` fails the run on it.
final class FakeLMTPServer: Sendable {
    /// The one wrong thing the server does.
    enum Fault: String, Sendable, CaseIterable {
        /// LHLO's reply lacks PIPELINING.
        case noPipelining
        /// The second RCPT of a transaction gets 550.
        case refusesRecipient
        /// A recipient's reply after the data is 451.
        case failsDelivery
        /// One reply fewer after the data than recipients were accepted.
        case missingReply
        /// One reply more after the data than recipients were accepted.
        case extraReply
        /// A 250 after the data without an enhanced status code.
        case noEnhancedStatus
    }

    private let channel: any Channel

    var port: Int { channel.localAddress?.port ?? 0 }

    init(fault: Fault) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Session(fault: fault))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async throws {
        try await channel.close()
    }

    /// One connection: commands line by line, the data up to its final dot.
    private final class Session: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let fault: Fault
        private var pending = ByteBuffer()
        private var inData = false
        private var recipients = 0

        init(fault: Fault) {
            self.fault = fault
        }

        func channelActive(context: ChannelHandlerContext) {
            send(["220 fake LMTP ready"], context: context)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            pending.writeBuffer(&bytes)
            while let end = pending.readableBytesView.firstRange(of: [13, 10]) {
                let line = pending.readString(length: end.lowerBound - pending.readerIndex)!
                pending.moveReaderIndex(forwardBy: 2)
                handle(line, context: context)
            }
        }

        private func handle(_ line: String, context: ChannelHandlerContext) {
            if inData {
                guard line == "." else { return }
                inData = false
                var replies = Array(repeating: "250 2.0.0 Saved", count: recipients)
                switch fault {
                case .failsDelivery: replies[replies.count - 1] = "451 4.3.0 Temporary failure"
                case .missingReply: replies.removeLast()
                case .extraReply: replies.append("250 2.0.0 Saved")
                case .noEnhancedStatus: replies[0] = "250 Saved"
                case .noPipelining, .refusesRecipient: break
                }
                recipients = 0
                send(replies, context: context)
                return
            }
            switch line.prefix(4).uppercased() {
            case "LHLO":
                let pipelining = fault == .noPipelining ? [] : ["250-PIPELINING"]
                send(["250-fake"] + pipelining + ["250 ENHANCEDSTATUSCODES"], context: context)
            case "MAIL": send(["250 2.1.0 Ok"], context: context)
            case "RCPT":
                recipients += 1
                if fault == .refusesRecipient && recipients == 2 {
                    recipients -= 1
                    send(["550 5.1.1 User unknown"], context: context)
                } else {
                    send(["250 2.1.5 Ok"], context: context)
                }
            case "DATA":
                inData = true
                send(["354 Go ahead"], context: context)
            case "RSET": send(["250 2.0.0 Ok"], context: context)
            case "QUIT":
                send(["221 2.0.0 Bye"], context: context)
                context.close(promise: nil)
            default: send(["500 5.5.2 Unknown command"], context: context)
            }
        }

        private func send(_ lines: [String], context: ChannelHandlerContext) {
            var buffer = context.channel.allocator.buffer(capacity: 64)
            for line in lines {
                buffer.writeString(line + "\r\n")
            }
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
    }
}
