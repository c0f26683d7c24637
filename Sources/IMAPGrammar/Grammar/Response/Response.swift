import struct NIOCore.ByteBuffer

/// Anything the server sends (RFC 9051 §7).
public enum Response: Hashable, Sendable {
    case tagged(TaggedResponse)
    case untagged(UntaggedResponse)
    /// `continue-req = "+" SP (resp-text / base64) CRLF`.
    case continuation(ContinuationRequest)
}

/// `response-tagged = tag SP resp-cond-state CRLF`.
public struct TaggedResponse: Hashable, Sendable {
    public var tag: String
    public var state: ResponseState

    public init(tag: String, state: ResponseState) {
        self.tag = tag
        self.state = state
    }
}

/// `resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text`.
public struct ResponseState: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        case ok = "OK"
        case no = "NO"
        case bad = "BAD"
    }

    public var status: Status
    public var code: ResponseCode?
    public var text: String

    public init(_ status: Status, code: ResponseCode? = nil, text: String) {
        self.status = status
        self.code = code
        self.text = text
    }

    public static func ok(_ text: String, code: ResponseCode? = nil) -> ResponseState { .init(.ok, code: code, text: text) }
    public static func no(_ text: String, code: ResponseCode? = nil) -> ResponseState { .init(.no, code: code, text: text) }
    public static func bad(_ text: String, code: ResponseCode? = nil) -> ResponseState { .init(.bad, code: code, text: text) }
}

/// The text of a continuation request, or SASL challenge data sent as base64.
public enum ContinuationRequest: Hashable, Sendable {
    case text(String)
    case data([UInt8])
}

/// `namespace-descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil) ")"` (RFC 2342).
public struct NamespaceDescription: Hashable, Sendable {
    public var prefix: String
    public var delimiter: Character?

    public init(prefix: String, delimiter: Character?) {
        self.prefix = prefix
        self.delimiter = delimiter
    }
}

/// `mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox [SP mbox-list-extended]`.
public struct ListResponse: Hashable, Sendable {
    /// Attributes such as `\HasNoChildren`, `\Subscribed`, `\Drafts`.
    public var attributes: [String]
    public var delimiter: Character?
    public var mailbox: MailboxName
    /// `CHILDINFO ("SUBSCRIBED")` (RFC 5258 §4), when non-empty.
    public var childInfo: [String]
    /// `OLDNAME (name)` (RFC 5465 / 9051 §7.3.1).
    public var oldName: MailboxName?

    public init(attributes: [String], delimiter: Character?, mailbox: MailboxName, childInfo: [String] = [], oldName: MailboxName? = nil) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.mailbox = mailbox
        self.childInfo = childInfo
        self.oldName = oldName
    }
}

/// `esearch-response` (RFC 4731, RFC 9051 §7.3.4).
public struct ESearchResponse: Hashable, Sendable {
    /// The tag of the command this answers (`search-correlator`).
    public var tag: String?
    public var uid: Bool
    public var min: UInt32?
    public var max: UInt32?
    public var count: UInt32?
    public var all: SequenceSet?
    public var modSeq: UInt64?

    public init(tag: String?, uid: Bool, min: UInt32? = nil, max: UInt32? = nil, count: UInt32? = nil, all: SequenceSet? = nil, modSeq: UInt64? = nil) {
        self.tag = tag
        self.uid = uid
        self.min = min
        self.max = max
        self.count = count
        self.all = all
        self.modSeq = modSeq
    }
}

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
        var left = ResponseEncodeBuffer()
        var right = ResponseEncodeBuffer()
        left.writeUntaggedResponse(lhs)
        right.writeUntaggedResponse(rhs)
        return left.buffer == right.buffer
    }

    public func hash(into hasher: inout Hasher) {
        var encoded = ResponseEncodeBuffer()
        encoded.writeUntaggedResponse(self)
        hasher.combine(encoded.buffer)
    }
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
