import Foundation
import Logging
import Testing

@testable import ServerKit

@Suite("Structured logging")
struct StructuredLogHandlerTests {
    @Test("text lines carry metadata and quote values so a client cannot forge a line")
    func textFormat() throws {
        let output = LogOutput.capturing()
        var logger = Logger(label: "columba.test") { label in
            StructuredLogHandler(label: label, level: .info, format: .text, output: output)
        }
        logger[metadataKey: "session"] = "abc123"
        logger.info("login failed", metadata: ["user": "evil\nlevel=error msg=forged"])
        logger.debug("not shown")
        let lines = output.lines
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false)
        #expect(line.contains(#"level=info label=columba.test msg="login failed" session=abc123"#))
        #expect(line.contains(#"user="evil\nlevel=error msg=forged""#))
    }

    @Test("json lines parse back with every field")
    func jsonFormat() throws {
        let output = LogOutput.capturing()
        let logger = Logger(label: "columba.test") { label in
            StructuredLogHandler(label: label, level: .info, format: .json, output: output)
        }
        logger.warning("too many connections", metadata: ["remote": "192.0.2.7"])
        let data = Data(try #require(output.lines.first).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object["level"] == "warning")
        #expect(object["msg"] == "too many connections")
        #expect(object["remote"] == "192.0.2.7")
        #expect(object["time"] != nil)
    }
}
