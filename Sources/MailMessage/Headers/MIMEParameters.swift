/// The parameters of a Content-Type or Content-Disposition value (RFC 2045 §5.1), with RFC 2231
/// continuations merged.
///
/// Plain parameters keep their order and case. RFC 2231 parameters (`name*`, `name*0`, `name*1*` …)
/// follow, sorted by name, each merged into one: `title*0*=us-ascii'en'a%20; title*1="b"` becomes
/// `title*` = `us-ascii'en'a%20b`, still percent-encoded, as IMAP BODYSTRUCTURE reports it
/// (this is Dovecot's `rfc2231_parse`). ``decodedValue(_:)`` gives the Unicode value.
public struct MIMEParameters: Sendable, Hashable, RandomAccessCollection {
    /// One parameter: name and raw value.
    public struct Parameter: Sendable, Hashable {
        /// The name's bytes as written (with a trailing `*` for merged RFC 2231 extended values).
        public var rawName: [UInt8]
        /// The value's bytes, unquoted; RFC 2231 extended values stay percent-encoded.
        public var rawValue: [UInt8]
        /// The name as a string.
        public var name: String { String(decoding: rawName, as: UTF8.self) }
        /// The value as a string (invalid UTF-8 replaced).
        public var value: String { String(decoding: rawValue, as: UTF8.self) }

        /// Creates a parameter.
        public init(name: String, value: String) {
            self.init(rawName: Array(name.utf8), rawValue: Array(value.utf8))
        }

        /// Creates a parameter from bytes.
        public init(rawName: [UInt8], rawValue: [UInt8]) {
            self.rawName = rawName
            self.rawValue = rawValue
        }
    }

    /// The parameters in order.
    public var elements: [Parameter]

    /// Creates a parameter list.
    public init(_ elements: [Parameter] = []) { self.elements = elements }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> Parameter { elements[position] }

    /// The raw value of the first parameter called `name` (ASCII case-insensitive), without RFC 2231 decoding.
    public subscript(name: String) -> String? {
        let wanted = name.lowercasedASCII()
        return elements.first { $0.name.lowercasedASCII() == wanted }?.value
    }

    /// The Unicode value of a parameter: a plain `name` (RFC 2047 encoded words decoded, a common
    /// non-standard form), or an RFC 2231 `name*` (percent-decoding and charset applied).
    /// - Parameter name: The parameter name without `*`.
    /// - Returns: The decoded value, or `nil` when the parameter is absent.
    public func decodedValue(_ name: String) -> String? {
        if let extended = self[name + "*"] {
            return RFC2231.decodeExtendedValue(extended)
        }
        guard let plain = self[name] else { return nil }
        return EncodedWords.decode(Array(plain.utf8))
    }

    /// Parses `*(";" parameter)` from the lexer's position (after the media type or disposition).
    init(lexer: inout RFC822Lexer) {
        var plain: [Parameter] = []
        var continuations: [(key: [UInt8], index: Int, extended: Bool, value: [UInt8], order: Int)] = []
        while true {
            guard let (key, value, ok) = MIMEParameters.parseOne(&lexer) else { break }
            if !ok {
                if lexer.atEnd { break }
                lexer.position += 1
                continue
            }
            if let split = RFC2231.splitKey(key) {
                continuations.append((split.name, split.index, split.extended, value, continuations.count))
            } else {
                plain.append(Parameter(rawName: key, rawValue: value))
            }
        }
        self.elements = plain + RFC2231.merge(continuations)
    }

    /// `parameter = attribute "=" value`; `nil` at the end of input, `ok == false` on a syntax error.
    private static func parseOne(_ lexer: inout RFC822Lexer) -> ([UInt8], [UInt8], ok: Bool)? {
        guard let byte = lexer.current else { return nil }
        guard byte == UInt8(ascii: ";") else { return ([], [], false) }
        lexer.position += 1
        guard lexer.skipWhitespace() == .more else { return ([], [], false) }
        var key: [UInt8] = []
        guard lexer.parseToken(into: &key) == .more, lexer.current == UInt8(ascii: "=") else { return ([], [], false) }
        lexer.position += 1
        var value: [UInt8] = []
        var step = lexer.skipWhitespace()
        if step == .more {
            if lexer.current == UInt8(ascii: "\"") {
                step = lexer.parseQuotedString(into: &value)
            } else if lexer.current == UInt8(ascii: "=") {
                // Broken but common: name==?utf-8?b?...?= (an encoded word as a token).
                while let next = lexer.current, next != UInt8(ascii: ";"), next != 0x20, next != 0x09, next != 0x0D,
                    next != 0x0A
                {
                    value.append(next)
                    lexer.position += 1
                }
            } else {
                step = lexer.parseToken(into: &value)
            }
        }
        return (key, value, step != .failed)
    }
}
