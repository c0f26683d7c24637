/// An IMAP `section` (RFC 3501 §6.4.5, RFC 9051 §6.4.5): a part path and what to take from it.
///
/// ```
/// section-spec    = section-msgtext / (section-part ["." section-text])
/// section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
/// section-part    = nz-number *("." nz-number)
/// section-text    = section-msgtext / "MIME"
/// ```
public struct SectionSpecifier: Sendable, Hashable {
    /// What is taken from the addressed part.
    public enum Kind: Sendable, Hashable {
        /// The part's body (or the whole message for an empty section).
        case complete
        /// The header of the (encapsulated) message.
        case header
        /// Only the named header fields.
        case headerFields([String])
        /// All header fields except the named ones.
        case headerFieldsNot([String])
        /// The body of the (encapsulated) message.
        case text
        /// The MIME header of the part.
        case mime
    }

    /// The part path, e.g. `[1, 2]` for `1.2`; empty for the top-level message.
    public var part: [Int]
    /// What to take.
    public var kind: Kind

    /// Creates a section.
    public init(part: [Int] = [], kind: Kind = .complete) {
        self.part = part
        self.kind = kind
    }

    /// A section text that could not be parsed.
    public struct ParseError: Error, Hashable {
        /// The offending text.
        public var text: String
    }

    /// Parses the text between `[` and `]`, e.g. `1.2.HEADER.FIELDS (From To)`.
    /// - Throws: ``ParseError`` for invalid syntax.
    public init(_ text: String) throws {
        var rest = Substring(text)
        var part: [Int] = []
        while let first = rest.first, first.isASCII, first.isNumber {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits), number > 0, digits.count < 10 else { throw ParseError(text: text) }
            part.append(number)
            rest = rest.dropFirst(digits.count)
            if rest.first == "." {
                rest = rest.dropFirst()
                if rest.isEmpty { throw ParseError(text: text) }
            } else {
                break
            }
        }
        self.part = part
        let upper = rest.uppercased()
        switch upper {
        case "":
            kind = .complete
        case "HEADER":
            kind = .header
        case "TEXT":
            kind = .text
        case "MIME" where !part.isEmpty:
            kind = .mime
        default:
            if upper.hasPrefix("HEADER.FIELDS.NOT ") {
                kind = .headerFieldsNot(try Self.parseList(rest.dropFirst(18), text: text))
            } else if upper.hasPrefix("HEADER.FIELDS ") {
                kind = .headerFields(try Self.parseList(rest.dropFirst(14), text: text))
            } else {
                throw ParseError(text: text)
            }
        }
    }

    /// `header-list = "(" header-fld-name *(SP header-fld-name) ")"`
    private static func parseList(_ list: Substring, text: String) throws -> [String] {
        let trimmed = list.drop { $0 == " " }
        guard trimmed.first == "(", trimmed.last == ")" else { throw ParseError(text: text) }
        let names = trimmed.dropFirst().dropLast().split(separator: " ").map { name -> String in
            name.count >= 2 && name.first == "\"" && name.last == "\"" ? String(name.dropFirst().dropLast()) : String(name)
        }
        guard !names.isEmpty else { throw ParseError(text: text) }
        return names
    }
}
