import struct NIOCore.ByteBuffer

/// The line that completes a command, or ends the connection (RFC 5804 §1.2, §4):
///
/// ```
/// response-ok   = "OK" [SP "(" resp-code ")"] [SP string] CRLF
/// response-nobye = ("NO" / "BYE") [SP "(" resp-code ")"] [SP string] CRLF
/// ```
public struct ManageSieveResponse: Sendable, Hashable {
    /// Which completion.
    public enum Status: String, Sendable, Hashable {
        case ok = "OK"
        case no = "NO"
        case bye = "BYE"
    }

    public var status: Status
    public var code: ResponseCode?
    /// Human-readable text, sent as a string.
    public var text: String?

    public init(_ status: Status, code: ResponseCode? = nil, _ text: String? = nil) {
        self.status = status
        self.code = code
        self.text = text
    }

    public static func ok(_ text: String? = nil, code: ResponseCode? = nil) -> ManageSieveResponse {
        ManageSieveResponse(.ok, code: code, text)
    }

    public static func no(_ text: String? = nil, code: ResponseCode? = nil) -> ManageSieveResponse {
        ManageSieveResponse(.no, code: code, text)
    }

    public static func bye(_ text: String? = nil, code: ResponseCode? = nil) -> ManageSieveResponse {
        ManageSieveResponse(.bye, code: code, text)
    }
}

// MARK: - Encoding

extension ByteBuffer {
    /// Writes the response line, CRLF included.
    @discardableResult
    public mutating func writeResponse(_ response: ManageSieveResponse) -> Int {
        var written = writeString(response.status.rawValue)
        if let code = response.code {
            written += writeString(" ")
            written += writeResponseCode(code)
        }
        if let text = response.text {
            written += writeString(" ")
            written += writeManageSieveString(text)
        }
        return written + writeString("\r\n")
    }
}
