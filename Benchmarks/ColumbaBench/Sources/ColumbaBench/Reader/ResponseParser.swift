import NIOCore

/// Parses one framed response (as cut by ``ResponseFramer``: CRLF-terminated, literals inline)
/// into an ``IMAPResponse``. Enough of RFC 9051's response grammar to check a server's answers:
/// status responses with their response code, and untagged data as atoms, numbers, strings,
/// literals, NIL and parenthesised lists.
public struct ResponseParser {
    /// The deepest list nesting accepted (BODYSTRUCTURE nests; nothing sane nests deeper).
    public static let maximumNesting = 64

    private let frame: ByteBufferView
    private var index: ByteBufferView.Index

    /// Parses `frame`, which must hold exactly one response.
    public static func parse(_ frame: ByteBuffer) throws(IMAPResponseError) -> IMAPResponse {
        var parser = ResponseParser(frame: frame.readableBytesView)
        return try parser.parseResponse()
    }

    private init(frame: ByteBufferView) {
        self.frame = frame
        self.index = frame.startIndex
    }

    private mutating func parseResponse() throws(IMAPResponseError) -> IMAPResponse {
        if peek == UInt8(ascii: "+") {
            index += 1
            if peek == UInt8(ascii: " ") { index += 1 }
            let text = restOfLine()
            try expectEnd()
            return .continuation(text)
        }
        let tag = word()
        try expect(UInt8(ascii: " "))
        if tag == "*" {
            return try parseUntagged()
        }
        guard !tag.isEmpty else { throw failure("missing tag") }
        let status = try parseStatus(kind: word().uppercased())
        guard status.kind != .bye, status.kind != .preauth else {
            throw failure("\(status.kind.rawValue) in a tagged response")
        }
        return .tagged(tag: tag, status)
    }

    private mutating func parseUntagged() throws(IMAPResponseError) -> IMAPResponse {
        let first = word()
        if StatusKind(rawValue: first.uppercased()) != nil {
            return .untaggedStatus(try parseStatus(kind: first.uppercased()))
        }
        if let number = Int(first) {
            try expect(UInt8(ascii: " "))
            let keyword = word().uppercased()
            switch keyword {
            case "EXISTS": try expectEnd(); return .untaggedData(.exists(number))
            case "RECENT": try expectEnd(); return .untaggedData(.recent(number))
            case "EXPUNGE": try expectEnd(); return .untaggedData(.expunge(number))
            case "FETCH":
                try expect(UInt8(ascii: " "))
                let attributes = try parseFetchAttributes()
                try expectEnd()
                return .untaggedData(.fetch(sequence: number, attributes: attributes))
            default:
                let values = try parseValues()
                return .untaggedData(.other(keyword: keyword, values: [.number(UInt64(number))] + values))
            }
        }
        let keyword = first.uppercased()
        let values = try parseValues()
        switch keyword {
        case "SEARCH":
            var numbers: [UInt32] = []
            for value in values {
                // RFC 7162's `(MODSEQ n)` may close a SEARCH answer; anything else must be a number.
                if case .list = value, value == values.last { continue }
                guard let number = value.number, number > 0, number <= UInt64(UInt32.max) else {
                    throw failure("SEARCH result that is not a message number")
                }
                numbers.append(UInt32(number))
            }
            return .untaggedData(.search(numbers))
        case "CAPABILITY":
            return .untaggedData(.capability(values.compactMap { value in
                if case .atom(let atom) = value { return atom.uppercased() }
                return nil
            }))
        default:
            return .untaggedData(.other(keyword: keyword, values: values))
        }
    }

    /// resp-text after the condition word: `[code] text`, either part optional.
    private mutating func parseStatus(kind word: String) throws(IMAPResponseError) -> StatusResponse {
        guard let kind = StatusKind(rawValue: word) else { throw failure("unknown status \"\(word)\"") }
        var code: String?
        if peek == UInt8(ascii: " ") { index += 1 }
        if peek == UInt8(ascii: "[") {
            let start = index + 1
            guard let close = frame[start...].firstIndex(of: UInt8(ascii: "]")), close < lineEnd else {
                throw failure("unterminated response code")
            }
            code = String(decoding: frame[start..<close], as: UTF8.self)
            index = close + 1
            if peek == UInt8(ascii: " ") { index += 1 }
        }
        let text = restOfLine()
        try expectEnd()
        return StatusResponse(kind: kind, code: code, text: text)
    }

    /// `(name value name value ...)` of a FETCH response.
    private mutating func parseFetchAttributes() throws(IMAPResponseError) -> [String: IMAPValue] {
        guard case .list(let values) = try parseValue(depth: 0), values.count % 2 == 0 else {
            throw failure("FETCH data is not a list of name/value pairs")
        }
        var attributes: [String: IMAPValue] = [:]
        for pair in stride(from: 0, to: values.count, by: 2) {
            guard case .atom(let name) = values[pair] else { throw failure("FETCH item name is not an atom") }
            attributes[name.uppercased()] = values[pair + 1]
        }
        return attributes
    }

    /// Space-separated values up to the final CRLF.
    private mutating func parseValues() throws(IMAPResponseError) -> [IMAPValue] {
        var values: [IMAPValue] = []
        while peek == UInt8(ascii: " ") {
            index += 1
            if isAtLineEnd { break }  // a trailing space, as some servers send after SEARCH
            values.append(try parseValue(depth: 0))
        }
        try expectEnd()
        return values
    }

    private mutating func parseValue(depth: Int) throws(IMAPResponseError) -> IMAPValue {
        guard let byte = peek else { throw failure("response ends inside data") }
        switch byte {
        case UInt8(ascii: "("):
            guard depth < Self.maximumNesting else { throw failure("lists nested too deeply") }
            index += 1
            var values: [IMAPValue] = []
            while peek != UInt8(ascii: ")") {
                if !values.isEmpty { try expect(UInt8(ascii: " ")) }
                values.append(try parseValue(depth: depth + 1))
            }
            index += 1
            return .list(values)
        case UInt8(ascii: "\""):
            return .string(try parseQuoted())
        case UInt8(ascii: "{"):
            return .string(try parseLiteral())
        default:
            let atom = try parseAtom()
            if atom.uppercased() == "NIL" { return .nilValue }
            if atom.utf8.count <= 19, atom.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
               let number = UInt64(atom) {
                return .number(number)
            }
            return .atom(atom)
        }
    }

    private mutating func parseQuoted() throws(IMAPResponseError) -> ByteBuffer {
        index += 1
        var bytes = ByteBuffer()
        while let byte = peek, byte != UInt8(ascii: "\r") {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return bytes
            case UInt8(ascii: "\\"):
                guard let escaped = peek, escaped == UInt8(ascii: "\\") || escaped == UInt8(ascii: "\"") else {
                    throw failure("bad escape in quoted string")
                }
                index += 1
                bytes.writeInteger(escaped)
            default:
                bytes.writeInteger(byte)
            }
        }
        throw failure("unterminated quoted string")
    }

    private mutating func parseLiteral() throws(IMAPResponseError) -> ByteBuffer {
        guard let close = frame[index...].firstIndex(of: UInt8(ascii: "}")),
              let size = Int(String(decoding: frame[(index + 1)..<close], as: UTF8.self)), size >= 0,
              close + 2 < frame.endIndex,
              frame[close + 1] == UInt8(ascii: "\r"), frame[close + 2] == UInt8(ascii: "\n")
        else { throw failure("malformed literal") }
        let start = close + 3
        guard frame.endIndex - start >= size else { throw failure("literal longer than the response") }
        index = start + size
        return ByteBuffer(frame[start..<(start + size)])
    }

    /// An atom; a `[...]` section inside it (`BODY[HEADER.FIELDS (FROM TO)]`) may hold spaces.
    private mutating func parseAtom() throws(IMAPResponseError) -> String {
        let start = index
        while let byte = peek {
            if byte == UInt8(ascii: "[") {
                guard let close = frame[index...].firstIndex(of: UInt8(ascii: "]")), close < lineEnd else {
                    throw failure("unterminated section")
                }
                index = close + 1
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
                || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "{") || byte < 0x20 {
                break
            }
            index += 1
        }
        guard index > start else { throw failure("expected a value") }
        return String(decoding: frame[start..<index], as: UTF8.self)
    }

    // MARK: - Cursor

    private var peek: UInt8? { index < frame.endIndex ? frame[index] : nil }

    /// The CR of the current line's CRLF.
    private var lineEnd: ByteBufferView.Index {
        frame[index...].firstIndex(of: UInt8(ascii: "\r")) ?? frame.endIndex
    }

    private var isAtLineEnd: Bool { peek == UInt8(ascii: "\r") }

    /// Bytes up to the next space or CRLF.
    private mutating func word() -> String {
        let start = index
        while let byte = peek, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\r") { index += 1 }
        return String(decoding: frame[start..<index], as: UTF8.self)
    }

    /// The rest of the line as text, up to (not including) its CRLF.
    private mutating func restOfLine() -> String {
        let end = lineEnd
        let text = String(decoding: frame[index..<end], as: UTF8.self)
        index = end
        return text
    }

    private mutating func expect(_ byte: UInt8) throws(IMAPResponseError) {
        guard peek == byte else {
            throw failure("expected \"\(Unicode.Scalar(byte))\"")
        }
        index += 1
    }

    private func expectEnd() throws(IMAPResponseError) {
        guard frame.endIndex - index == 2, isAtLineEnd, frame[index + 1] == UInt8(ascii: "\n") else {
            throw failure("unexpected data before the end of the response")
        }
    }

    private func failure(_ reason: String) -> IMAPResponseError {
        IMAPResponseError(reason, excerpt: printable(frame.prefix(200)))
    }
}
