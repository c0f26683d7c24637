import struct NIOCore.ByteBuffer

/// Cuts the client's byte stream into command lines (RFC 5321 §2.3.8: lines end in CRLF).
///
/// Resumable: give it the connection's buffer after every read (always the same buffer: the framer
/// remembers how much of a partial line it has already scanned; after STARTTLS, when RFC 3207 §4.2
/// says to discard what was buffered, start a new framer); it consumes complete lines only and leaves
/// pipelined bytes (RFC 2920) and a partial line in place. Memory is bounded: a line longer than
/// ``maximumLineLength`` is discarded as it arrives, and once its end comes the framer throws
/// ``SMTPCommandError/Kind/lineTooLong`` — in order with the other pipelined commands, so the session
/// answers it where the client expects the reply. After any thrown error the bad line has been
/// consumed; reply and call again.
///
/// A bare LF ends a line in lenient mode (``Frame/endedWithBareLineFeed`` tells) and is an error in
/// strict mode. A bare CR never ends a line; the command parser rejects it. This framer is for command
/// lines only: message content after DATA goes through ``SMTPDataDecoder``, where a bare LF never ends
/// anything.
public struct SMTPCommandLineFramer: Sendable {
    /// One line, without its line end.
    public struct Frame: Hashable, Sendable {
        /// The line's bytes, line end removed.
        public var line: ByteBuffer
        /// Whether the line ended in LF alone rather than CRLF (lenient mode only).
        public var endedWithBareLineFeed: Bool
    }

    /// The longest line accepted, CRLF included. The parser checks each verb's own, smaller limit.
    public let maximumLineLength: Int
    private let strictness: SMTPParserOptions.Strictness
    private var discarding = false
    /// How many bytes at the buffer's reader index are known to hold no LF: a client sending one byte
    /// at a time must not make every call rescan the whole partial line.
    private var scanned = 0

    /// Makes a framer.
    /// - Parameters:
    ///   - strictness: whether a bare LF may end a command line.
    ///   - maximumLineLength: the hard cap, by default AUTH's 12288 octets (RFC 4954 §4).
    public init(
        strictness: SMTPParserOptions.Strictness = .lenient,
        maximumLineLength: Int = SMTPDefaults.authCommandLineLength
    ) {
        self.strictness = strictness
        self.maximumLineLength = maximumLineLength
    }

    /// Returns the next complete line from `buffer`, or nil if more bytes are needed.
    /// - Throws: ``SMTPCommandError`` for an overlong line or, in strict mode, a bare LF; the line has
    ///   been consumed.
    public mutating func next(_ buffer: inout ByteBuffer) throws(SMTPCommandError) -> Frame? {
        let view = buffer.readableBytesView
        // Fewer bytes than already scanned means the caller emptied the buffer (after STARTTLS, say).
        let unscanned = view.dropFirst(self.scanned <= view.count ? self.scanned : 0)
        guard let lf = unscanned.firstIndex(of: UInt8(ascii: "\n")) else {
            if self.discarding || view.count >= self.maximumLineLength {
                self.discarding = true
                buffer.moveReaderIndex(forwardBy: view.count)
                self.scanned = 0
            } else {
                self.scanned = view.count
            }
            return nil
        }
        self.scanned = 0
        let lineLength = lf - view.startIndex
        let line = buffer.readSlice(length: lineLength)!
        buffer.moveReaderIndex(forwardBy: 1)
        let hasCR = line.readableBytesView.last == UInt8(ascii: "\r")
        if self.discarding || lineLength + (hasCR ? 1 : 2) > self.maximumLineLength {
            self.discarding = false
            throw SMTPCommandError(.lineTooLong, "line longer than \(self.maximumLineLength) octets")
        }
        if hasCR {
            return Frame(
                line: line.getSlice(at: line.readerIndex, length: lineLength - 1)!,
                endedWithBareLineFeed: false
            )
        }
        guard self.strictness == .lenient else {
            throw SMTPCommandError(.bareLineFeed, "command line ended by a bare LF")
        }
        return Frame(line: line, endedWithBareLineFeed: true)
    }
}
