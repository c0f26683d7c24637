/// The metadata block written after each message: what a rebuild needs to recreate the
/// index without the old one (flags excepted, which live only in the index).
public struct DboxMetadata: Hashable, Sendable {
    /// `G`: the message GUID.
    public var guid: String
    /// `R`: INTERNALDATE, seconds since 1970.
    public var received: Int64
    /// `V`: the size with CRLF line ends.
    public var virtualSize: Int64
    /// `Z`: the size of the message as the client sent it, when the stored bytes differ
    /// (compression); `nil` when it equals the stored size.
    public var physicalSize: Int64?
    /// `P`: POP3 UIDL.
    public var pop3UIDL: String?
    /// `O`: POP3 order.
    public var pop3Order: Int?
    /// `B`: GUID of the mailbox the message was first saved to.
    public var originalMailbox: String?
    /// `U`: the message's UID in ``originalMailbox``, which multi-dbox records so that a rebuild
    /// without the index gives messages back their UIDs (single-dbox has it in the file name).
    public var originalUID: UInt32?
    /// `X`: references to externally stored attachments.
    public var externalReferences: [String]
    /// Keys this version does not know, kept so copies carry them on.
    public var unknown: [UnknownField]

    /// A metadata line with a key this version does not know.
    public struct UnknownField: Hashable, Sendable {
        public var key: UInt8
        public var value: [UInt8]
    }

    public init(
        guid: String,
        received: Int64,
        virtualSize: Int64,
        physicalSize: Int64? = nil,
        pop3UIDL: String? = nil,
        pop3Order: Int? = nil,
        originalMailbox: String? = nil,
        externalReferences: [String] = []
    ) {
        self.guid = guid
        self.received = received
        self.virtualSize = virtualSize
        self.physicalSize = physicalSize
        self.pop3UIDL = pop3UIDL
        self.pop3Order = pop3Order
        self.originalMailbox = originalMailbox
        self.externalReferences = externalReferences
        self.unknown = []
    }

    /// The lines as written. Values that contain CR or LF are left out: they would break the block.
    var encoded: [UInt8] {
        var lines: [(UInt8, String)] = []
        if let physicalSize { lines.append((UInt8(ascii: "Z"), String(physicalSize, radix: 16))) }
        lines.append((UInt8(ascii: "R"), String(received, radix: 16)))
        lines.append((UInt8(ascii: "V"), String(virtualSize, radix: 16)))
        if let pop3UIDL { lines.append((UInt8(ascii: "P"), pop3UIDL)) }
        if let pop3Order { lines.append((UInt8(ascii: "O"), String(pop3Order))) }
        lines.append((UInt8(ascii: "G"), guid))
        if let originalMailbox { lines.append((UInt8(ascii: "B"), originalMailbox)) }
        if let originalUID { lines.append((UInt8(ascii: "U"), String(originalUID, radix: 16))) }
        for reference in externalReferences { lines.append((UInt8(ascii: "X"), reference)) }
        var bytes: [UInt8] = []
        for (key, value) in lines where !value.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            bytes.append(key)
            bytes += Array(value.utf8)
            bytes.append(0x0A)
        }
        for field in unknown {
            bytes.append(field.key)
            bytes += field.value
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Reads a metadata block.
    static func parse(_ block: ArraySlice<UInt8>, offset: Int) throws(DboxCorruption) -> DboxMetadata {
        var metadata = DboxMetadata(guid: "", received: 0, virtualSize: 0)
        var sawGUID = false
        for line in block.split(separator: 0x0A) {
            guard let key = line.first, key >= UInt8(ascii: "A"), key <= UInt8(ascii: "Z") else {
                throw DboxCorruption(offset: offset, problem: "metadata line without an upper-case key")
            }
            let value = line.dropFirst()
            let text = String(decoding: value, as: UTF8.self)
            switch key {
            case UInt8(ascii: "G"):
                metadata.guid = text
                sawGUID = true
            case UInt8(ascii: "R"):
                guard let received = DboxFormat.parseHex(value) else { throw DboxCorruption(offset: offset, problem: "bad R") }
                metadata.received = Int64(received)
            case UInt8(ascii: "V"):
                guard let size = DboxFormat.parseHex(value) else { throw DboxCorruption(offset: offset, problem: "bad V") }
                metadata.virtualSize = Int64(size)
            case UInt8(ascii: "Z"):
                guard let size = DboxFormat.parseHex(value) else { throw DboxCorruption(offset: offset, problem: "bad Z") }
                metadata.physicalSize = Int64(size)
            case UInt8(ascii: "P"): metadata.pop3UIDL = text
            case UInt8(ascii: "O"): metadata.pop3Order = Int(text)
            case UInt8(ascii: "B"): metadata.originalMailbox = text
            case UInt8(ascii: "U"):
                guard let uid = DboxFormat.parseHex(value), let uid = UInt32(exactly: uid) else {
                    throw DboxCorruption(offset: offset, problem: "bad U")
                }
                metadata.originalUID = uid
            case UInt8(ascii: "X"): metadata.externalReferences.append(text)
            default: metadata.unknown.append(UnknownField(key: key, value: Array(value)))
            }
        }
        guard sawGUID else { throw DboxCorruption(offset: offset, problem: "metadata without a GUID") }
        return metadata
    }
}
