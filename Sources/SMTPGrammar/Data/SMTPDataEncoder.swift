import struct NIOCore.ByteBuffer

/// Encodes a message for sending after `354` (RFC 5321 §4.5.2): dot-stuffs every line that starts
/// with ".", ends the last line with CRLF if it does not already, and appends `"." CRLF`.
///
/// Streaming: call ``encode(_:into:)`` for each piece of the message, then ``finish(into:)`` once.
///
/// ``LineEndings/normalize`` (the default) turns every bare LF and bare CR into CRLF and dot-stuffs the
/// line that follows, as RFC 5321 §2.3.8 requires of senders; nothing the next hop could read as a line
/// end is left unstuffed, so a message that arrived with `\n.\n` cannot end early downstream.
/// ``LineEndings/preserve`` sends bare CR/LF unchanged and stuffs only after CRLF; use it only towards
/// a peer known to treat CRLF alone as a line end (our own LMTP).
public struct SMTPDataEncoder: Sendable {
    /// What to do with bare CR and LF in the message.
    public enum LineEndings: Hashable, Sendable {
        /// Rewrite bare CR and bare LF to CRLF.
        case normalize
        /// Send them unchanged.
        case preserve
    }

    /// The line-ending treatment.
    public let lineEndings: LineEndings
    private var atLineStart = true
    private var pendingCarriageReturn = false

    /// Makes an encoder for one message.
    public init(lineEndings: LineEndings = .normalize) {
        self.lineEndings = lineEndings
    }

    /// Encodes the next piece of the message into `output`.
    public mutating func encode(_ message: ByteBuffer, into output: inout ByteBuffer) {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(message.readableBytes + message.readableBytes / 64 + 4)
        for byte in message.readableBytesView {
            self.step(byte, into: &encoded)
        }
        output.writeBytes(encoded)
    }

    /// Ends the message: a CRLF if the last line lacks one, then `"." CRLF`.
    public mutating func finish(into output: inout ByteBuffer) {
        if self.pendingCarriageReturn {
            self.pendingCarriageReturn = false
            output.writeBytes(self.lineEndings == .normalize ? [13, 10] : [13])
            self.atLineStart = self.lineEndings == .normalize
        }
        if !self.atLineStart {
            output.writeBytes([13, 10])
        }
        output.writeBytes([UInt8(ascii: "."), 13, 10])
        self.atLineStart = true
    }

    private mutating func step(_ byte: UInt8, into encoded: inout [UInt8]) {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        if self.pendingCarriageReturn {
            self.pendingCarriageReturn = false
            if byte == lf {
                encoded += [cr, lf]
                self.atLineStart = true
                return
            }
            // A bare CR.
            if self.lineEndings == .normalize {
                encoded += [cr, lf]
                self.atLineStart = true
            } else {
                encoded.append(cr)
                self.atLineStart = false
            }
        }
        switch byte {
        case cr:
            self.pendingCarriageReturn = true
        case lf:
            // A bare LF.
            if self.lineEndings == .normalize {
                encoded += [cr, lf]
                self.atLineStart = true
            } else {
                encoded.append(lf)
                self.atLineStart = false
            }
        default:
            if self.atLineStart && byte == UInt8(ascii: ".") {
                encoded.append(byte)
            }
            encoded.append(byte)
            self.atLineStart = false
        }
    }
}
