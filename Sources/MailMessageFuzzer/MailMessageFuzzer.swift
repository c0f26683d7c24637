#if canImport(Glibc)
import Glibc
#endif
import MailMessage

/// Runs every MailMessage entry point a server uses on one input, and checks the tree's invariants.
func fuzzOne(_ bytes: [UInt8]) {
    let message = MIMEMessage(parsing: bytes)
    check(message.root, within: 0..<bytes.count)
    _ = message.envelope.encoded
    _ = message.bodyStructure(extended: true)
    _ = message.bodyStructure(extended: false)
    _ = message.virtualSize
    var paths: [[Int]] = [[]]
    collectPaths(message.root, prefix: [], into: &paths)
    for path in paths.prefix(64) {
        for kind: SectionSpecifier.Kind in [.complete, .mime, .header, .text, .headerFields(["From", "Subject"]),
            .headerFieldsNot(["Received"])]
        {
            if path.isEmpty, kind == .mime { continue }
            _ = message.section(SectionSpecifier(part: path, kind: kind), partial: (offset: 3, length: 100))
        }
        _ = message.binary(path)
    }
    _ = message.decodedTextParts
    _ = message.baseSubject
    _ = message.displaySortKey("From")
    _ = message.references
    _ = message.date
    _ = message.receivedChain
    _ = message.dkimBody(.relaxed)
    _ = message.dkimBody(.simple)
    for field in message.root.fields.prefix(32) {
        let value = message.rawValue(of: field)
        _ = EncodedWords.decode(value)
        _ = MailAddress.parseList(value)
        _ = ContentType(parsing: value)
        _ = DKIMCanonicalization.relaxed.canonicalizeHeader(Array(bytes[field.range]))
    }
    _ = try? SectionSpecifier(String(decoding: bytes.prefix(64), as: UTF8.self))
}

func check(_ part: MIMEPart, within range: Range<Int>) {
    precondition(part.headerRange.lowerBound >= range.lowerBound && part.bodyRange.upperBound <= range.upperBound)
    precondition(part.headerRange.upperBound <= part.bodyRange.lowerBound)
    precondition(part.kind != .message || part.children.count == 1)
    for child in part.children { check(child, within: part.bodyRange) }
}

func collectPaths(_ part: MIMEPart, prefix: [Int], into paths: inout [[Int]]) {
    guard paths.count < 64 else { return }
    switch part.kind {
    case .multipart:
        for (index, child) in part.children.enumerated() {
            paths.append(prefix + [index + 1])
            let next = child.kind == .message ? child.children[0] : child
            if child.kind != .single { collectPaths(next, prefix: prefix + [index + 1], into: &paths) }
        }
    case .message:
        paths.append(prefix + [1])
        collectPaths(part.children[0], prefix: prefix + [1], into: &paths)
    case .single:
        paths.append(prefix + [1])
    }
}

#if FUZZING
/// libFuzzer entry point (built with `-sanitize=fuzzer`, see scripts/fuzz-mailmessage.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMailMessage(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    fuzzOne(Array(UnsafeBufferPointer(start: start, count: count)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links executables with `main` renamed to `<target>_main`; hand control to libFuzzer's driver.
@_cdecl("MailMessageFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runFuzzerDriver(&count, &vector, fuzzMailMessage)
}
#else
/// Without libFuzzer: replays the files named on the command line (crash reproducers, the corpus).
/// With `--views` first, prints each file's ENVELOPE and BODYSTRUCTURE instead, one record per
/// file (`@@ <path> <field> <byte count>` LF, value, LF), for scripts/dovecot-differential.sh.
@main
struct MailMessageFuzzerReplay {
    static func main() {
        var paths = Array(CommandLine.arguments.dropFirst())
        let printViews = paths.first == "--views"
        if printViews { paths.removeFirst() }
        for path in paths {
            guard let file = fopen(path, "rb") else { continue }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let read = fread(&chunk, 1, chunk.count, file)
                if read <= 0 { break }
                bytes += chunk[0..<read]
            }
            fclose(file)
            if printViews {
                let message = MIMEMessage(parsing: bytes)
                for (field, value) in [("imap.envelope", message.envelope.encoded),
                    ("imap.bodystructure", message.bodyStructure(extended: true))]
                {
                    let record = Array("@@ \(path) \(field) \(value.count)\n".utf8) + value + [0x0A]
                    _ = record.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
                }
            } else {
                fuzzOne(bytes)
            }
        }
    }
}
#endif
