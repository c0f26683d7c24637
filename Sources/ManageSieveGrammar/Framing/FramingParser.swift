import struct NIOCore.ByteBuffer

/// Cuts a ManageSieve client's byte stream into frames: one command (or SASL response) with the
/// literals it announces, bounded by ``ManageSieveLimits``.
///
/// Resumable: ``append(_:)`` adds bytes as they arrive and ``nextEvent()`` returns `nil` until a
/// whole frame (or a refusal) is known. A literal over the limit is refused when announced,
/// before its bytes arrive; its bytes and the rest of its line are then dropped as they come in,
/// so memory stays bounded by one line and one accepted literal per frame.
public struct FramingParser: Sendable {
    private enum State: Sendable {
        /// Reading a line of the frame that starts at the reader index; `lineStart` and
        /// `scanned` are offsets from it.
        case line(lineStart: Int, scanned: Int, literals: Int)
        /// Waiting until the buffer holds the frame up to `end`, the end of a literal.
        case literal(end: Int, literals: Int)
        /// Dropping the bytes of a refused literal.
        case discardingLiteral(remaining: UInt64)
        /// Dropping the rest of a line up to its LF.
        case discardingLine
    }

    public var limits: ManageSieveLimits
    private var buffer = ByteBuffer()
    private var state = State.line(lineStart: 0, scanned: 0, literals: 0)

    public init(limits: ManageSieveLimits = ManageSieveLimits()) {
        self.limits = limits
    }

    /// Octets received and not yet returned or dropped.
    public var bufferedByteCount: Int { buffer.readableBytes }

    /// Adds bytes received from the client.
    public mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        if buffer.readableBytes == 0 { buffer.clear() } else if buffer.readerIndex > 65_536 { buffer.discardReadBytes() }
        buffer.writeBuffer(&bytes)
    }

    /// The next frame or refusal, or `nil` when more bytes are needed.
    public mutating func nextEvent() -> FramingEvent? {
        while true {
            switch state {
            case .discardingLiteral(let remaining):
                let count = Int(min(remaining, UInt64(buffer.readableBytes)))
                buffer.moveReaderIndex(forwardBy: count)
                guard remaining == UInt64(count) else {
                    state = .discardingLiteral(remaining: remaining - UInt64(count))
                    return nil
                }
                state = .discardingLine
            case .discardingLine:
                guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
                    buffer.moveReaderIndex(to: buffer.writerIndex)
                    return nil
                }
                buffer.moveReaderIndex(to: newline + 1)
                state = .line(lineStart: 0, scanned: 0, literals: 0)
            case .literal(let end, let literals):
                guard buffer.readableBytes >= end else { return nil }
                state = .line(lineStart: end, scanned: end, literals: literals)
            case .line(let lineStart, let scanned, let literals):
                return readLine(lineStart: lineStart, scanned: scanned, literals: literals)
            }
        }
    }

    /// Drops everything buffered and starts afresh (STARTTLS: plaintext sent before the TLS
    /// handshake is never read as a command).
    public mutating func reset() {
        buffer.clear()
        state = .line(lineStart: 0, scanned: 0, literals: 0)
    }

    private mutating func readLine(lineStart: Int, scanned: Int, literals: Int) -> FramingEvent? {
        let view = buffer.readableBytesView
        let base = view.startIndex
        guard let newline = view[(base + scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes - lineStart > limits.maximumLineLength + 2 {
                buffer.moveReaderIndex(to: buffer.writerIndex)
                state = .discardingLine
                return .lineTooLong
            }
            state = .line(lineStart: lineStart, scanned: buffer.readableBytes, literals: literals)
            return nil
        }
        var lineEnd = newline
        if lineEnd > base + lineStart, view[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let afterLine = newline + 1 - base
        guard lineEnd - (base + lineStart) <= limits.maximumLineLength else {
            return drop(through: afterLine, then: .line(lineStart: 0, scanned: 0, literals: 0), .lineTooLong)
        }
        switch LiteralMarker.find(in: Array(view[(base + lineStart)..<lineEnd])) {
        case .none:
            let frame = Array(view[base..<lineEnd])
            buffer.moveReaderIndex(forwardBy: afterLine)
            state = .line(lineStart: 0, scanned: 0, literals: 0)
            return .frame(frame)
        case .literal(let size, _):
            guard literals < limits.maximumLiterals else {
                return drop(through: afterLine, then: .discardingLiteral(remaining: size), .tooManyLiterals)
            }
            guard size <= limits.maximumLiteralSize else {
                return drop(through: afterLine, then: .discardingLiteral(remaining: size),
                            .literalTooLarge(size: size, limit: limits.maximumLiteralSize))
            }
            state = .literal(end: afterLine + Int(size), literals: literals + 1)
            return nextEvent()
        case .tooLarge:
            return drop(through: afterLine, then: .discardingLine,
                        .literalTooLarge(size: nil, limit: limits.maximumLiteralSize))
        }
    }

    private mutating func drop(through offset: Int, then next: State, _ event: FramingEvent) -> FramingEvent {
        buffer.moveReaderIndex(forwardBy: offset)
        state = next
        return event
    }
}
