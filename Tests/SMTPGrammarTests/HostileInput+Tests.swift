import NIOCore
import Testing

@testable import SMTPGrammar

/// Where a hostile input is fed.
private enum Target: Sendable {
    /// Command stream through the framer and the parser (lenient unless said).
    case commands(SMTPParserOptions.Strictness = .lenient)
    /// Message bytes after 354.
    case data(maximumSize: Int = SMTPDefaults.maximumMessageSize)
    /// Server replies through the client's parser (lenient unless said).
    case replies(SMTPParserOptions.Strictness = .lenient)
}

private struct HostileCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var target: Target
    /// What must come out, every split alike: for commands and replies one entry per line/reply
    /// (`ok` or `!errorKind`, `…` when waiting for more); for data `content` or `end:<reply code>`.
    var expected: [String]
    var testDescription: String { self.name }

    init(_ name: String, _ input: String, _ target: Target, _ expected: [String]) {
        self.init(name, Array(input.utf8), target, expected)
    }

    init(_ name: String, _ input: [UInt8], _ target: Target, _ expected: [String]) {
        self.name = name
        self.input = input
        self.target = target
        self.expected = expected
    }
}

private func long(_ count: Int) -> String { String(repeating: "a", count: count) }

private let hostileCases: [HostileCase] = [
    // DATA smuggling: none of these ends the message.
    .init("\\n.\\n does not end DATA", "a\n.\nMAIL FROM:<evil@x>\n", .data(), ["waiting"]),
    .init("\\r.\\r does not end DATA", "a\r.\rMAIL FROM:<evil@x>\r", .data(), ["waiting"]),
    .init("\\n.\\r\\n does not end DATA", "a\n.\r\nMAIL FROM:<evil@x>\r\n", .data(), ["waiting"]),
    .init("\\r\\n.\\n does not end DATA", "a\r\n.\nMAIL FROM:<evil@x>\n", .data(), ["waiting"]),
    .init("\\r\\n.\\r does not end DATA", "a\r\n.\rMAIL FROM:<evil@x>\r", .data(), ["waiting"]),
    .init(".\\r\\n after a bare LF at the start", "\n.\r\n", .data(), ["waiting"]),
    .init("\\r\\r\\n.\\r\\n... is CR + CRLF: the terminator still counts", "x\r\r\n.\r\n", .data(), ["end:550"]),
    .init("\\n.\\n then a real terminator: rejected 550", "a\n.\nb\r\n.\r\n", .data(), ["end:550"]),
    .init("\\r.\\r then a real terminator: rejected 550", "a\r.\rb\r\n.\r\n", .data(), ["end:550"]),
    .init("bare LF lines only, then CRLF.CRLF", "l1\nl2\nl3\r\n.\r\n", .data(), ["end:550"]),
    .init(
        "NUL bytes in DATA are content",
        [UInt8(ascii: "a"), 0, 0, 13, 10, UInt8(ascii: "."), 13, 10],
        .data(),
        ["end:250"]
    ),
    .init("oversized DATA keeps reading to the end", long(10_000) + "\r\n.\r\n", .data(maximumSize: 100), ["end:552"]),
    .init("oversized DATA without an end keeps waiting", long(10_000), .data(maximumSize: 100), ["waiting"]),
    .init("dot-stuffed terminator look-alike", "..\r\n.\r\n", .data(), ["end:250"]),
    // Command lines.
    .init("overlong command line", "NOOP " + long(600) + "\r\n", .commands(), ["!lineTooLong"]),
    .init("overlong MAIL line", "MAIL FROM:<a@b.example> X=" + long(2100) + "\r\n", .commands(), ["!lineTooLong"]),
    .init("line over the framer cap, then QUIT", long(20_000) + "\r\nQUIT\r\n", .commands(), ["!lineTooLong", "ok"]),
    .init("endless line without LF", long(50_000), .commands(), []),
    .init("overlong local part", "MAIL FROM:<" + long(65) + "@x.example>\r\n", .commands(), ["!pathTooLong"]),
    .init(
        "overlong domain",
        "RCPT TO:<a@" + Array(repeating: long(50), count: 6).joined(separator: ".") + ">\r\n",
        .commands(),
        ["!pathTooLong"]
    ),
    .init("overlong label", "RCPT TO:<a@" + long(64) + ".example>\r\n", .commands(), ["!badAddress"]),
    .init(
        "NUL in a command",
        [UInt8]("MAIL FROM:<a") + [0] + [UInt8]("b@x.example>\r\n"),
        .commands(),
        ["!invalidCharacter"]
    ),
    .init("bare CR inside a command", "QUIT\rRSET\r\n", .commands(), ["!invalidCharacter"]),
    .init(
        "control characters, then a good command",
        "\u{1}\u{2}garbage\r\nRSET\r\n",
        .commands(),
        ["!invalidCharacter", "ok"]
    ),
    .init("8-bit EHLO", "EHLO exämple.org\r\n", .commands(), ["!invalidCharacter"]),
    .init("UTF-8 sender without SMTPUTF8", "MAIL FROM:<jörg@example.org>\r\n", .commands(), ["!nonASCIIAddress"]),
    .init(
        "UTF-8 recipient outside an SMTPUTF8 transaction",
        "RCPT TO:<jörg@example.org>\r\n",
        .commands(),
        ["!nonASCIIAddress"]
    ),
    .init(
        "malformed UTF-8 in an address",
        [UInt8]("MAIL FROM:<a") + [0xFF] + [UInt8]("@x.example> SMTPUTF8\r\n"),
        .commands(),
        ["!invalidCharacter"]
    ),
    .init("unbalanced quote", "MAIL FROM:<\"abc@x.example>\r\n", .commands(), ["!badAddress"]),
    .init("missing closing bracket", "MAIL FROM:<abc@x.example\r\n", .commands(), ["!badAddress"]),
    .init("missing opening bracket (strict)", "MAIL FROM:abc@x.example>\r\n", .commands(.strict), ["!badAddress"]),
    .init("double brackets", "RCPT TO:<<a@x.example>>\r\n", .commands(), ["!badAddress"]),
    .init("IPv4 literal octet over 255", "RCPT TO:<a@[192.0.2.256]>\r\n", .commands(), ["!badAddress"]),
    .init("IPv4 literal with three parts", "RCPT TO:<a@[192.0.2]>\r\n", .commands(), ["!badAddress"]),
    .init("IPv6 literal with two ::", "RCPT TO:<a@[IPv6:1::2::3]>\r\n", .commands(), ["!badAddress"]),
    .init("IPv6 group of five digits", "RCPT TO:<a@[IPv6:12345::]>\r\n", .commands(), ["!badAddress"]),
    .init("IPv6 with nine groups", "RCPT TO:<a@[IPv6:1:2:3:4:5:6:7:8:9]>\r\n", .commands(), ["!badAddress"]),
    .init("unterminated address literal", "RCPT TO:<a@[192.0.2.1>\r\n", .commands(), ["!badAddress"]),
    .init("general literal without tag", "RCPT TO:<a@[tag]>\r\n", .commands(), ["!badAddress"]),
    .init("empty atom in local part", "MAIL FROM:<a..b@x.example>\r\n", .commands(), ["!badAddress"]),
    .init("no domain", "MAIL FROM:<ab>\r\n", .commands(), ["!badAddress"]),
    .init("hyphen at label start", "RCPT TO:<a@-bad.example>\r\n", .commands(), ["!badAddress"]),
    .init("null forward path", "RCPT TO:<>\r\n", .commands(), ["!badAddress"]),
    .init("bad source route", "MAIL FROM:<@a.example@b.example:c@d.example>\r\n", .commands(), ["!badAddress"]),
    .init("SIZE with non-digits", "MAIL FROM:<a@b.example> SIZE=12a\r\n", .commands(), ["!badParameter"]),
    .init("SIZE negative", "MAIL FROM:<a@b.example> SIZE=-1\r\n", .commands(), ["!badParameter"]),
    .init(
        "SIZE overflowing Int",
        "MAIL FROM:<a@b.example> SIZE=99999999999999999999\r\n",
        .commands(),
        ["!numberTooLarge"]
    ),
    .init(
        "SIZE with 21 digits",
        "MAIL FROM:<a@b.example> SIZE=000000000000000000001\r\n",
        .commands(),
        ["!numberTooLarge"]
    ),
    .init("SIZE without value", "MAIL FROM:<a@b.example> SIZE\r\n", .commands(), ["!badParameter"]),
    .init("duplicate parameter", "MAIL FROM:<a@b.example> SIZE=1 size=2\r\n", .commands(), ["!duplicateParameter"]),
    .init("unknown BODY", "MAIL FROM:<a@b.example> BODY=9BIT\r\n", .commands(), ["!badParameter"]),
    .init("SMTPUTF8 with a value", "MAIL FROM:<a@b.example> SMTPUTF8=yes\r\n", .commands(), ["!badParameter"]),
    .init("ENVID with a bad hexchar", "MAIL FROM:<a@b.example> ENVID=+ZZ\r\n", .commands(), ["!badParameter"]),
    .init(
        "ENVID over 100 characters",
        "MAIL FROM:<a@b.example> ENVID=" + long(101) + "\r\n",
        .commands(),
        ["!badParameter"]
    ),
    .init("parameter with two =", "MAIL FROM:<a@b.example> ENVID=a=b\r\n", .commands(), ["!badParameter"]),
    .init("NOTIFY=NEVER mixed", "RCPT TO:<a@b.example> NOTIFY=NEVER,SUCCESS\r\n", .commands(), ["!badParameter"]),
    .init("ORCPT without type", "RCPT TO:<a@b.example> ORCPT=rfc822\r\n", .commands(), ["!badParameter"]),
    .init("BDAT huge", "BDAT 99999999999999999999999\r\n", .commands(), ["!numberTooLarge"]),
    .init("BDAT over Int", "BDAT 9223372036854775808\r\n", .commands(), ["!numberTooLarge"]),
    .init("BDAT negative", "BDAT -1\r\n", .commands(), ["!syntax"]),
    .init("BDAT hex", "BDAT 0x10\r\n", .commands(), ["!syntax"]),
    .init("BDAT without size", "BDAT\r\n", .commands(), ["!syntax"]),
    .init("BDAT bad end marker", "BDAT 10 LASTX\r\n", .commands(), ["!syntax"]),
    .init("UTF-8 VRFY without SMTPUTF8", "VRFY jörg\r\n", .commands(), ["!nonASCIIAddress"]),
    .init("unknown verb", "FOO bar\r\n", .commands(), ["!unknownCommand"]),
    .init("MAIL TO", "MAIL TO:<a@b.example>\r\n", .commands(), ["!syntax"]),
    .init("DATA with an argument", "DATA now\r\n", .commands(), ["!syntax"]),
    .init("HELO without argument", "HELO\r\n", .commands(), ["!syntax"]),
    .init("AUTH with non-base64", "AUTH PLAIN !!!!\r\n", .commands(), ["!syntax"]),
    .init("AUTH mechanism too long", "AUTH " + long(21) + "\r\n", .commands(), ["!syntax"]),
    .init("bare LF line end (strict)", "QUIT\n", .commands(.strict), ["!bareLineFeed"]),
    .init(
        "pipelined garbage between good commands",
        "EHLO x.example\r\n\u{7f}\u{7f}\r\nMAIL FROM:<>\r\n<<<>>>\r\nRCPT TO:<a@b.example>\r\n",
        .commands(),
        ["ok", "!invalidCharacter", "ok", "!unknownCommand", "ok"]
    ),
    .init("empty line", "\r\n", .commands(), ["!unknownCommand"]),
    // Replies.
    .init("reply code with a letter", "25O OK\r\n", .replies(), ["!badCode"]),
    .init("reply code 600", "600 what\r\n", .replies(), ["!badCode"]),
    .init("reply code 199", "199 what\r\n", .replies(), ["!badCode"]),
    .init("changing code in a multi-line reply", "250-a\r\n251 b\r\n", .replies(), ["!inconsistentCode"]),
    .init("bad separator", "250xOK\r\n", .replies(), ["!badSeparator"]),
    .init("endless reply line", long(3000), .replies(), ["!lineTooLong"]),
    .init("endless multi-line reply", String(repeating: "250-x\r\n", count: 300), .replies(), ["!tooManyLines"]),
    .init("NUL in a reply", [UInt8]("250 a") + [0] + [UInt8]("b\r\n"), .replies(), ["!invalidCharacter"]),
    .init("bare LF in a reply (strict)", "250 OK\n", .replies(.strict), ["!invalidCharacter"]),
    .init("short reply line", "25\r\n", .replies(), ["!badCode"]),
]

@Suite("Hostile input")
struct HostileInputTests {
    @Test("typed error or a clean wait, in every split, never a crash or a hang", arguments: hostileCases)
    fileprivate func hostile(_ row: HostileCase) {
        for pieces in Splits.of(row.input) {
            #expect(run(row.target, pieces) == row.expected)
        }
    }

    @Test("the hostile table is at least 40 rows")
    func size() {
        #expect(hostileCases.count >= 40)
    }
}

private func run(_ target: Target, _ pieces: [[UInt8]]) -> [String] {
    switch target {
    case .data(let maximumSize):
        let (_, summary, _) = decodeData(pieces, maximumSize: maximumSize)
        guard let summary else { return ["waiting"] }
        return ["end:\(summary.rejection?.code ?? 250)"]
    case .commands(let strictness):
        var framer = SMTPCommandLineFramer(strictness: strictness)
        let parser = SMTPCommandParser(options: .init(strictness: strictness))
        var buffer = ByteBuffer()
        var output: [String] = []
        for piece in pieces {
            buffer.writeBytes(piece)
            while true {
                do throws(SMTPCommandError) {
                    guard let frame = try framer.next(&buffer) else { break }
                    _ = try parser.parse(frame.line)
                    output.append("ok")
                } catch {
                    output.append("!\(error.kind)")
                }
            }
        }
        return output
    case .replies(let strictness):
        var parser = SMTPReplyParser(strictness: strictness)
        var buffer = ByteBuffer()
        var output: [String] = []
        for piece in pieces {
            buffer.writeBytes(piece)
            do throws(SMTPReplyParseError) {
                while try parser.parse(&buffer) != nil { output.append("ok") }
            } catch {
                // The connection cannot be resynchronised after a reply error: stop here.
                return output + ["!\(error.kind)"]
            }
        }
        return output
    }
}
