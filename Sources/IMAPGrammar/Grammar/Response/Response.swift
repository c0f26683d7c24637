import struct NIOCore.ByteBuffer

/// Anything the server sends (RFC 9051 §7).
public enum Response: Hashable, Sendable {
    case tagged(TaggedResponse)
    case untagged(UntaggedResponse)
    /// `continue-req = "+" SP (resp-text / base64) CRLF`.
    case continuation(ContinuationRequest)
}

// MARK: - Encoding

extension ResponseEncodeBuffer {
    /// Writes one complete response line (literals included), ending in CRLF.
    public mutating func writeResponse(_ response: Response) {
        switch response {
        case .tagged(let tagged):
            writeRaw(tagged.tag)
            writeSpace()
            writeState(tagged.state.status.rawValue, code: tagged.state.code, text: tagged.state.text)
        case .untagged(let untagged):
            writeUntaggedResponse(untagged)
        case .continuation(.text(let text)):
            writeRaw("+ " + ResponseEncodeBuffer.sanitizedText(text))
        case .continuation(.data(let data)):
            writeRaw("+ " + Base64.encode(data))
        }
        writeNewline()
    }

    private mutating func writeState(_ name: String, code: ResponseCode?, text: String) {
        writeRaw(name)
        if let code {
            writeRaw(" [")
            writeResponseCode(code)
            writeRaw("]")
        }
        // RFC 3501 requires text; RFC 9051 makes it optional. Always send some.
        let clean = ResponseEncodeBuffer.sanitizedText(text)
        writeRaw(" " + (clean.isEmpty ? (name == "BAD" || name == "NO" ? "Failed" : "Completed") : clean))
    }

    /// `"*" SP ...` without the final CRLF.
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

    private mutating func writeDelimiter(_ delimiter: Character?) {
        guard let delimiter else {
            writeRaw("NIL")
            return
        }
        writeRaw(delimiter == "\"" || delimiter == "\\" ? "\"\\\(delimiter)\"" : "\"\(delimiter)\"")
    }

    public mutating func writeListResponse(_ list: ListResponse) {
        writeList(list.attributes) { $0.writeRaw($1) }
        writeSpace()
        writeDelimiter(list.delimiter)
        writeSpace()
        writeMailbox(list.mailbox)
        var extended: [(String, (inout ResponseEncodeBuffer) -> Void)] = []
        if !list.childInfo.isEmpty {
            let info = list.childInfo
            extended.append(("CHILDINFO", { buffer in buffer.writeList(info) { $0.writeIMAPString($1) } }))
        }
        if let oldName = list.oldName {
            extended.append(("OLDNAME", { buffer in buffer.writeList([oldName]) { $0.writeMailbox($1) } }))
        }
        if !extended.isEmpty {
            writeSpace()
            writeList(extended) { buffer, item in
                buffer.writeIMAPString(item.0)
                buffer.writeSpace()
                item.1(&buffer)
            }
        }
    }

    private mutating func writeESearch(_ esearch: ESearchResponse) {
        writeRaw("ESEARCH")
        if let tag = esearch.tag {
            writeRaw(" (TAG ")
            writeIMAPString(tag)
            writeRaw(")")
        }
        if esearch.uid { writeRaw(" UID") }
        if let min = esearch.min { writeRaw(" MIN \(min)") }
        if let max = esearch.max { writeRaw(" MAX \(max)") }
        if let count = esearch.count { writeRaw(" COUNT \(count)") }
        if let all = esearch.all {
            writeRaw(" ALL ")
            writeSequenceSet(all)
        }
        if let modSeq = esearch.modSeq { writeRaw(" MODSEQ \(modSeq)") }
    }
}

extension Response {
    /// The response's bytes.
    public func encoded(options: EncodingOptions = EncodingOptions()) -> ByteBuffer {
        var buffer = ResponseEncodeBuffer(options: options)
        buffer.writeResponse(self)
        return buffer.buffer
    }
}
