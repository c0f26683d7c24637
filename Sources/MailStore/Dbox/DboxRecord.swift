import MailMessage
/// The bytes around one message in a dbox file, and where a message sits in one.
///
/// Writing is `prefix`, the message bytes as they stream in, then `suffix` once their count is
/// known: nothing is written twice and nothing before the end is patched.
public struct DboxRecord: Hashable, Sendable {
    /// Offset of the record's start marker in the file.
    public var start: Int
    /// Offset just past the record's metadata size line.
    public var end: Int
    /// Offset of the message's first byte in the file.
    public var bodyOffset: Int
    /// The message's size in bytes.
    public var bodySize: Int
    public var metadata: DboxMetadata

    /// What precedes a message.
    public static func prefix(separator: [UInt8]) -> [UInt8] {
        DboxFormat.startMarker(separator: separator)
    }

    /// The bytes the record of a `bodySize`-byte message takes (markers are as long whatever the separator).
    static func length(bodySize: Int, metadata: DboxMetadata) -> Int {
        let separator = [UInt8](repeating: UInt8(ascii: "0"), count: DboxFormat.separatorLength)
        return prefix(separator: separator).count + bodySize + suffix(separator: separator, bodySize: bodySize, metadata: metadata).count
    }

    /// What follows a message of `bodySize` bytes: its size, its metadata, the metadata's size.
    public static func suffix(separator: [UInt8], bodySize: Int, metadata: DboxMetadata) -> [UInt8] {
        let block = metadata.encoded
        return DboxFormat.trailer(separator: separator, size: bodySize) + block
            + DboxFormat.metadataEnd(separator: separator, size: block.count)
    }
}

/// Reads a whole dbox file: its header and every record, checking each marker and size.
public struct DboxFile: Sendable {
    public var header: DboxFileHeader
    /// The records that read correctly, in file order.
    public var records: [DboxRecord]
    /// What did not: each damaged stretch, after which reading resumed at the next start marker.
    public var damage: [DboxCorruption]

    /// Parses `bytes`. Throws only when the header itself is unusable; damaged records are
    /// skipped and listed in ``damage`` so a rebuild keeps every message that is intact.
    public init(parsing bytes: [UInt8]) throws(DboxCorruption) {
        let (header, headerLength) = try DboxFileHeader.parse(bytes[...])
        self.header = header
        self.records = []
        self.damage = []
        let start = DboxFormat.startMarker(separator: header.separator)
        var position = headerLength
        while position < bytes.count {
            do {
                let (record, next) = try Self.record(in: bytes, at: position, separator: header.separator)
                records.append(record)
                position = next
            } catch {
                damage.append(error)
                // Resume at the next start marker after this one.
                guard let resume = ByteSearch.firstIndex(of: start, in: bytes[(position + 1)...]) else { break }
                position = resume
            }
        }
    }

    /// Reads the record starting at `offset`.
    /// - Returns: the record and the offset just past it.
    static func record(in bytes: [UInt8], at offset: Int, separator: [UInt8]) throws(DboxCorruption) -> (DboxRecord, Int) {
        let start = DboxFormat.startMarker(separator: separator)
        guard bytes[offset...].starts(with: start) else {
            throw DboxCorruption(offset: offset, problem: "no record start marker")
        }
        let bodyOffset = offset + start.count
        let trailerMagic = DboxFormat.trailerMagic + separator + [UInt8(ascii: " ")]
        guard let trailer = ByteSearch.firstRange(of: trailerMagic, in: bytes[bodyOffset...]) else {
            throw DboxCorruption(offset: offset, problem: "message without a size trailer (truncated)")
        }
        let sizeStart = trailer.upperBound
        guard sizeStart + 17 <= bytes.count, bytes[sizeStart + 16] == 0x0A,
              let size = DboxFormat.parseHex(bytes[sizeStart..<(sizeStart + 16)]) else {
            throw DboxCorruption(offset: trailer.lowerBound, problem: "unreadable size trailer")
        }
        guard size == trailer.lowerBound - bodyOffset else {
            throw DboxCorruption(offset: trailer.lowerBound,
                                 problem: "size trailer says \(size) bytes, the message has \(trailer.lowerBound - bodyOffset)")
        }
        let metadataOffset = sizeStart + 17
        let endMagic = DboxFormat.metadataEndMagic + separator + [UInt8(ascii: " ")]
        guard let end = ByteSearch.firstRange(of: endMagic, in: bytes[metadataOffset...]) else {
            throw DboxCorruption(offset: metadataOffset, problem: "metadata without its end marker (truncated)")
        }
        let lengthStart = end.upperBound
        guard lengthStart + 9 <= bytes.count, bytes[lengthStart + 8] == 0x0A,
              let length = DboxFormat.parseHex(bytes[lengthStart..<(lengthStart + 8)]),
              length == end.lowerBound - metadataOffset else {
            throw DboxCorruption(offset: end.lowerBound, problem: "metadata size does not match its block")
        }
        let metadata = try DboxMetadata.parse(bytes[metadataOffset..<end.lowerBound], offset: metadataOffset)
        let record = DboxRecord(start: offset, end: lengthStart + 9, bodyOffset: bodyOffset, bodySize: size, metadata: metadata)
        return (record, record.end)
    }
}
