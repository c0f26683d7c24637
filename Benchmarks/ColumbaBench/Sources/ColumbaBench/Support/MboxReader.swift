import NIOCore

/// Splits an mbox file into messages ready to APPEND: separated at `From ` lines, the blank line
/// before each separator dropped, mboxrd quoting (`>From `, `>>From ` ...) undone by one `>`, and
/// line ends made CRLF.
public enum MboxReader {
    public static func messages(in bytes: [UInt8]) -> [ByteBuffer] {
        var messages: [ByteBuffer] = []
        var current: [[UInt8]] = []
        var inMessage = false
        func finish() {
            if current.last?.isEmpty == true { current.removeLast() }
            if inMessage {
                var buffer = ByteBuffer()
                for line in current {
                    buffer.writeBytes(line)
                    buffer.writeStaticString("\r\n")
                }
                messages.append(buffer)
            }
            current.removeAll()
        }
        for var line in lines(of: bytes) {
            if line.starts(with: fromSeparator) {
                finish()
                inMessage = true
                continue
            }
            if let first = line.firstIndex(where: { $0 != UInt8(ascii: ">") }), first > 0,
               line[first...].starts(with: fromSeparator) {
                line.removeFirst()
            }
            current.append(line)
        }
        finish()
        return messages
    }

    private static let fromSeparator = Array("From ".utf8)

    /// The lines of `bytes` without their LF or CRLF; a last line without LF counts too.
    private static func lines(of bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(Array(bytes[start..<end]))
            start = index + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        return lines
    }
}
