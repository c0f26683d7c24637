/// The test runner's mail store: mailboxes with their messages and flags, in memory. `INBOX` always
/// exists and its name is case-insensitive; the hierarchy separator is `.`.
struct SieveTestMailStore {
    struct StoredMessage {
        var bytes: [UInt8]
        var flags: Set<String>
    }

    private var mailboxes: [String: [StoredMessage]] = ["INBOX": []]

    /// The names of the mailboxes, for `mailboxexists`.
    var names: Set<String> { Set(mailboxes.keys) }

    private static func key(_ name: String) -> String {
        name.uppercased() == "INBOX" ? "INBOX" : name
    }

    /// Whether `name` can name a mailbox: not empty, no empty level, no control characters.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty)
            && name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }

    func exists(_ name: String) -> Bool { mailboxes[Self.key(name)] != nil }

    /// Creates the mailbox unless it exists.
    mutating func create(_ name: String) {
        if mailboxes[Self.key(name)] == nil { mailboxes[Self.key(name)] = [] }
    }

    func messages(in name: String) -> [StoredMessage]? { mailboxes[Self.key(name)] }

    mutating func append(_ bytes: [UInt8], flags: Set<String>, to name: String) {
        mailboxes[Self.key(name), default: []].append(StoredMessage(bytes: bytes, flags: flags))
    }

    /// `text` with every bare LF made CRLF, as messages in test scripts are written with LF.
    static func crlf(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\n", previous != "\r" { result.append("\r") }
            result.append(scalar)
            previous = scalar
        }
        return String(result)
    }

    /// An SMTP path as `test_set` takes it: angle brackets optional, `<>` or empty the null path.
    static func smtpPath(_ value: String) -> String {
        var path = value.trimmingSpaces
        if path.hasPrefix("<"), path.hasSuffix(">"), path.count >= 2 {
            path = String(path.dropFirst().dropLast())
        }
        return path
    }
}

/// A message the engine handed to its SMTP submitter, one per recipient.
struct SieveTestOutgoingMessage {
    /// MAIL FROM; empty for the null sender.
    var from: String
    /// RCPT TO.
    var to: String
    var bytes: [UInt8]
}
