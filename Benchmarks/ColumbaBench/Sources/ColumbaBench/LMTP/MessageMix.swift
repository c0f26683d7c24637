import NIOCore

/// The messages an LMTP run delivers: read from an mbox, or made up from a seed to look like a
/// real mail flow (see ``MessageMix/Kind``): mostly 2–20 KB of text, mailing-list posts,
/// notifications and newsletters, some attachments of 20 KB–1 MB, a little flagged spam. The same
/// seed and count give the same messages.
public struct MessageMix: Sendable {
    public let messages: [LMTPMessage]

    public init(messages: [LMTPMessage]) {
        precondition(!messages.isEmpty, "a message mix needs messages")
        self.messages = messages
    }

    /// Messages read from an mbox (``MboxReader``), all sent with envelope sender `sender`.
    public init(mbox messages: [ByteBuffer], sender: String) {
        self.init(messages: messages.map { LMTPMessage(sender: sender, message: $0) })
    }

    /// `count` made-up messages, the kinds drawn by their weights.
    public static func generated(count: Int, seed: UInt64) -> MessageMix {
        precondition(count > 0, "a message mix needs messages")
        var random = SeededGenerator(seed: seed)
        let totalWeight = Kind.allCases.reduce(0) { $0 + $1.weight }
        let messages = (1...count).map { number in
            var pick = Int.random(in: 0..<totalWeight, using: &random)
            let kind = Kind.allCases.first { kind in
                pick -= kind.weight
                return pick < 0
            }!
            var writer = MessageWriter(number: number, seed: seed, random: random)
            let message = writer.write(kind)
            random = writer.random
            return message
        }
        return MessageMix(messages: messages)
    }

    /// The largest message, in octets (the server's SIZE must allow it).
    public var largestSize: Int {
        messages.map(\.size).max() ?? 0
    }

    public func randomMessage(using random: inout SeededGenerator) -> LMTPMessage {
        messages.randomElement(using: &random)!
    }

    /// What a made-up message is, with its share of the mix in percent and its size range.
    public enum Kind: String, Sendable, CaseIterable {
        /// Person-to-person plain text.
        case personal
        /// A post to one of a dozen mailing lists (`List-Id`, `Precedence: list`).
        case mailingList
        /// A machine notification (GitHub, an issue tracker, monitoring), text and HTML.
        case notification
        /// A newsletter, text and HTML, with `List-Unsubscribe`.
        case newsletter
        /// Mail a filter upstream marked as spam (`X-Spam-Flag: YES`).
        case spam
        /// An invoice or a statement from a business sender.
        case business
        /// A message with a small attachment (20–100 KB in all).
        case smallAttachment
        /// A message with one or two large attachments (100 KB–1 MB in all).
        case largeAttachment

        /// The share of the mix, in percent.
        public var weight: Int {
            switch self {
            case .personal: 34
            case .mailingList: 22
            case .notification: 12
            case .newsletter: 8
            case .spam: 5
            case .business: 6
            case .smallAttachment: 7
            case .largeAttachment: 6
            }
        }

        /// The message's size range in octets, headers included.
        public var sizes: ClosedRange<Int> {
            switch self {
            case .personal: 2_048...8_192
            case .mailingList: 3_072...12_288
            case .notification: 2_048...6_144
            case .newsletter: 10_240...20_480
            case .spam: 2_048...10_240
            case .business: 2_048...8_192
            case .smallAttachment: 20_480...102_400
            case .largeAttachment: 102_400...1_048_576
            }
        }
    }
}
