/// IMAP BODY and BODYSTRUCTURE (RFC 3501 §7.4.2, RFC 9051 §7.5.2), written as Dovecot writes them.
///
/// Non-multipart: `type subtype params id description encoding size`, then `lines` for text/*,
/// `envelope body lines` for message/rfc822; extension data `md5 disposition language location`.
/// Multipart: the children, the subtype; extension data `params disposition language location`.
/// Absent Content-Transfer-Encoding is `"7bit"`; text parts without charset get `("charset" "us-ascii")`;
/// a multipart without parts gets one empty text/plain part. Sizes count LF as CRLF.
extension MIMEMessage {
    /// BODYSTRUCTURE (`extended: true`) or BODY (`extended: false`) as IMAP wire bytes, without the
    /// outer parentheses (the FETCH encoder adds them).
    /// - Parameter extended: Include extension data (BODYSTRUCTURE).
    public func bodyStructure(extended: Bool) -> [UInt8] {
        var writer = IMAPWriter()
        writePart(root, extended: extended, to: &writer)
        return writer.bytes
    }

    private func writePart(_ part: MIMEPart, extended: Bool, to writer: inout IMAPWriter) {
        if part.kind == .multipart {
            writeMultipart(part, extended: extended, to: &writer)
        } else {
            writeSingle(part, extended: extended, to: &writer)
        }
    }

    private func writeChildren(_ children: [MIMEPart], extended: Bool, to writer: inout IMAPWriter) {
        for child in children {
            writer.append("(")
            writePart(child, extended: extended, to: &writer)
            writer.append(")")
        }
    }

    private func writeMultipart(_ part: MIMEPart, extended: Bool, to writer: inout IMAPWriter) {
        let mime = MIMEFields(bytes: bytes, part: part)
        if part.children.isEmpty {
            if extended {
                writer.append("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)")
            } else {
                writer.append("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)")
            }
        } else {
            writeChildren(part.children, extended: extended, to: &writer)
        }
        writer.append(" ")
        writer.appendString(part.contentType.rawSubtype)
        guard extended else { return }
        writer.append(" ")
        Self.writeParameters(part.contentType.parameters, defaultCharset: false, to: &writer)
        writeCommonExtension(mime, to: &writer)
    }

    private func writeSingle(_ part: MIMEPart, extended: Bool, to writer: inout IMAPWriter) {
        let mime = MIMEFields(bytes: bytes, part: part)
        let isText: Bool
        if part.kind == .message {
            writer.append("\"message\" \"rfc822\"")
            isText = false
        } else {
            isText = part.contentType.isText
            writer.appendString(part.contentType.rawType)
            writer.append(" ")
            writer.appendString(part.contentType.rawSubtype)
        }
        writer.append(" ")
        Self.writeParameters(part.contentType.parameters, defaultCharset: isText, to: &writer)
        writer.append(" ")
        writer.appendNStringWithoutLineEnds(mime.id)
        writer.append(" ")
        writer.appendNStringWithoutLineEnds(mime.description)
        writer.append(" ")
        if let encoding = mime.transferEncoding { writer.appendString(encoding) } else { writer.append("\"7bit\"") }
        let size = PartSize.measure(bytes, part.bodyRange)
        writer.append(" ")
        writer.append(number: size.virtualSize)
        if isText {
            writer.append(" ")
            writer.append(number: size.lines)
        } else if part.kind == .message, let child = part.children.first {
            writer.append(" (")
            Envelope(bytes: bytes, fields: child.fields).write(to: &writer)
            writer.append(") ")
            writer.append("(")
            writePart(child, extended: extended, to: &writer)
            writer.append(")")
            writer.append(" ")
            writer.append(number: size.lines)
        }
        guard extended else { return }
        writer.append(" ")
        writer.appendNStringWithoutLineEnds(mime.md5)
        writeCommonExtension(mime, to: &writer)
    }

    private func writeCommonExtension(_ mime: MIMEFields, to writer: inout IMAPWriter) {
        writer.append(" ")
        if let disposition = mime.disposition {
            writer.append("(")
            writer.appendString(disposition.rawType)
            writer.append(" ")
            Self.writeParameters(disposition.parameters, defaultCharset: false, to: &writer)
            writer.append(")")
        } else {
            writer.append("NIL")
        }
        writer.append(" ")
        if let languages = mime.languages, !languages.isEmpty {
            writer.append("(")
            for (index, language) in languages.enumerated() {
                if index > 0 { writer.append(" ") }
                writer.appendString(language)
            }
            writer.append(")")
        } else {
            writer.append("NIL")
        }
        writer.append(" ")
        writer.appendNStringWithoutLineEnds(mime.location)
    }

    private static func writeParameters(_ parameters: MIMEParameters, defaultCharset: Bool, to writer: inout IMAPWriter) {
        if !defaultCharset && parameters.isEmpty { return writer.append("NIL") }
        writer.append("(")
        var sawCharset = false
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { writer.append(" ") }
            if parameter.name.lowercasedASCII() == "charset" { sawCharset = true }
            writer.appendString(parameter.rawName)
            writer.append(" ")
            writer.appendString(parameter.rawValue)
        }
        if defaultCharset && !sawCharset {
            if !parameters.isEmpty { writer.append(" ") }
            writer.append("\"charset\" \"us-ascii\"")
        }
        writer.append(")")
    }
}
