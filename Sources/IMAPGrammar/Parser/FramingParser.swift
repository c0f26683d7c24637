import struct NIOCore.ByteBuffer

/// Cuts the client's byte stream into command frames: one command line plus its literals.
///
/// Framing comes before grammar (RFC 9051 §2.2): the framer knows only lines, CRLF and the literal
/// announcements `{n}`, `{n+}` and `~{n}` at the end of a line, so it can enforce the line and
/// literal limits and tell the server when to send a continuation request, before any byte of a
/// literal is read. It resumes across any split of the input.
///
/// ```
/// var framer = FramingParser()
/// framer.append(bytes)
/// while let event = framer.nextEvent() { ... }
/// ```
public struct FramingParser {
    /// What the server must do next.
    public enum Event: Hashable, Sendable {
        /// A complete command: its raw bytes, literals included, ending in CRLF (or LF).
        case frame(ByteBuffer)
        /// The client announced a synchronizing literal of this size, within the limits: send a
        /// continuation request (`+ OK`) now; the literal's bytes follow (RFC 9051 §7.5).
        case continuationRequest(literalSize: UInt64)
        /// A literal above ``IMAPLimits/maximumLiteralSize`` (APPEND) or
        /// ``IMAPLimits/maximumNonMessageLiteralSize`` (any other command) was announced. For a synchronizing
        /// literal nothing more of the command will come: answer `tag NO [TOOBIG]` or `BAD`. For a
        /// non-synchronizing one (`{n+}`, RFC 7888) the client sends the bytes anyway; the framer
        /// discards them and the rest of the command without buffering, but a server may prefer to
        /// answer `BYE` and close. `limit` is the limit that applied to this command.
        case literalTooLarge(tag: String?, size: UInt64, limit: UInt64, synchronizing: Bool)
        /// A line longer than ``IMAPLimits/maximumLineLength``; the framer discards the rest of
        /// the command. Answer `tag BAD`.
        case lineTooLong(tag: String?)
        /// More literals in one command than ``IMAPLimits/maximumLiteralsPerCommand``; the rest
        /// of the command is discarded.
        case tooManyLiterals(tag: String?)
    }

    private enum State: Hashable {
        /// Reading a line that starts at `lineStart`.
        case line
        /// Reading `remaining` literal bytes.
        case literal(remaining: UInt64)
    }

    /// The limits in force. A change applies from the next line read, so a server can raise the
    /// literal limit once the client has logged in.
    public var limits: IMAPLimits
    private var buffer = ByteBuffer()
    private var state = State.line
    /// Offset (from the buffer's reader index) where the current line starts.
    private var lineStart = 0
    /// Offset up to which the current line has been searched for LF.
    private var scanned = 0
    private var literalCount = 0
    /// Whether the current command is being thrown away (after an error event).
    private var discarding = false

    public init(limits: IMAPLimits = IMAPLimits()) {
        self.limits = limits
    }

    /// Bytes buffered and not yet returned in a frame.
    public var bufferedByteCount: Int { buffer.readableBytes }

    /// Adds bytes received from the client.
    public mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        buffer.writeBuffer(&bytes)
    }

    /// The next event, or nil when more bytes are needed.
    public mutating func nextEvent() -> Event? {
        while true {
            switch state {
            case .literal(let remaining):
                let available = UInt64(buffer.readableBytes - scanned)
                if available < remaining {
                    state = .literal(remaining: remaining - available)
                    scanned = buffer.readableBytes
                    if discarding { dropConsumed() }
                    return nil
                }
                scanned += Int(remaining)
                lineStart = scanned
                state = .line
                if discarding { dropConsumed() }

            case .line:
                let view = buffer.readableBytesView
                let searchStart = view.startIndex + scanned
                guard let lf = view[searchStart...].firstIndex(of: UInt8(ascii: "\n")) else {
                    scanned = buffer.readableBytes
                    if discarding {
                        dropConsumed(keepingTail: Self.literalHeaderTail)
                        return nil
                    }
                    if scanned - lineStart > limits.maximumLineLength {
                        return startDiscarding(.lineTooLong(tag: currentTag()))
                    }
                    return nil
                }
                let lineEnd = lf - view.startIndex + 1
                scanned = lineEnd
                if !discarding, lineEnd - lineStart > limits.maximumLineLength {
                    let tag = currentTag()
                    // The line is complete: drop it, and the command ends unless it announces a literal.
                    discarding = true
                    _ = afterLine(lineEnd: lineEnd)  // always nil while discarding
                    return .lineTooLong(tag: tag)
                }
                if let event = afterLine(lineEnd: lineEnd) { return event }
            }
        }
    }

    /// Handles a complete line ending at `lineEnd`: either a literal follows or the frame is done.
    private mutating func afterLine(lineEnd: Int) -> Event? {
        guard let announcement = literalAnnouncement(lineEnd: lineEnd) else {
            return finishFrame(end: lineEnd)
        }
        if discarding {
            if announcement.synchronizing {
                // The client waits for a continuation that will not come: the command is over.
                return finishFrame(end: lineEnd)
            }
            state = .literal(remaining: announcement.size)
            dropConsumed()
            return nil
        }
        literalCount += 1
        if literalCount > limits.maximumLiteralsPerCommand {
            let event = Event.tooManyLiterals(tag: currentTag())
            discarding = true
            if announcement.synchronizing {
                _ = finishFrame(end: lineEnd)
            } else {
                state = .literal(remaining: announcement.size)
                dropConsumed()
            }
            return event
        }
        let limit = literalLimit()
        if announcement.size > limit {
            let event = Event.literalTooLarge(tag: currentTag(), size: announcement.size, limit: limit, synchronizing: announcement.synchronizing)
            discarding = true
            if announcement.synchronizing {
                _ = finishFrame(end: lineEnd)
            } else {
                state = .literal(remaining: announcement.size)
                dropConsumed()
            }
            return event
        }
        state = .literal(remaining: announcement.size)
        if announcement.synchronizing {
            return .continuationRequest(literalSize: announcement.size)
        }
        return nil
    }

    /// Ends the current frame at `end`, returning it unless it was being discarded.
    private mutating func finishFrame(end: Int) -> Event? {
        let frame = buffer.readSlice(length: end)!
        let wasDiscarding = discarding
        state = .line
        lineStart = 0
        scanned = 0
        literalCount = 0
        discarding = false
        if buffer.readerIndex > 65_536 || buffer.readableBytes == 0 {
            buffer.discardReadBytes()
        }
        return wasDiscarding ? nil : .frame(frame)
    }

    private mutating func startDiscarding(_ event: Event) -> Event {
        discarding = true
        dropConsumed(keepingTail: Self.literalHeaderTail)
        return event
    }

    /// The most digits a literal announcement may have (UInt64's 20).
    private static let maximumAnnouncedDigits = 20

    /// Bytes kept from a line being discarded, so a literal announcement split across reads
    /// (`~{` + 20 digits + `+}` CR) is still seen at the line's end.
    private static let literalHeaderTail = 32

    /// While discarding, forget the bytes already looked at, except the last `keepingTail`.
    private mutating func dropConsumed(keepingTail: Int = 0) {
        let drop = max(0, scanned - keepingTail)
        buffer.moveReaderIndex(forwardBy: drop)
        lineStart = max(0, lineStart - drop)
        scanned -= drop
        buffer.discardReadBytes()
    }

    private struct Announcement {
        var size: UInt64
        var synchronizing: Bool
    }

    /// Parses `{n}`, `{n+}` or `~{n}` right before the CRLF (or LF) that ends at `lineEnd`.
    private func literalAnnouncement(lineEnd: Int) -> Announcement? {
        let view = buffer.readableBytesView
        var index = view.startIndex + lineEnd - 1  // the LF
        let start = view.startIndex + lineStart
        if index > start, view[index - 1] == UInt8(ascii: "\r") { index -= 1 }
        // index now at CR or LF; the byte before must be "}".
        guard index - 1 >= start, view[index - 1] == UInt8(ascii: "}") else { return nil }
        index -= 1
        var synchronizing = true
        if index - 1 >= start, view[index - 1] == UInt8(ascii: "+") {
            synchronizing = false
            index -= 1
        }
        let digitsEnd = index
        var digitsStart = index
        while digitsStart - 1 >= start, GrammarParser.isDigit(view[digitsStart - 1]) { digitsStart -= 1 }
        // At most as many digits as UInt64 has: a longer run (leading zeros) is no announcement,
        // so one seen whole and one whose head was dropped while discarding agree.
        guard digitsStart < digitsEnd, digitsEnd - digitsStart <= Self.maximumAnnouncedDigits,
              digitsStart - 1 >= start, view[digitsStart - 1] == UInt8(ascii: "{") else { return nil }
        var size: UInt64 = 0
        for digit in view[digitsStart..<digitsEnd] {
            let (product, overflow1) = size.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            if overflow1 || overflow2 {
                size = .max
                break
            }
            size = sum
        }
        return Announcement(size: size, synchronizing: synchronizing)
    }

    /// The literal limit for the current command: messages (APPEND) may be large, anything else
    /// is held to ``IMAPLimits/maximumNonMessageLiteralSize``. The command name is the second
    /// word of the frame's first line, which is complete when the first literal is announced.
    private func literalLimit() -> UInt64 {
        let view = buffer.readableBytesView
        let nonMessage = min(limits.maximumLiteralSize, limits.maximumNonMessageLiteralSize)
        guard let space = view.prefix(64).firstIndex(of: UInt8(ascii: " ")) else { return nonMessage }
        let name = view[(space + 1)...].prefix(7).map(asciiUpper)
        let isAppend = name.elementsEqual("APPEND ".utf8)
        return isAppend ? limits.maximumLiteralSize : nonMessage
    }

    /// The tag at the start of the current frame, if it has a valid one.
    ///
    /// Only the first `min(64, maximumLineLength)` bytes are looked at, so the answer does not
    /// depend on how much of an overlong line had arrived when the limit was hit.
    private func currentTag() -> String? {
        let view = buffer.readableBytesView
        let limit = view.startIndex + min(64, limits.maximumLineLength, view.count)
        var end = view.startIndex
        while end < limit {
            let byte = view[end]
            guard GrammarParser.isAStringChar(byte), byte != UInt8(ascii: "+") else { break }
            end += 1
        }
        guard end > view.startIndex, end < limit, view[end] == UInt8(ascii: " ") else { return nil }
        return String(decoding: view[view.startIndex..<end], as: UTF8.self)
    }
}
