import MailMessage
import Sieve

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer entry point for the Sieve engine: the lexer, parser and validator on every input, and
/// the interpreter on every input that compiles, with invariants that trap when broken.
///
/// `scripts/fuzz-sieve.sh SECONDS` builds this with coverage instrumentation and `-DFUZZING`, where
/// `main` hands over to libFuzzer's driver. A plain `swift build` makes a replay tool instead: pass it
/// crash or corpus files and it runs each through the same checks.
enum SieveFuzz {
    static let message = Array("""
        From: Alice <alice+list@example.com>\r
        To: bob@example.org\r
        Subject: =?UTF-8?Q?caf=C3=A9?= offer\r
        Date: Sun, 29 Nov 2026 05:51:45 +0100\r
        Content-Type: multipart/mixed; boundary=b\r
        \r
        --b\r
        Content-Type: text/plain\r
        \r
        hello\r
        --b--\r

        """.utf8)

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let script: SieveScript
        do {
            script = try SieveScript(compiling: text)
        } catch {
            precondition(error.location.line >= 1 && error.location.column >= 1, "error without a position: \(error)")
            return
        }
        let environment = SieveEnvironment(
            message: MIMEMessage(parsing: message), size: message.count,
            envelopeFrom: "alice@example.com", envelopeTo: "bob@example.org"
        )
        let result = SieveInterpreter.run(script, in: environment)
        precondition(!result.actions.isEmpty, "a run must end with at least one action")
        if result.runtimeError != nil {
            precondition(result.actions == [.keep(flags: nil)], "a failed run keeps, nothing else")
        }
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
enum SieveFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = runFuzzerDriver(&argc, &argv) { data, count in
            SieveFuzz.run(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        }
        exit(status)
    }
}
#else
@main
enum SieveFuzzerReplay {
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
            SieveFuzz.run(bytes)
            print("\(path): ok")
        }
    }
}
#endif
