import IMAPGrammar
import struct NIOCore.ByteBuffer

/// libFuzzer entry point for the IMAP command parser.
///
/// Built by `scripts/fuzz-imapgrammar.sh` with `-sanitize=fuzzer -DFUZZING`, where libFuzzer
/// supplies `main`. In a plain `swift build` the `@main` below replays files given as arguments
/// (for reproducing a crash: `swift run IMAPGrammarFuzzer crash-<hash>`).
///
/// Besides "no crash, no hang", it checks one invariant: feeding the input whole and in chunks
/// (sizes taken from the input itself) yields the same events.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    fuzz(bytes)
    return 0
}

/// Small limits so the fuzzer reaches them.
let limits = IMAPLimits(maximumLineLength: 512, maximumLiteralSize: 2048, maximumLiteralsPerCommand: 8, maximumNestingDepth: 16)

func events(_ bytes: [UInt8], chunkSeed: UInt8?, mode: CommandParser.Mode, utf8Accept: Bool) -> [CommandParser.Event] {
    var parser = CommandParser(limits: limits, options: ParserOptions(utf8Accept: utf8Accept))
    parser.mode = mode
    var result: [CommandParser.Event] = []
    var offset = 0
    var seed = UInt32(chunkSeed ?? 0)
    while offset < bytes.count {
        var size = bytes.count - offset
        if chunkSeed != nil {
            seed = seed &* 1_103_515_245 &+ 12_345
            size = Swift.min(size, Int(seed >> 16) % 13 + 1)
        }
        parser.append(ByteBuffer(bytes: bytes[offset..<offset + size]))
        offset += size
        while let event = parser.nextEvent() { result.append(event) }
    }
    return result
}

/// Like `precondition`, but keeps its message in release builds.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

func fuzz(_ bytes: [UInt8]) {
    guard let control = bytes.first else { return }
    let input = Array(bytes.dropFirst())
    let mode: CommandParser.Mode = control & 0x3 == 1 ? .idle : control & 0x3 == 2 ? .authenticate : .command
    let utf8Accept = control & 0x4 != 0
    let whole = events(input, chunkSeed: nil, mode: mode, utf8Accept: utf8Accept)
    let chunked = events(input, chunkSeed: control, mode: mode, utf8Accept: utf8Accept)
    check(whole == chunked, "whole and chunked parses differ: \(whole) vs \(chunked)")

    // The grammar alone, on the raw bytes (no framing, so no limits but the parser's own).
    var buffer = ByteBuffer(bytes: input)
    while buffer.readableBytes > 0 {
        let before = buffer.readableBytes
        guard (try? CommandParser.parseCommand(from: &buffer, limits: limits)) != nil else { break }
        check(buffer.readableBytes < before, "a parsed command consumed nothing")
    }

    // Round trip: every parsed command, encoded again, parses to the same value. Re-parsed with
    // roomier line and literal limits, since the encoder may choose other string forms.
    let roomy = IMAPLimits(maximumLineLength: 1 << 20, maximumLiteralSize: 1 << 20, maximumLiteralsPerCommand: 1000, maximumNestingDepth: limits.maximumNestingDepth)
    for case .command(let command) in whole {
        let encoded = command.encoded(options: EncodingOptions(utf8Accept: utf8Accept, nonSynchronizingLiterals: control & 0x8 != 0))
        var parser = CommandParser(limits: roomy, options: ParserOptions(utf8Accept: utf8Accept))
        parser.append(encoded)
        var reparsed: [CommandParser.Event] = []
        while let event = parser.nextEvent() {
            if case .continuationRequest = event { continue }
            reparsed.append(event)
        }
        check(reparsed == [.command(command)], "round trip differs: \(command) -> \(String(buffer: encoded)) -> \(reparsed)")
    }
}

#if FUZZING
// SwiftPM links executables with `main` aliased to `<module>_main` (so tests can import them),
// which hides libFuzzer's own `main`. Provide that symbol and hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

@_cdecl("IMAPGrammarFuzzer_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzOneInput(data, count) }
}
#else
@main
struct IMAPGrammarFuzzerReplay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
            var data: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let read = fread(&chunk, 1, chunk.count, file)
                if read <= 0 { break }
                data += chunk[0..<read]
            }
            fclose(file)
            fuzz(data)
            print("\(path): ok")
        }
    }
}
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
