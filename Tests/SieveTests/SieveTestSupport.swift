import MailMessage
import Sieve

/// Compiles `script` and runs it on `message` (header and body with CRLF line ends).
/// - Parameter configure: adjusts the environment (time, zone, items, mailboxes, scores).
func runSieve(
    _ script: String,
    on message: String,
    from: String = "",
    to: String = "u@example.org",
    configure: (inout SieveEnvironment) -> Void = { _ in }
) throws -> SieveResult {
    let bytes = Array(message.utf8)
    var environment = SieveEnvironment(message: MIMEMessage(parsing: bytes), size: bytes.count, envelopeFrom: from, envelopeTo: to)
    configure(&environment)
    return SieveInterpreter.run(try SieveScript(compiling: script), in: environment)
}

/// Whether `test` holds on `message`: runs `require [extensions, "fileinto"]; if test { fileinto "Hit"; }`.
func sieveTestHolds(
    _ test: String,
    requiring extensions: [String],
    on message: String,
    to: String = "u@example.org",
    configure: (inout SieveEnvironment) -> Void = { _ in }
) throws -> Bool {
    let required = (extensions + ["fileinto"]).map { "\"\($0)\"" }.joined(separator: ", ")
    let script = "require [\(required)];\nif \(test) { fileinto \"Hit\"; }"
    return try runSieve(script, on: message, to: to, configure: configure).actions
        == [.fileInto(mailbox: "Hit", flags: nil, create: false)]
}
