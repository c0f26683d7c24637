import struct NIOCore.ByteBuffer

/// A body section (`section-spec`, RFC 9051 §6.4.5): a MIME part path and what to take from it.
public struct SectionSpecifier: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The whole part (`BODY[]`, `BODY[1.2]`).
        case complete
        case header
        case headerFields([String])
        case headerFieldsNot([String])
        case text
        /// The part's MIME header (`BODY[1.MIME]`); only valid with a part path.
        case mime
    }

    /// `section-part = nz-number *("." nz-number)`; empty for the whole message.
    public var part: [UInt32]
    public var kind: Kind

    public init(part: [UInt32] = [], kind: Kind = .complete) {
        self.part = part
        self.kind = kind
    }

    public static let complete = SectionSpecifier()
}

// MARK: - Encoding

extension EncodeBuffer {
    /// `section = "[" [section-spec] "]"`.
    public mutating func writeSection(_ section: SectionSpecifier) {
        writeRaw("[")
        writeRaw(section.part.map(String.init).joined(separator: "."))
        let separator = section.part.isEmpty ? "" : "."
        switch section.kind {
        case .complete:
            break
        case .header:
            writeRaw(separator + "HEADER")
        case .headerFields(let fields):
            writeRaw(separator + "HEADER.FIELDS ")
            writeList(fields) { $0.writeAString($1) }
        case .headerFieldsNot(let fields):
            writeRaw(separator + "HEADER.FIELDS.NOT ")
            writeList(fields) { $0.writeAString($1) }
        case .text:
            writeRaw(separator + "TEXT")
        case .mime:
            writeRaw(separator + "MIME")
        }
        writeRaw("]")
    }
}
