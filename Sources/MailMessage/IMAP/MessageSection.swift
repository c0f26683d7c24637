/// BODY[section]<partial>, BINARY[section], BINARY.SIZE and part lookup (RFC 3501 §6.4.5,
/// RFC 3516, RFC 9051 §6.4.5). Sections are slices of the parsed ranges, with every bare LF sent as
/// CRLF as IMAP requires. A section that does not exist is empty, as in Dovecot.
extension MIMEMessage {
    /// The part a part path addresses, following RFC 3501's numbering: a non-multipart message has
    /// only part 1 (itself); a message/rfc822 part continues into its encapsulated message.
    /// - Parameter path: The part numbers; empty for the top-level message.
    /// - Returns: The part, or `nil` if it does not exist.
    public func part(at path: [Int]) -> MIMEPart? {
        var part = root
        for (index, number) in path.enumerated() {
            let more = index + 1 < path.count
            if part.kind == .multipart {
                guard number >= 1, number <= part.children.count else { return nil }
                part = part.children[number - 1]
            } else {
                guard number == 1 else { return nil }
                if more && part.kind != .message { return nil }
            }
            if more, part.kind == .message, let child = part.children.first {
                part = child
            }
        }
        return part
    }

    /// The byte ranges of a section before CRLF conversion (header fields may be several ranges).
    /// - Returns: The ranges plus whether an empty line must be appended (HEADER.FIELDS forms); `nil` if absent.
    public func sectionRanges(_ section: SectionSpecifier) -> (ranges: [Range<Int>], appendEmptyLine: Bool)? {
        guard let part = part(at: section.part) else { return nil }
        switch section.kind {
        case .complete:
            return ([section.part.isEmpty ? 0..<bytes.count : part.bodyRange], false)
        case .mime:
            return ([part.headerRange], false)
        case .header, .text, .headerFields, .headerFieldsNot:
            let message: MIMEPart
            if section.part.isEmpty {
                message = root
            } else {
                guard part.kind == .message, let child = part.children.first else { return nil }
                message = child
            }
            switch section.kind {
            case .header:
                return ([message.headerRange], false)
            case .text:
                return ([message.bodyRange], false)
            case .headerFields(let names):
                return (fieldRanges(message, names: names, matching: true), true)
            case .headerFieldsNot(let names):
                return (fieldRanges(message, names: names, matching: false), true)
            default:
                return nil
            }
        }
    }

    private func fieldRanges(_ part: MIMEPart, names: [String], matching: Bool) -> [Range<Int>] {
        let wanted = names.map { Array($0.utf8) }
        return bytes.withUnsafeBufferPointer { buffer in
            part.fields.filter { field in
                let hit = wanted.contains { Self.equalFold(buffer[field.nameRange], $0) }
                return hit == matching && !field.nameRange.isEmpty
            }.map(\.range)
        }
    }

    /// BODY[section]<partial> content as sent to an IMAP client.
    /// - Parameters:
    ///   - section: The section.
    ///   - partial: `<offset.length>`: the bytes from `offset`, at most `length` of them.
    /// - Returns: The content in CRLF form; empty when the section does not exist.
    public func section(_ section: SectionSpecifier, partial: (offset: Int, length: Int)? = nil) -> [UInt8] {
        guard let (ranges, appendEmptyLine) = sectionRanges(section) else { return [] }
        var out: [UInt8] = []
        for range in ranges {
            Self.appendCRLF(bytes, range, to: &out)
            if appendEmptyLine, out.last != 0x0A { out += [0x0D, 0x0A] }
        }
        if appendEmptyLine { out += [0x0D, 0x0A] }
        // A literal cannot carry NUL (RFC 3501 §4.3); like Dovecot, send 0x80 instead.
        for index in out.indices where out[index] == 0 { out[index] = 0x80 }
        return Self.applyPartial(out, partial)
    }

    /// BINARY[section]<partial> (RFC 3516): the part body with its Content-Transfer-Encoding removed.
    /// Multipart and message/rfc822 parts are returned as they are (in CRLF form), as Dovecot does.
    /// - Returns: The decoded bytes; `nil` for an unknown encoding (`UNKNOWN-CTE`).
    public func binary(_ path: [Int], partial: (offset: Int, length: Int)? = nil) -> [UInt8]? {
        guard let part = part(at: path) else { return [] }
        if path.isEmpty { return Self.applyPartial(section(SectionSpecifier()), partial) }
        if part.kind != .single {
            var out: [UInt8] = []
            Self.appendCRLF(bytes, part.bodyRange, to: &out)
            return Self.applyPartial(out, partial)
        }
        let mime = MIMEFields(bytes: bytes, part: part, always: true)
        let encoding = mime.transferEncoding.map { String(decoding: $0, as: UTF8.self).lowercasedASCII() } ?? "7bit"
        let decoded: [UInt8]
        switch encoding {
        case "base64":
            decoded = Base64.decode(bytes[part.bodyRange])
        case "quoted-printable":
            decoded = QuotedPrintable.decode(bytes[part.bodyRange])
        case "7bit", "8bit", "binary":
            var out: [UInt8] = []
            Self.appendCRLF(bytes, part.bodyRange, to: &out)
            decoded = out
        default:
            return nil
        }
        return Self.applyPartial(decoded, partial)
    }

    /// BINARY.SIZE[section]: the size of ``binary(_:partial:)``.
    public func binarySize(_ path: [Int]) -> Int? { binary(path)?.count }

    /// The decoded body of a leaf part (transfer encoding removed; no charset conversion).
    public func decodedBody(of part: MIMEPart) -> [UInt8] {
        let mime = MIMEFields(bytes: bytes, part: part, always: true)
        switch mime.transferEncoding.map({ String(decoding: $0, as: UTF8.self).lowercasedASCII() }) {
        case "base64": return Base64.decode(bytes[part.bodyRange])
        case "quoted-printable": return QuotedPrintable.decode(bytes[part.bodyRange])
        default: return Array(bytes[part.bodyRange])
        }
    }

    static func applyPartial(_ bytes: [UInt8], _ partial: (offset: Int, length: Int)?) -> [UInt8] {
        guard let partial else { return bytes }
        let start = min(max(partial.offset, 0), bytes.count)
        let end = min(start + max(partial.length, 0), bytes.count)
        return Array(bytes[start..<end])
    }

    /// Appends a range, writing every LF that is not preceded by CR (within the range) as CRLF.
    static func appendCRLF(_ bytes: [UInt8], _ range: Range<Int>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + range.count)
        var runStart = range.lowerBound
        for index in range where bytes[index] == 0x0A && (index == range.lowerBound || bytes[index - 1] != 0x0D) {
            out += bytes[runStart..<index]
            out += [0x0D, 0x0A]
            runStart = index + 1
        }
        out += bytes[runStart..<range.upperBound]
    }
}
