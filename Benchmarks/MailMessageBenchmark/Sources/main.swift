// MailMessage throughput: structure parse, and parse + BODYSTRUCTURE + ENVELOPE, over a directory
// of messages (one file per message). Usage:
//   swift run -c release MailMessageBenchmark DIR [ITERATIONS]
// Prints MB/s per core (single thread) for each measurement, best of ITERATIONS (default 5).
#if canImport(Glibc)
import Glibc
#endif
import MailMessage

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { return [] }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let read = fread(&chunk, 1, chunk.count, file)
        if read <= 0 { break }
        bytes += chunk[0..<read]
    }
    return bytes
}

func listFiles(_ directory: String) -> [String] {
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if !name.hasPrefix(".") { names.append(directory + "/" + name) }
    }
    return names.sorted()
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: MailMessageBenchmark DIR [ITERATIONS]")
    exit(2)
}
let iterations = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
let messages = listFiles(arguments[1]).map(readFile)
let totalBytes = messages.reduce(0) { $0 + $1.count }
let megabytes = Double(totalBytes) / 1_000_000
print("messages: \(messages.count), bytes: \(totalBytes) (\(fixed(megabytes, 1)) MB)")

/// `value` with `digits` decimals (no Foundation here).
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale)
    guard digits > 0 else { return String(whole) }
    let fraction = String(scaled % Int(scale))
    return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
}

func measure(_ label: String, _ body: () -> Int) {
    var best = Double.infinity
    var checksum = 0
    for _ in 0..<iterations {
        let clock = ContinuousClock()
        let start = clock.now
        checksum &+= body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds)
    }
    let rate = megabytes / best
    let perSecond = Double(messages.count) / best
    print("\(label): \(fixed(best, 3)) s, \(fixed(rate, 0)) MB/s, \(fixed(perSecond, 0)) messages/s (checksum \(checksum))")
}

measure("structure parse (headers + MIME tree)") {
    var parts = 0
    for bytes in messages { parts &+= MIMEMessage(parsing: bytes).root.children.count }
    return parts
}
measure("parse + BODYSTRUCTURE") {
    var size = 0
    for bytes in messages { size &+= MIMEMessage(parsing: bytes).bodyStructure(extended: true).count }
    return size
}
measure("parse + ENVELOPE + BODYSTRUCTURE") {
    var size = 0
    for bytes in messages {
        let message = MIMEMessage(parsing: bytes)
        size &+= message.envelope.encoded.count + message.bodyStructure(extended: true).count
    }
    return size
}
