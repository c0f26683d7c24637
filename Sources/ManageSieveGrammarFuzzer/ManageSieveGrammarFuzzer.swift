import ManageSieveGrammar
import struct NIOCore.ByteBuffer

/// libFuzzer entry point for the ManageSieve framing parser, command parser and string encoder.
///
/// Built by `scripts/fuzz-managesievegrammar.sh` with `-sanitize=fuzzer -DFUZZING`, where
/// libFuzzer supplies `main`. In a plain `swift build` the `@main` below replays files given as
/// arguments (`swift run ManageSieveGrammarFuzzer crash-<hash>`).
///
/// Besides "no crash, no hang", it checks two invariants: feeding the input whole and in chunks
/// (sizes taken from the input itself) yields the same events, and a string the server writes
/// (quoted or literal) parses back to the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    fuzz(Array(UnsafeRawBufferPointer(start: start, count: count)))
    return 0
}

/// Small limits so the fuzzer reaches them.
let limits = ManageSieveLimits(maximumLineLength: 256, maximumLiteralSize: 512, maximumLiterals: 3)

func events(_ bytes: [UInt8], chunkSeed: UInt8?) -> [FramingEvent] {
    var parser = FramingParser(limits: limits)
    var result: [FramingEvent] = []
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
    let whole = events(input, chunkSeed: nil)
    let chunked = events(input, chunkSeed: control)
    check(whole == chunked, "whole and chunked framing differ: \(whole) vs \(chunked)")
    for case .frame(let frame) in whole {
        _ = CommandParser.parseCommand(frame)
        _ = CommandParser.parseSASLResponse(frame)
    }

    // The server's strings parse back: NOOP with the input as its tag.
    guard let text = String(validating: input, as: UTF8.self) else { return }
    var encoded = ByteBuffer(string: "NOOP ")
    encoded.writeManageSieveString(text)
    let parsed = CommandParser.parseCommand(Array(encoded.readableBytesView))
    check(parsed == .success(.noop(tag: text)), "string round trip differs: \(text) -> \(String(buffer: encoded)) -> \(parsed)")
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

@_cdecl("ManageSieveGrammarFuzzer_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzOneInput(data, count) }
}
#else
@main
struct ManageSieveGrammarFuzzerReplay {
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
