import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A capturing SMTP server for tests: accepts every sender and recipient on a loopback port and
/// keeps each message with its envelope, so a test can check what a server sent out.
public final class SMTPSink: Sendable {
    /// One message as received.
    public struct Message: Sendable {
        /// MAIL FROM as given, with angle brackets (`<>` for the null sender).
        public var mailFrom: String
        /// RCPT TO addresses as given, with angle brackets.
        public var recipients: [String]
        /// The message after dot-unstuffing, lines joined with CRLF.
        public var content: String

        /// The value of the first header field called `name`, unfolded; `nil` when absent.
        public func header(_ name: String) -> String? {
            let head = content.components(separatedBy: "\r\n\r\n").first ?? ""
            var fields: [String] = []
            for line in head.components(separatedBy: "\r\n") {
                if line.first == " " || line.first == "\t", !fields.isEmpty {
                    fields[fields.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
                } else {
                    fields.append(line)
                }
            }
            let prefix = name.lowercased() + ":"
            return fields.first { $0.lowercased().hasPrefix(prefix) }
                .map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
        }

        /// The text after the header.
        public var body: String {
            guard let range = content.range(of: "\r\n\r\n") else { return "" }
            return String(content[range.upperBound...])
        }
    }

    public let port: Int
    private let received = Mutex<[Message]>([])
    private let channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let task = Mutex<Task<Void, Never>?>(nil)

    private init(channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) {
        self.channel = channel
        self.port = channel.channel.localAddress?.port ?? 0
    }

    /// Starts a sink on a free loopback port.
    public static func start() async throws -> SMTPSink {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let sink = SMTPSink(channel: channel)
        sink.task.withLock { $0 = Task { await sink.accept() } }
        return sink
    }

    /// The messages received so far.
    public var messages: [Message] { received.withLock { $0 } }

    /// Waits until at least `count` messages arrived, at most `timeout` (a hang guard).
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(60)) async throws -> [Message] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = messages
            if current.count >= count { return current }
            try await Task.sleep(for: .milliseconds(50))
        }
        return messages
    }

    /// Stops listening.
    public func stop() async {
        channel.channel.close(promise: nil)
        await task.withLock { $0 }?.value
    }

    private func accept() async {
        try? await withThrowingDiscardingTaskGroup { group in
            try await channel.executeThenClose { inbound in
                for try await connection in inbound {
                    group.addTask { try? await self.serve(connection) }
                }
            }
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var lines = SinkLineReader(iterator: inbound.makeAsyncIterator())
            func reply(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            try await reply("220 sink.test ESMTP test sink")
            var mailFrom = ""
            var recipients: [String] = []
            while let line = try await lines.next() {
                let upper = line.uppercased()
                if upper.hasPrefix("EHLO") || upper.hasPrefix("HELO") || upper.hasPrefix("LHLO") {
                    try await reply("250-sink.test\r\n250 8BITMIME")
                } else if upper.hasPrefix("MAIL FROM:") {
                    mailFrom = String(line.dropFirst(10)).split(separator: " ").first.map(String.init) ?? ""
                    recipients = []
                    try await reply("250 2.1.0 Ok")
                } else if upper.hasPrefix("RCPT TO:") {
                    recipients.append(String(line.dropFirst(8)).split(separator: " ").first.map(String.init) ?? "")
                    try await reply("250 2.1.5 Ok")
                } else if upper == "DATA" {
                    try await reply("354 Go ahead")
                    var content: [String] = []
                    while let dataLine = try await lines.next(), dataLine != "." {
                        content.append(dataLine.hasPrefix(".") ? String(dataLine.dropFirst()) : dataLine)
                    }
                    let message = Message(mailFrom: mailFrom, recipients: recipients, content: content.joined(separator: "\r\n") + "\r\n")
                    received.withLock { $0.append(message) }
                    try await reply("250 2.0.0 Ok: queued")
                } else if upper == "QUIT" {
                    try await reply("221 2.0.0 Bye")
                    return
                } else {
                    try await reply("250 2.0.0 Ok")
                }
            }
        }
    }
}

/// Lines of a byte stream, without their CRLF.
private struct SinkLineReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ByteBuffer()

    mutating func next() async throws -> String? {
        while true {
            if let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                var line = pending.readString(length: newline - pending.readerIndex)!
                pending.moveReaderIndex(forwardBy: 1)
                if line.hasSuffix("\r") { line.removeLast() }
                return line
            }
            guard var more = try await iterator.next() else { return nil }
            pending.writeBuffer(&more)
        }
    }
}
