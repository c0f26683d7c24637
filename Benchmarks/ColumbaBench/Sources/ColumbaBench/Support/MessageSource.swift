import NIOCore

/// The messages APPEND sends: read from an mbox file, or made up when none is given.
public struct MessageSource: Sendable {
    public let messages: [ByteBuffer]

    public init(messages: [ByteBuffer]) {
        precondition(!messages.isEmpty, "a message source needs messages")
        self.messages = messages
    }

    /// `count` plain-text messages of 1 to 16 KB, the same for the same seed.
    public static func synthetic(count: Int = 64, seed: UInt64) -> MessageSource {
        var random = SeededGenerator(seed: seed)
        let words = ["mail", "server", "swift", "message", "inbox", "folder", "benchmark", "client", "reply", "draft"]
        var messages: [ByteBuffer] = []
        for number in 1...count {
            var text = ByteBuffer()
            text.writeString("From: Bench Sender <sender@example.org>\r\n")
            text.writeString("To: Bench Reader <reader@example.org>\r\n")
            text.writeString("Subject: bench message \(number) about \(words.randomElement(using: &random)!)\r\n")
            text.writeString("Date: Sun, 29 Nov 2026 06:00:00 +0000\r\n")
            text.writeString("Message-ID: <bench.\(seed).\(number)@example.org>\r\n")
            text.writeString("Content-Type: text/plain; charset=us-ascii\r\n\r\n")
            let target = Int.random(in: 1024...16384, using: &random)
            while text.readableBytes < target {
                var line = ""
                while line.utf8.count < 70 {
                    line += words.randomElement(using: &random)! + " "
                }
                text.writeString(line + "\r\n")
            }
            messages.append(text)
        }
        return MessageSource(messages: messages)
    }

    public func randomMessage(using random: inout SeededGenerator) -> ByteBuffer {
        messages.randomElement(using: &random)!
    }
}
