import struct NIOCore.ByteBuffer

/// Untagged data and status responses (`response-data`, RFC 9051 §7).
public enum UntaggedResponse: Hashable, Sendable {
    case ok(ResponseCode?, String)
    case no(ResponseCode?, String)
    case bad(ResponseCode?, String)
    case preauth(ResponseCode?, String)
    case bye(ResponseCode?, String)
    case capability([String])
    case enabled([String])
    case flags([Flag])
    case exists(UInt32)
    case recent(UInt32)
    case expunge(UInt32)
    /// `VANISHED [(EARLIER)] known-uids` (RFC 7162 §3.2.10).
    case vanished(earlier: Bool, SequenceSet)
    case fetch(UInt32, [MessageAttribute])
    case list(ListResponse)
    case lsub(ListResponse)
    case status(MailboxName, [(StatusAttribute, UInt64)])
    /// `SEARCH *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]` (RFC 3501, RFC 7162).
    case search([UInt32], modSeq: UInt64?)
    case esearch(ESearchResponse)
    case id([IDField]?)
    case namespace(personal: [NamespaceDescription], otherUsers: [NamespaceDescription], shared: [NamespaceDescription])
    case quota(root: String, [QuotaUsage])
    case quotaRoot(MailboxName, roots: [String])

    public static func == (lhs: UntaggedResponse, rhs: UntaggedResponse) -> Bool {
        var left = EncodeBuffer()
        var right = EncodeBuffer()
        left.writeUntaggedResponse(lhs)
        right.writeUntaggedResponse(rhs)
        return left.buffer == right.buffer
    }

    public func hash(into hasher: inout Hasher) {
        var encoded = EncodeBuffer()
        encoded.writeUntaggedResponse(self)
        hasher.combine(encoded.buffer)
    }
}

// MARK: - Encoding

extension EncodeBuffer {
    public mutating func writeUntaggedResponse(_ response: UntaggedResponse) {
        writeRaw("* ")
        switch response {
        case .ok(let code, let text): writeState("OK", code: code, text: text)
        case .no(let code, let text): writeState("NO", code: code, text: text)
        case .bad(let code, let text): writeState("BAD", code: code, text: text)
        case .preauth(let code, let text): writeState("PREAUTH", code: code, text: text)
        case .bye(let code, let text): writeState("BYE", code: code, text: text)
        case .capability(let capabilities):
            writeRaw((["CAPABILITY"] + capabilities).joined(separator: " "))
        case .enabled(let capabilities):
            writeRaw((["ENABLED"] + capabilities).joined(separator: " "))
        case .flags(let flags):
            writeRaw("FLAGS ")
            writeFlags(flags)
        case .exists(let count): writeRaw("\(count) EXISTS")
        case .recent(let count): writeRaw("\(count) RECENT")
        case .expunge(let number): writeRaw("\(number) EXPUNGE")
        case .vanished(let earlier, let uids):
            writeRaw(earlier ? "VANISHED (EARLIER) " : "VANISHED ")
            writeSequenceSet(uids)
        case .fetch(let number, let attributes):
            writeRaw("\(number) FETCH ")
            writeList(attributes) { $0.writeMessageAttribute($1) }
        case .list(let list):
            writeRaw("LIST ")
            writeListResponse(list)
        case .lsub(let list):
            writeRaw("LSUB ")
            writeListResponse(list)
        case .status(let mailbox, let values):
            writeRaw("STATUS ")
            writeMailbox(mailbox)
            writeSpace()
            writeList(values) { $0.writeRaw("\($1.0.rawValue) \($1.1)") }
        case .search(let numbers, let modSeq):
            writeRaw("SEARCH")
            for number in numbers { writeRaw(" \(number)") }
            if let modSeq { writeRaw(" (MODSEQ \(modSeq))") }
        case .esearch(let esearch):
            writeESearch(esearch)
        case .id(let fields):
            writeRaw("ID ")
            if let fields {
                writeList(fields) { buffer, field in
                    buffer.writeIMAPString(field.key)
                    buffer.writeSpace()
                    buffer.writeNString(field.value)
                }
            } else {
                writeRaw("NIL")
            }
        case .namespace(let personal, let otherUsers, let shared):
            writeRaw("NAMESPACE")
            for namespaces in [personal, otherUsers, shared] {
                writeSpace()
                guard !namespaces.isEmpty else {
                    writeRaw("NIL")
                    continue
                }
                writeRaw("(")
                for namespace in namespaces {
                    writeRaw("(")
                    writeIMAPString(
                        MailboxName(namespace.prefix).wireBytes(utf8Accept: options.utf8Accept)
                    )
                    writeSpace()
                    writeDelimiter(namespace.delimiter)
                    writeRaw(")")
                }
                writeRaw(")")
            }
        case .quota(let root, let resources):
            writeRaw("QUOTA ")
            writeAString(root)
            writeSpace()
            writeList(resources) { $0.writeRaw("\($1.resource) \($1.usage) \($1.limit)") }
        case .quotaRoot(let mailbox, let roots):
            writeRaw("QUOTAROOT ")
            writeMailbox(mailbox)
            for root in roots {
                writeSpace()
                writeAString(root)
            }
        }
    }
}
