import Testing

@testable import MailStore

@Suite("dbox file format")
struct DboxFileTests {
    static let separator = Array("0123456789abcdef".utf8)

    /// Builds a file the way a writer streams it.
    static func file(_ messages: [[UInt8]]) -> [UInt8] {
        let header = DboxFileHeader(created: 0x6000_0000, separator: separator)
        var bytes = header.encoded
        for (index, message) in messages.enumerated() {
            bytes += DboxRecord.prefix(separator: separator)
            bytes += message
            let metadata = DboxMetadata(guid: "guid-\(index)", received: 1_700_000_000 + Int64(index),
                                        virtualSize: Int64(message.count + index))
            bytes += DboxRecord.suffix(separator: separator, bodySize: message.count, metadata: metadata)
        }
        return bytes
    }

    static let messages: [[UInt8]] = [
        Array("Subject: one\r\n\r\nbody\r\n".utf8),
        [],
        // Bytes that look like markers, but with another separator or none.
        [0x01, 0x02] + Array("fedcba9876543210 N\n".utf8) + [0x0A, 0x01, 0x03, 0x0A, 0x01, 0x04, 0x00, 0xFF],
        Array(repeating: UInt8(ascii: "x"), count: 70_000),
    ]

    @Test("records round trip with exact offsets, sizes and metadata")
    func roundTrip() throws {
        let bytes = Self.file(Self.messages)
        let file = try DboxFile(parsing: bytes)
        #expect(file.damage.isEmpty)
        #expect(file.header.created == 0x6000_0000)
        #expect(file.records.count == Self.messages.count)
        for (index, record) in file.records.enumerated() {
            #expect(Array(bytes[record.bodyOffset..<(record.bodyOffset + record.bodySize)]) == Self.messages[index])
            #expect(record.metadata.guid == "guid-\(index)")
            #expect(record.metadata.received == 1_700_000_000 + Int64(index))
            #expect(record.metadata.virtualSize == Int64(Self.messages[index].count + index))
        }
    }

    @Test("metadata keeps every field and unknown keys; values with line breaks are left out")
    func metadata() throws {
        var metadata = DboxMetadata(guid: "abc", received: 5, virtualSize: 10, physicalSize: 7, pop3UIDL: "uidl-1",
                                    pop3Order: 3, originalMailbox: "0f0f", externalReferences: ["a-1", "b-2"])
        metadata.unknown = [.init(key: UInt8(ascii: "Q"), value: Array("future".utf8))]
        let parsed = try DboxMetadata.parse(metadata.encoded[...], offset: 0)
        #expect(parsed == metadata)
        let broken = DboxMetadata(guid: "g", received: 1, virtualSize: 1, pop3UIDL: "two\nlines")
        #expect(try DboxMetadata.parse(broken.encoded[...], offset: 0).pop3UIDL == nil)
    }

    @Test("a file cut anywhere keeps every complete record and reports the cut one")
    func truncation() throws {
        let bytes = Self.file(Array(Self.messages.prefix(3)))
        let complete = try DboxFile(parsing: bytes)
        let lastStart = complete.records[2].bodyOffset - DboxRecord.prefix(separator: Self.separator).count
        for cut in (lastStart + 1)..<bytes.count {
            let file = try DboxFile(parsing: Array(bytes[..<cut]))
            #expect(file.records.count == 2, "cut at \(cut)")
            #expect(file.damage.count == 1, "cut at \(cut)")
        }
    }

    @Test("a wrong size trailer is damage, and the next record is still read")
    func wrongSize() throws {
        var bytes = Self.file(Array(Self.messages.prefix(2)))
        let first = try DboxFile(parsing: bytes).records[0]
        // The trailer's size digits start after LF 01 03, the separator and a space.
        let digits = first.bodyOffset + first.bodySize + 3 + 16 + 1
        bytes[digits + 15] = UInt8(ascii: "0")
        let file = try DboxFile(parsing: bytes)
        #expect(file.records.map(\.metadata.guid) == ["guid-1"])
        #expect(file.damage.first?.problem.contains("size trailer says") == true)
    }

    @Test("header problems are refused", arguments: [
        "", "2 M1e C5\n", "3 C5\n", "3 S0123\n", "3 C5 Szzzzzzzzzzzzzzzz\n",
    ])
    func badHeaders(text: String) {
        #expect(throws: DboxCorruption.self) { try DboxFile(parsing: Array(text.utf8)) }
    }

    @Test("random damage never crashes the reader")
    func randomDamage() throws {
        let pristine = Self.file(Array(Self.messages.prefix(3)))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var bytes = pristine
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if let file = try? DboxFile(parsing: bytes) {
                #expect(file.records.count <= 3)
                for record in file.records {
                    #expect(record.bodyOffset + record.bodySize <= bytes.count)
                }
            }
        }
    }
}
