import IMAPGrammar
import MailMessage
import MailStore
import NIOCore

/// What a FETCH needs to read, and the `msg-att` items it answers with (RFC 9051 §6.4.5,
/// §7.5.2; RFC 3516 BINARY; RFC 7162 MODSEQ; RFC 8514 SAVEDATE; RFC 8474 OBJECTID).
struct FetchItems {
    let attributes: [FetchAttribute]

    /// A FETCH item that cannot be answered: the tagged reply it gets.
    enum Failure: Error, Equatable {
        /// `BINARY` of a part in a Content-Transfer-Encoding the server does not know (RFC 3516 §4.1).
        case unknownTransferEncoding
    }

    /// The items need the cached ENVELOPE or BODYSTRUCTURE.
    var needsStructure: Bool {
        attributes.contains { $0 == .envelope || $0 == .bodyStructure }
    }

    /// The items need the message itself.
    var needsMessage: Bool {
        attributes.contains { attribute in
            switch attribute {
            case .body, .rfc822, .rfc822Header, .rfc822Text, .bodySection, .binary, .binarySize: true
            default: false
            }
        }
    }

    /// Of the message, the items need only its header (a client listing a mailbox asks for a few
    /// header fields): the rest of it need not be parsed.
    var needsOnlyHeader: Bool {
        attributes.allSatisfy { attribute in
            switch attribute {
            case .body, .rfc822, .rfc822Text, .binary, .binarySize: false
            case .bodySection(_, let section, _):
                switch section.kind {
                case .header, .headerFields, .headerFieldsNot: section.part.isEmpty
                case .complete, .text, .mime: false
                }
            default: true
            }
        }
    }

    /// Fetching the items sets `\Seen` (RFC 9051 §6.4.5: BODY[...] and BINARY[...] without
    /// .PEEK, RFC822 and RFC822.TEXT).
    var setsSeen: Bool {
        attributes.contains { attribute in
            switch attribute {
            case .rfc822, .rfc822Text: true
            case .bodySection(let peek, _, _), .binary(let peek, _, _): !peek
            default: false
            }
        }
    }

    var asksForModSeq: Bool { attributes.contains(.modSeq) }

    /// The response items for one message, in the order asked; UID first when `uid` (UID FETCH
    /// answers always carry it), FLAGS added when `flagsChanged` (an implicit `\Seen`), MODSEQ
    /// with FLAGS under CONDSTORE.
    /// - Parameters:
    ///   - message: the parsed message, when ``needsMessage`` or a structure is not cached.
    func response(
        for record: MessageRecord, message: MIMEMessage?, flags: [Flag], uid: Bool, flagsChanged: Bool, condstore: Bool
    ) throws(Failure) -> [MessageAttribute] {
        var items: [MessageAttribute] = []
        if uid, !attributes.contains(.uid) { items.append(.uid(record.uid)) }
        for attribute in attributes {
            items.append(try item(attribute, record: record, message: message, flags: flags))
        }
        if flagsChanged, !attributes.contains(.flags) { items.append(.flags(flags)) }
        let reportsFlags = flagsChanged || attributes.contains(.flags)
        if condstore, reportsFlags, !attributes.contains(.modSeq) { items.append(.modSeq(record.modseq)) }
        return items
    }

    private func item(_ attribute: FetchAttribute, record: MessageRecord, message: MIMEMessage?, flags: [Flag]) throws(Failure) -> MessageAttribute {
        switch attribute {
        case .uid: return .uid(record.uid)
        case .flags: return .flags(flags)
        case .internalDate: return .internalDate(IMAPDateTime(secondsSince1970: record.internalDate))
        case .rfc822Size: return .rfc822Size(UInt64(max(record.virtualSize, 0)))
        case .modSeq: return .modSeq(record.modseq)
        case .saveDate: return .saveDate(IMAPDateTime(secondsSince1970: record.saveDate))
        case .emailID: return .emailID(record.guid.hex)
        case .threadID: return .threadID(nil)
        case .envelope:
            return .preformatted(name: "ENVELOPE", value: Self.list(record.envelope ?? message?.envelope.encoded))
        case .bodyStructure:
            return .preformatted(name: "BODYSTRUCTURE", value: Self.list(record.bodyStructure ?? message?.bodyStructure(extended: true)))
        case .body:
            return .preformatted(name: "BODY", value: Self.list(message?.bodyStructure(extended: false)))
        case .rfc822:
            return .rfc822(Self.data(message?.section(MailMessage.SectionSpecifier())))
        case .rfc822Header:
            return .rfc822Header(Self.data(message?.section(MailMessage.SectionSpecifier(kind: .header))))
        case .rfc822Text:
            return .rfc822Text(Self.data(message?.section(MailMessage.SectionSpecifier(kind: .text))))
        case .bodySection(_, let section, let partial):
            let content = message?.section(Self.section(section), partial: Self.range(partial))
            return .bodySection(section, origin: partial?.offset, data: Self.data(content))
        case .binary(_, let part, let partial):
            guard let content = message?.binary(part.map(Int.init), partial: Self.range(partial)) else {
                throw .unknownTransferEncoding
            }
            return .binary(part: part, origin: partial?.offset, data: Self.data(content))
        case .binarySize(let part):
            guard let size = message?.binarySize(part.map(Int.init)) else { throw .unknownTransferEncoding }
            return .binarySize(part: part, size: UInt64(size))
        case .preview:
            // Not advertised; refused before any message is read.
            return .preview(nil)
        }
    }

    /// A structure from MailMessage (written without its outer parentheses) as a list.
    private static func list(_ bytes: [UInt8]?) -> ByteBuffer {
        var buffer = ByteBuffer(string: "(")
        buffer.writeBytes(bytes ?? [])
        buffer.writeString(")")
        return buffer
    }

    private static func data(_ bytes: [UInt8]?) -> ByteBuffer {
        ByteBuffer(bytes: bytes ?? [])
    }

    /// The MailMessage form of an IMAP section.
    private static func section(_ section: IMAPGrammar.SectionSpecifier) -> MailMessage.SectionSpecifier {
        let kind: MailMessage.SectionSpecifier.Kind
        switch section.kind {
        case .complete: kind = .complete
        case .header: kind = .header
        case .headerFields(let names): kind = .headerFields(names)
        case .headerFieldsNot(let names): kind = .headerFieldsNot(names)
        case .text: kind = .text
        case .mime: kind = .mime
        }
        return MailMessage.SectionSpecifier(part: section.part.map(Int.init), kind: kind)
    }

    private static func range(_ partial: Partial?) -> (offset: Int, length: Int)? {
        partial.map { (Int(clamping: $0.offset), Int(clamping: $0.length)) }
    }
}
