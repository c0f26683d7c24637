import struct NIOCore.ByteBuffer

/// The client side's resumable reply parser (RFC 5321 §4.2, enhanced status codes per RFC 2034 §4).
///
/// Feed it whatever bytes arrived; it consumes whole lines only and returns a reply once its last
/// line (`code SP …` or a bare `code`) is in, or nil when it needs more bytes. A partial line stays in
/// the buffer, so any split of the input gives the same replies. With PIPELINING (RFC 2920) several
/// replies may be in one buffer: call it again until it returns nil.
///
/// ```
/// reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
/// Reply-code = %x32-35 %x30-35 %x30-39
/// ```
/// Leniency: a bare LF ends a line unless ``SMTPParserOptions/Strictness/strict``; text is taken as
/// UTF-8 (RFC 6531 §3.7.4.2 allows it) with invalid sequences replaced.
public struct SMTPReplyParser: Sendable {
    private var code: Int?
    private var lines: [Substring] = []
    private let strictness: SMTPParserOptions.Strictness
    private let maximumLineLength: Int
    private let maximumLines: Int
    /// How many bytes at the buffer's reader index are known to hold no LF, so trickled bytes are not
    /// rescanned on every call.
    private var scanned = 0

    /// Makes a parser.
    /// - Parameters:
    ///   - strictness: whether a bare LF may end a reply line (lenient) or is an error (strict).
    ///   - maximumLineLength: the longest line accepted, CRLF included.
    ///   - maximumLines: the most lines one reply may have.
    public init(
        strictness: SMTPParserOptions.Strictness = .lenient,
        maximumLineLength: Int = SMTPDefaults.clientReplyLineLength,
        maximumLines: Int = SMTPDefaults.maximumReplyLines
    ) {
        self.strictness = strictness
        self.maximumLineLength = maximumLineLength
        self.maximumLines = maximumLines
    }

    /// Consumes complete lines from `buffer` and returns the next whole reply, or nil if more bytes
    /// are needed. Pass the same buffer every time: the parser remembers how much of a partial line
    /// it has scanned.
    /// - Throws: ``SMTPReplyParseError``; the connection cannot be resynchronised after it.
    public mutating func parse(_ buffer: inout ByteBuffer) throws(SMTPReplyParseError) -> SMTPReply? {
        while let line = try self.nextLine(&buffer) {
            if let reply = try self.take(line) {
                return reply
            }
        }
        return nil
    }

    /// Cuts one line (without its line end) off `buffer`, or returns nil when no line end is there yet.
    private mutating func nextLine(_ buffer: inout ByteBuffer) throws(SMTPReplyParseError) -> [UInt8]? {
        let view = buffer.readableBytesView
        let unscanned = view.dropFirst(self.scanned <= view.count ? self.scanned : 0)
        guard let lf = unscanned.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count >= self.maximumLineLength {
                throw SMTPReplyParseError(.lineTooLong, "reply line longer than \(self.maximumLineLength) octets")
            }
            self.scanned = view.count
            return nil
        }
        self.scanned = 0
        var line = Array(view[view.startIndex..<lf])
        if line.count + 1 > self.maximumLineLength {
            throw SMTPReplyParseError(.lineTooLong, "reply line longer than \(self.maximumLineLength) octets")
        }
        if line.last == UInt8(ascii: "\r") {
            line.removeLast()
        } else if self.strictness == .strict {
            throw SMTPReplyParseError(.invalidCharacter, "reply line ends in a bare LF")
        }
        if line.contains(0) || line.contains(UInt8(ascii: "\r")) {
            throw SMTPReplyParseError(.invalidCharacter, "NUL or bare CR in a reply line")
        }
        buffer.moveReaderIndex(forwardBy: lf - view.startIndex + 1)
        return line
    }

    /// Adds one line to the reply being collected; returns the reply when the line was its last.
    private mutating func take(_ line: [UInt8]) throws(SMTPReplyParseError) -> SMTPReply? {
        guard line.count >= 3,
            (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(line[0]),
            (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(line[1]),
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[2])
        else {
            throw SMTPReplyParseError(.badCode, "reply line does not start with a reply code")
        }
        let code = Int(line[0] - 48) * 100 + Int(line[1] - 48) * 10 + Int(line[2] - 48)
        if let expected = self.code, expected != code {
            throw SMTPReplyParseError(.inconsistentCode, "reply line with code \(code) inside a \(expected) reply")
        }
        self.code = code
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPReplyParseError(.badSeparator, "reply code followed by neither SP nor '-'")
        }
        let isLast = separator == UInt8(ascii: " ")
        self.lines.append(Substring(String(decoding: line.dropFirst(4), as: UTF8.self)))
        if !isLast {
            guard self.lines.count < self.maximumLines else {
                throw SMTPReplyParseError(.tooManyLines, "reply longer than \(self.maximumLines) lines")
            }
            return nil
        }
        defer {
            self.code = nil
            self.lines = []
        }
        return Self.makeReply(code: code, lines: self.lines)
    }

    /// Splits the enhanced status code off the lines when the first line carries one whose class
    /// matches the reply code (RFC 2034 §4); later lines lose it only where they repeat it.
    private static func makeReply(code: Int, lines: [Substring]) -> SMTPReply {
        let firstWord = lines[0].prefix { $0 != " " }
        guard let status = EnhancedStatusCode(parsing: firstWord), status.statusClass == code / 100 else {
            return SMTPReply(code: code, lines: lines.map(String.init))
        }
        let stripped = lines.map { line -> String in
            guard line.hasPrefix(firstWord) else { return String(line) }
            let rest = line.dropFirst(firstWord.count)
            if rest.isEmpty { return "" }
            return rest.first == " " ? String(rest.dropFirst()) : String(line)
        }
        return SMTPReply(code: code, enhancedStatus: status, lines: stripped)
    }
}
