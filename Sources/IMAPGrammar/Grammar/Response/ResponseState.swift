import struct NIOCore.ByteBuffer

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

// MARK: - Encoding

extension EncodeBuffer {
    /// `resp-cond-state` and friends: the status word, an optional `[code]`, and text.
    mutating func writeState(_ name: String, code: ResponseCode?, text: String) {
        writeRaw(name)
        if let code {
            writeRaw(" [")
            writeResponseCode(code)
            writeRaw("]")
        }
        // RFC 3501 requires text; RFC 9051 makes it optional. Always send some.
        let clean = EncodeBuffer.sanitizedText(text)
        writeRaw(" " + (clean.isEmpty ? (name == "BAD" || name == "NO" ? "Failed" : "Completed") : clean))
    }

    /// `"*" SP ...` without the final CRLF.
}
