/// The Content-* fields of one part that BODYSTRUCTURE reports (RFC 2045, RFC 2183, RFC 3066,
/// RFC 2557), first occurrence of each, values raw as Dovecot keeps them.
struct MIMEFields {
    var id: [UInt8]?
    var description: [UInt8]?
    var transferEncoding: [UInt8]?
    var md5: [UInt8]?
    var disposition: ContentDisposition?
    var languages: [[UInt8]]?
    var location: [UInt8]?

    /// The Content-* fields of a part; none when the part ignores them (see ``MIMEPart/usesContentFields``)
    /// unless `always` (BINARY decodes by Content-Transfer-Encoding even then, as Dovecot does).
    init(bytes: [UInt8], part: MIMEPart, always: Bool = false) {
        guard part.usesContentFields || always else { return }
        bytes.withUnsafeBufferPointer { buffer in
            for field in part.fields where field.hasColon {
                let name = buffer[field.nameRange]
                guard name.count > 8, StructureParser.equalsIgnoringCase(name.prefix(8), "content-") else { continue }
                let rest = name.dropFirst(8)
                // Plain strings get NUL replaced by U+FFFD; structured values are lexed raw.
                let value = { HeaderText.replacingNUL(Array(buffer[field.valueRange])) }
                let raw = { Array(buffer[field.valueRange]) }
                if id == nil, StructureParser.equalsIgnoringCase(rest, "id") {
                    id = value()
                } else if description == nil, StructureParser.equalsIgnoringCase(rest, "description") {
                    description = value()
                } else if md5 == nil, StructureParser.equalsIgnoringCase(rest, "md5") {
                    md5 = value()
                } else if location == nil, StructureParser.equalsIgnoringCase(rest, "location") {
                    location = value()
                } else if transferEncoding == nil, StructureParser.equalsIgnoringCase(rest, "transfer-encoding") {
                    transferEncoding = Self.parseTransferEncoding(raw())
                } else if disposition == nil, StructureParser.equalsIgnoringCase(rest, "disposition") {
                    disposition = ContentDisposition(parsing: raw())
                } else if languages == nil, StructureParser.equalsIgnoringCase(rest, "language") {
                    languages = Self.parseLanguages(raw())
                }
            }
        }
    }

    /// `mechanism = token`, kept only if nothing else follows.
    static func parseTransferEncoding(_ value: [UInt8]) -> [UInt8]? {
        var lexer = RFC822Lexer(value)
        lexer.skipWhitespace()
        var token: [UInt8] = []
        guard lexer.parseToken(into: &token) != .failed, lexer.skipWhitespace() == .end, !token.isEmpty else {
            return nil
        }
        return token
    }

    /// `Language-List = Language-Tag *("," Language-Tag)` (RFC 3282), comments allowed.
    static func parseLanguages(_ value: [UInt8]) -> [[UInt8]] {
        var lexer = RFC822Lexer(value)
        lexer.skipWhitespace()
        var languages: [[UInt8]] = []
        while !lexer.atEnd {
            var atom: [UInt8] = []
            guard lexer.parseAtom(into: &atom) != .failed else { break }
            languages.append(atom)
            guard lexer.current == UInt8(ascii: ",") else { break }
            lexer.position += 1
            lexer.skipWhitespace()
        }
        return languages
    }
}
