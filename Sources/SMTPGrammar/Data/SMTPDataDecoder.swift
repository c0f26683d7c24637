import struct NIOCore.ByteBuffer

/// Decodes the message after `354` (RFC 5321 §4.1.1.4, §4.5.2): removes dot-stuffing and stops at
/// `CRLF "." CRLF`, and at nothing else.
///
/// **No smuggling.** Only CRLF is a line end here. A bare LF or a bare CR is message content: it does
/// not start a line, so a "." after it is neither unstuffed nor the start of a terminator —
/// `\n.\n`, `\r.\r`, `\n.\r\n` and `\r\n.\n` all stay in the message and the decoder keeps reading. The
/// bytes are kept as they came (never rewritten to CRLF), and counted in
/// ``Summary/bareLineEndings``.
///
/// **Policy.** With ``BareLineEndingPolicy/reject`` (the default) a message that contained any bare CR
/// or LF ends with ``Summary/rejection`` set to `550 5.6.0`: such a message is already non-conforming
/// (RFC 5321 §2.3.8, RFC 5322 §2.3), and relaying it to a next hop that does treat LF as a line end
/// is exactly how smuggling crosses servers; Postfix's `smtpd_forbid_bare_newline = reject` makes the
/// same choice. ``BareLineEndingPolicy/keep`` accepts such messages unchanged, for trusted peers
/// whose software is known to send bare LF; the outbound ``SMTPDataEncoder`` normalises them before
/// they leave.
///
/// **Size.** Past ``maximumSize`` octets the decoder stops yielding content but keeps consuming up to
/// the terminator, so the session stays in step and then answers `552 5.3.4`.
///
/// Resumable: any split of the input yields the same content and the same summary. Bytes after the
/// terminator stay in the buffer (the next pipelined command).
public struct SMTPDataDecoder: Sendable {
    /// What to do with a message that contained a bare CR or LF.
    public enum BareLineEndingPolicy: Hashable, Sendable {
        /// Read to the end, then reject the message (`550 5.6.0`).
        case reject
        /// Keep the message, bare line ends and all.
        case keep
    }

    /// What the decoder yields.
    public enum Event: Hashable, Sendable {
        /// Message bytes, unstuffed.
        case content(ByteBuffer)
        /// The terminator was read; the message is complete.
        case end(Summary)
    }

    /// How the message ended.
    public struct Summary: Hashable, Sendable {
        /// The message size in octets after unstuffing, counted in full even past the maximum.
        public var size: Int
        /// Whether the message was larger than the maximum; content past it was dropped.
        public var exceededMaximumSize: Bool
        /// How many bare CRs and bare LFs the message contained.
        public var bareLineEndings: Int
        /// The reply to send instead of accepting the message, or nil if it may be accepted.
        public var rejection: SMTPReply?
    }

    private enum State: Sendable {
        case lineStart, middle, carriageReturn, dot, dotCarriageReturn, done
    }

    /// The largest message accepted, in octets after unstuffing.
    public let maximumSize: Int
    /// What to do with bare CR or LF.
    public let bareLineEndingPolicy: BareLineEndingPolicy
    private var state = State.lineStart
    private var size = 0
    private var bareLineEndings = 0

    /// Makes a decoder for one message.
    public init(
        maximumSize: Int = SMTPDefaults.maximumMessageSize,
        bareLineEndingPolicy: BareLineEndingPolicy = .reject
    ) {
        self.maximumSize = maximumSize
        self.bareLineEndingPolicy = bareLineEndingPolicy
    }

    /// Consumes bytes from `buffer` and returns message content, the end, or nil when every byte was
    /// consumed without producing either. Must not be called again after ``Event/end(_:)``.
    public mutating func next(_ buffer: inout ByteBuffer) -> Event? {
        precondition(self.state != .done, "SMTPDataDecoder used after the end of the message")
        var output: [UInt8] = []
        output.reserveCapacity(min(buffer.readableBytes, 65536))
        var consumed = 0
        var ended = false
        for byte in buffer.readableBytesView {
            consumed += 1
            if self.step(byte, into: &output) {
                ended = true
                break
            }
        }
        buffer.moveReaderIndex(forwardBy: consumed)
        if !output.isEmpty {
            if ended {
                // Give the content now and the end on the next call: put the terminator back.
                self.state = .dotCarriageReturn
                buffer.moveReaderIndex(to: buffer.readerIndex - 1)
            }
            return .content(ByteBuffer(bytes: output))
        }
        return ended ? .end(self.summary) : nil
    }

    /// Advances the state machine by one byte; returns true when it completed the terminator.
    private mutating func step(_ byte: UInt8, into output: inout [UInt8]) -> Bool {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        switch self.state {
        case .lineStart:
            if byte == UInt8(ascii: ".") {
                self.state = .dot
            } else {
                self.state = .middle
                self.middle(byte, into: &output)
            }
        case .middle:
            self.middle(byte, into: &output)
        case .carriageReturn:
            if byte == lf {
                self.emit(cr, into: &output)
                self.emit(lf, into: &output)
                self.state = .lineStart
            } else {
                self.bareCarriageReturn(then: byte, into: &output)
            }
        case .dot:
            // RFC 5321 §4.5.2: a line starting with "." and more characters loses the first ".".
            if byte == cr {
                self.state = .dotCarriageReturn
            } else {
                self.state = .middle
                self.middle(byte, into: &output)
            }
        case .dotCarriageReturn:
            if byte == lf {
                self.state = .done
                return true
            }
            self.bareCarriageReturn(then: byte, into: &output)
        case .done:
            preconditionFailure("unreachable: decoding stops at the terminator")
        }
        return false
    }

    /// A byte inside a line: CR may start a line end; LF alone is content, never a line end.
    private mutating func middle(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\r"):
            self.state = .carriageReturn
        case UInt8(ascii: "\n"):
            self.bareLineEndings += 1
            self.emit(byte, into: &output)
        default:
            self.emit(byte, into: &output)
        }
    }

    /// The held CR was not followed by LF: it is content, and `byte` is read as inside a line.
    private mutating func bareCarriageReturn(then byte: UInt8, into output: inout [UInt8]) {
        self.bareLineEndings += 1
        self.emit(UInt8(ascii: "\r"), into: &output)
        self.state = .middle
        self.middle(byte, into: &output)
    }

    private mutating func emit(_ byte: UInt8, into output: inout [UInt8]) {
        self.size += 1
        if self.size <= self.maximumSize {
            output.append(byte)
        }
    }

    private var summary: Summary {
        var rejection: SMTPReply?
        if self.size > self.maximumSize {
            rejection = SMTPReply(
                code: 552,
                enhancedStatus: .init(5, 3, 4),
                text: "Message size exceeds fixed maximum message size"
            )
        } else if self.bareLineEndings > 0 && self.bareLineEndingPolicy == .reject {
            rejection = SMTPReply(
                code: 550,
                enhancedStatus: .init(5, 6, 0),
                text: "Message contains bare CR or LF; lines must end in CRLF"
            )
        }
        return Summary(
            size: self.size,
            exceededMaximumSize: self.size > self.maximumSize,
            bareLineEndings: self.bareLineEndings,
            rejection: rejection
        )
    }
}
