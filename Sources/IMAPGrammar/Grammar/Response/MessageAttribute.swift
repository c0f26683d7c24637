import struct NIOCore.ByteBuffer

/// One item of a FETCH response (`msg-att`, RFC 9051 §7.5.2 and extensions).
public enum MessageAttribute: Hashable, Sendable {
    case flags([Flag])
    case uid(UInt32)
    case rfc822Size(UInt64)
    case internalDate(IMAPDateTime)
    case envelope(Envelope)
    /// `BODY[section]<origin> nstring`; `origin` is the partial's offset, echoed back.
    case bodySection(SectionSpecifier, origin: UInt64?, data: ByteBuffer?)
    case rfc822(ByteBuffer?)
    case rfc822Header(ByteBuffer?)
    case rfc822Text(ByteBuffer?)
    /// `BINARY[part]<origin> (nstring / literal8)` (RFC 3516); literal8 when the data holds NUL.
    case binary(part: [UInt32], origin: UInt64?, data: ByteBuffer?)
    case binarySize(part: [UInt32], size: UInt64)
    /// `MODSEQ (n)` (RFC 7162).
    case modSeq(UInt64)
    /// `SAVEDATE date-time / NIL` (RFC 8514).
    case saveDate(IMAPDateTime?)
    /// `EMAILID (id)` (RFC 8474).
    case emailID(String)
    /// `THREADID (id) / NIL` (RFC 8474).
    case threadID(String?)
    /// `PREVIEW nstring` (RFC 8970).
    case preview(String?)
    /// `BODY (...)`: the structure without extension data.
    case body(BodyStructure)
    /// `BODYSTRUCTURE (...)`: the structure with extension data.
    case bodyStructure(BodyStructure)
    /// An item whose value the caller wrote already, such as `BODYSTRUCTURE (...)` from the
    /// MailMessage module: written as `name SP value` verbatim.
    case preformatted(name: String, value: ByteBuffer)
}

// MARK: - Encoding

extension EncodeBuffer {
    public mutating func writeMessageAttribute(_ attribute: MessageAttribute) {
        switch attribute {
        case .flags(let flags):
            writeRaw("FLAGS ")
            writeFlags(flags)
        case .uid(let uid):
            writeRaw("UID \(uid)")
        case .rfc822Size(let size):
            writeRaw("RFC822.SIZE \(size)")
        case .internalDate(let date):
            writeRaw("INTERNALDATE ")
            writeDateTime(date)
        case .envelope(let envelope):
            writeRaw("ENVELOPE ")
            writeEnvelope(envelope)
        case .bodySection(let section, let origin, let data):
            writeRaw("BODY")
            writeSection(section)
            if let origin { writeRaw("<\(origin)>") }
            writeSpace()
            writeBodyData(data)
        case .rfc822(let data):
            writeRaw("RFC822 ")
            writeBodyData(data)
        case .rfc822Header(let data):
            writeRaw("RFC822.HEADER ")
            writeBodyData(data)
        case .rfc822Text(let data):
            writeRaw("RFC822.TEXT ")
            writeBodyData(data)
        case .binary(let part, let origin, let data):
            writeRaw("BINARY[" + part.map(String.init).joined(separator: ".") + "]")
            if let origin { writeRaw("<\(origin)>") }
            writeSpace()
            if let data {
                writeLiteral(data, binary: data.readableBytesView.contains(0))
            } else {
                writeRaw("NIL")
            }
        case .binarySize(let part, let size):
            writeRaw("BINARY.SIZE[" + part.map(String.init).joined(separator: ".") + "] \(size)")
        case .modSeq(let modSeq):
            writeRaw("MODSEQ (\(modSeq))")
        case .saveDate(let date):
            writeRaw("SAVEDATE ")
            if let date { writeDateTime(date) } else { writeRaw("NIL") }
        case .emailID(let id):
            writeRaw("EMAILID (\(id))")
        case .threadID(let id):
            writeRaw(id.map { "THREADID (\($0))" } ?? "THREADID NIL")
        case .preview(let text):
            writeRaw("PREVIEW ")
            writeNString(text)
        case .body(let body):
            writeRaw("BODY ")
            writeBodyStructure(body, extensible: false)
        case .bodyStructure(let body):
            writeRaw("BODYSTRUCTURE ")
            writeBodyStructure(body, extensible: true)
        case .preformatted(let name, let value):
            writeRaw(name + " ")
            writeRaw(value)
        }
    }

    /// Message data is always a literal (it may hold CR LF), or NIL.
    private mutating func writeBodyData(_ data: ByteBuffer?) {
        if let data { writeLiteral(data) } else { writeRaw("NIL") }
    }
}
