/// One Received trace field (RFC 5321 §4.4, RFC 5322 §3.6.7): its clauses and date.
public struct ReceivedField: Sendable, Hashable {
    /// The `from` clause (the sending host as it named itself, with any comment), if present.
    public var from: String?
    /// The `by` clause (the receiving host).
    public var by: String?
    /// The `via` clause.
    public var via: String?
    /// The `with` clause (protocol: SMTP, ESMTPS, LMTP …).
    public var with: String?
    /// The `id` clause.
    public var id: String?
    /// The `for` clause (recipient).
    public var recipient: String?
    /// The date after the last `;`.
    public var date: MessageDate?

    /// Parses a Received value; unknown words are skipped.
    public init(parsing value: [UInt8]) {
        let unfolded = HeaderText.unfold(value)
        let semicolon = unfolded.lastIndex(of: UInt8(ascii: ";"))
        date = semicolon.flatMap { MessageDate(parsing: Array(unfolded[($0 + 1)...])) }
        let clauses = Array(unfolded[..<(semicolon ?? unfolded.count)])
        // Split into words, keeping comments attached to the word before them.
        var words: [String] = []
        var current: [UInt8] = []
        var depth = 0
        for byte in clauses {
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") { depth = max(0, depth - 1) }
            if depth == 0, byte == 0x20 || byte == 0x09 {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll()
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        var index = 0
        while index < words.count {
            let keyword = words[index].lowercasedASCII()
            var values: [String] = []
            var next = index + 1
            while next < words.count, !["from", "by", "via", "with", "id", "for"].contains(words[next].lowercasedASCII()) {
                values.append(words[next])
                next += 1
            }
            let joined = values.isEmpty ? nil : values.joined(separator: " ")
            switch keyword {
            case "from": from = from ?? joined
            case "by": by = by ?? joined
            case "via": via = via ?? joined
            case "with": with = with ?? joined
            case "id": id = id ?? joined
            case "for": recipient = recipient ?? joined
            default: break
            }
            index = next
        }
    }
}

extension MIMEMessage {
    /// The Received chain, most recent (topmost) first.
    public var receivedChain: [ReceivedField] { fields(named: "Received").map { ReceivedField(parsing: rawValue(of: $0)) } }
}
