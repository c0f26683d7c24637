import SMTPGrammar

import struct NIOCore.ByteBuffer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer entry point for the SMTP grammar: the command framer and parser, the reply parser, the
/// DATA decoder and encoder, and the BDAT chunk decoder, each with invariants that trap when broken.
///
/// `scripts/fuzz-smtpgrammar.sh SECONDS` builds this with `-sanitize=fuzzer -DFUZZING`, where `main`
/// hands over to libFuzzer's driver. A plain `swift build` makes a replay tool instead: pass it crash or
/// corpus files and it runs each through the same checks.
enum SMTPGrammarFuzz {
    static func run(_ bytes: [UInt8]) {
        let split = bytes.first.map { Int($0) } ?? 0
        self.commands(bytes, strictness: .strict)
        self.commands(bytes, strictness: .lenient)
        self.replies(bytes, split: split)
        self.data(bytes, split: split)
        self.chunk(bytes)
    }

    /// Frames and parses a command stream; every parsed command must survive encode → parse.
    private static func commands(_ bytes: [UInt8], strictness: SMTPParserOptions.Strictness) {
        var framer = SMTPCommandLineFramer(strictness: strictness)
        let parser = SMTPCommandParser(options: .init(strictness: strictness, utf8Addresses: true))
        var buffer = ByteBuffer(bytes: bytes)
        while true {
            do throws(SMTPCommandError) {
                guard let frame = try framer.next(&buffer) else { break }
                let command = try parser.parse(frame.line).command
                var encoded = ByteBuffer()
                try encoded.writeSMTPCommand(command)
                let line = Array(encoded.readableBytesView.dropLast(2))
                do throws(SMTPCommandError) {
                    let again = try parser.parse(line).command
                    precondition(again == command, "command changed in a round trip: \(command) → \(again)")
                } catch  where error.kind == .lineTooLong {
                    // Encoding adds brackets a lenient parse went without; that may cross the limit.
                } catch {
                    preconditionFailure("encoded command does not parse: \(command): \(error)")
                }
            } catch {
                _ = error.reply
            }
        }
    }

    /// Parses replies split in two; every reply must survive encode → parse.
    private static func replies(_ bytes: [UInt8], split: Int) {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer(bytes: bytes.prefix(split))
        var rest = bytes.dropFirst(split)
        do throws(SMTPReplyParseError) {
            while true {
                if let reply = try parser.parse(&buffer) {
                    var encoded = ByteBuffer()
                    encoded.writeSMTPReply(reply)
                    var again = SMTPReplyParser()
                    do throws(SMTPReplyParseError) {
                        let reparsed = try again.parse(&encoded)
                        precondition(
                            reparsed == reply,
                            "reply changed in a round trip: \(reply) → \(String(describing: reparsed))"
                        )
                    } catch  where error.kind == .lineTooLong {
                        // Repeating the enhanced code on every line may make a line longer than it came.
                    } catch {
                        preconditionFailure("encoded reply does not parse: \(reply): \(error)")
                    }
                } else if !rest.isEmpty {
                    buffer.writeBytes(rest)
                    rest = []
                } else {
                    break
                }
            }
        } catch {
            return
        }
    }

    /// Decodes DATA whole and split; both must agree. Encoding the result and decoding it again must
    /// give it back, with no bare line ends.
    private static func data(_ bytes: [UInt8], split: Int) {
        let whole = self.decode([bytes])
        let pieces = [Array(bytes.prefix(split)), Array(bytes.dropFirst(split))]
        let parts = self.decode(pieces)
        precondition(whole.content == parts.content && whole.ended == parts.ended, "DATA decoding depends on the split")
        precondition(whole.ended == self.containsTerminator(bytes), "DATA ended somewhere other than CRLF.CRLF")

        var encoder = SMTPDataEncoder()
        var encoded = ByteBuffer()
        encoder.encode(ByteBuffer(bytes: bytes), into: &encoded)
        encoder.finish(into: &encoded)
        let once = self.decode([Array(encoded.readableBytesView)])
        precondition(
            once.ended && once.bareLineEndings == 0 && once.rest.isEmpty,
            "encoded DATA does not decode cleanly"
        )
        var encoder2 = SMTPDataEncoder()
        var encoded2 = ByteBuffer()
        encoder2.encode(ByteBuffer(bytes: once.content), into: &encoded2)
        encoder2.finish(into: &encoded2)
        precondition(encoded2 == encoded, "DATA encoding of a clean message is not stable")
    }

    /// Whether "\r\n.\r\n" occurs in the stream, counting the CRLF that ended the DATA command.
    private static func containsTerminator(_ bytes: [UInt8]) -> Bool {
        let stream: [UInt8] = [13, 10] + bytes
        let terminator: [UInt8] = [13, 10, UInt8(ascii: "."), 13, 10]
        return stream.count >= 5 && (0...(stream.count - 5)).contains { stream[$0..<$0 + 5].elementsEqual(terminator) }
    }

    private static func decode(
        _ pieces: [[UInt8]]
    ) -> (content: [UInt8], ended: Bool, bareLineEndings: Int, rest: [UInt8]) {
        var decoder = SMTPDataDecoder(maximumSize: 1 << 20)
        var buffer = ByteBuffer()
        var content: [UInt8] = []
        for (index, piece) in pieces.enumerated() {
            buffer.writeBytes(piece)
            while let event = decoder.next(&buffer) {
                switch event {
                case .content(let bytes):
                    content += Array(bytes.readableBytesView)
                case .end(let summary):
                    let rest = Array(buffer.readableBytesView) + pieces[(index + 1)...].flatMap { $0 }
                    return (content, true, summary.bareLineEndings, rest)
                }
            }
        }
        return (content, false, 0, [])
    }

    /// Reads a BDAT chunk whose size is the first byte; the bytes must come out unchanged.
    private static func chunk(_ bytes: [UInt8]) {
        let size = min(Int(bytes.first ?? 0), bytes.count)
        var decoder = SMTPChunkDecoder(size: size)
        var buffer = ByteBuffer(bytes: bytes)
        var content: [UInt8] = []
        while let event = decoder.next(&buffer) {
            if case .content(let piece) = event {
                content += Array(piece.readableBytesView)
            } else {
                break
            }
        }
        precondition(content == Array(bytes.prefix(size)), "BDAT chunk changed")
    }
}

#if FUZZING
/// libFuzzer's driver (`-sanitize=fuzzer` links it). SwiftPM names the executable's entry point itself,
/// so rather than libFuzzer's own `main` we start the driver from ours.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum SMTPGrammarFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = runFuzzerDriver(&argc, &argv) { data, count in
            SMTPGrammarFuzz.run(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        }
        exit(status)
    }
}
#else
@main
enum SMTPGrammarFuzzerReplay {
    /// Runs each file named on the command line through the fuzz checks.
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else {
                print("cannot open \(path)")
                continue
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while case let count = fread(&chunk, 1, chunk.count, file), count > 0 {
                bytes += chunk[..<count]
            }
            fclose(file)
            SMTPGrammarFuzz.run(bytes)
            print("\(path): ok")
        }
    }
}
#endif
