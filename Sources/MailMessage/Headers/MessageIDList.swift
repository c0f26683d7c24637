/// Message-ID lists: Message-ID, In-Reply-To and References (RFC 5322 §3.6.4), obsolete forms
/// included (phrases between ids, comments and white space inside an id).
public enum MessageIDList {
    /// The ids in a header value, in order, each as `local@domain` without angle brackets,
    /// comments and white space removed.
    /// - Parameter value: The raw header value.
    public static func parse(_ value: [UInt8]) -> [String] {
        var ids: [String] = []
        var index = 0
        var depth = 0
        while index < value.count {
            let byte = value[index]
            if byte == UInt8(ascii: "(") { depth += 1 } else if byte == UInt8(ascii: ")") { depth = max(0, depth - 1) }
            if depth == 0, byte == UInt8(ascii: "<") {
                var id: [UInt8] = []
                var inner = index + 1
                var innerDepth = 0
                while inner < value.count, value[inner] != UInt8(ascii: ">") || innerDepth > 0 {
                    let c = value[inner]
                    if c == UInt8(ascii: "(") {
                        innerDepth += 1
                    } else if c == UInt8(ascii: ")") {
                        innerDepth = max(0, innerDepth - 1)
                    } else if innerDepth == 0, c != 0x20, c != 0x09, c != 0x0D, c != 0x0A, c != UInt8(ascii: "\"") {
                        id.append(c)
                    }
                    inner += 1
                }
                if inner < value.count, !id.isEmpty { ids.append(String(decoding: id, as: UTF8.self)) }
                index = inner + 1
                continue
            }
            index += 1
        }
        return ids
    }
}

extension MIMEMessage {
    /// The Message-ID, without angle brackets.
    public var messageID: String? { fields(named: "Message-ID").last.flatMap { MessageIDList.parse(rawValue(of: $0)).first } }
    /// The ids of In-Reply-To.
    public var inReplyTo: [String] { fields(named: "In-Reply-To").flatMap { MessageIDList.parse(rawValue(of: $0)) } }
    /// The ids of References, oldest first.
    public var references: [String] { fields(named: "References").flatMap { MessageIDList.parse(rawValue(of: $0)) } }
    /// The parsed Date header, if valid.
    public var date: MessageDate? { fields(named: "Date").last.flatMap { MessageDate(parsing: rawValue(of: $0)) } }
}
