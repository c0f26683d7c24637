import NIOCore
import Testing

@testable import IMAPGrammar

@Suite("BODY and BODYSTRUCTURE")
struct BodyStructureTests {
    private func encode(_ attribute: MessageAttribute) -> String {
        var buffer = EncodeBuffer()
        buffer.writeMessageAttribute(attribute)
        return String(buffer: buffer.buffer)
    }

    static let plain = BodyStructure.singlepart(.init(
        type: "TEXT", subtype: "PLAIN",
        fields: .init(parameters: [.init("CHARSET", "US-ASCII")], octets: 1152),
        kind: .text(lines: 23)))

    static let attachment = BodyStructure.singlepart(.init(
        type: "TEXT", subtype: "PLAIN",
        fields: .init(
            parameters: [.init("CHARSET", "US-ASCII"), .init("NAME", "cc.diff")],
            id: "<960723163407.20117h@cac.washington.edu>", description: "Compiler diff", encoding: "BASE64", octets: 4554),
        kind: .text(lines: 73),
        extensionData: .init(disposition: .init(kind: "attachment", parameters: [.init("filename", "cc.diff")]), language: ["en", "de"])))

    @Test("RFC 9051 §7.5.2 multipart example as BODY")
    func multipartBody() {
        let body = BodyStructure.multipart(.init(parts: [Self.plain, Self.attachment], subtype: "MIXED"))
        #expect(encode(.body(body)) == "BODY ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)"
            + "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") \"<960723163407.20117h@cac.washington.edu>\" "
            + "\"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\")")
    }

    @Test("BODYSTRUCTURE carries the extension data")
    func multipartBodyStructure() {
        let body = BodyStructure.multipart(.init(
            parts: [Self.plain, Self.attachment], subtype: "MIXED", parameters: [.init("BOUNDARY", "xyz")],
            extensionData: .init(language: ["en"], location: "http://example.com/")))
        #expect(encode(.bodyStructure(body)) == "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23 NIL NIL NIL NIL)"
            + "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") \"<960723163407.20117h@cac.washington.edu>\" "
            + "\"Compiler diff\" \"BASE64\" 4554 73 NIL (\"attachment\" (\"filename\" \"cc.diff\")) (\"en\" \"de\") NIL) "
            + "\"MIXED\" (\"BOUNDARY\" \"xyz\") NIL \"en\" \"http://example.com/\")")
    }

    @Test("message/rfc822 nests an envelope and a body")
    func message() {
        let inner = BodyStructure.singlepart(.init(type: "APPLICATION", subtype: "OCTET-STREAM", fields: .init(encoding: "BASE64", octets: 4)))
        let body = BodyStructure.singlepart(.init(
            type: "MESSAGE", subtype: "RFC822", fields: .init(octets: 100),
            kind: .message(Envelope(subject: "Hi"), inner, lines: 5)))
        #expect(encode(.body(body)) == "BODY (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 100 "
            + "(NIL \"Hi\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 4) 5)")
    }
}
