import struct NIOCore.ByteBuffer

/// Anything the server sends (RFC 9051 §7).
public enum Response: Hashable, Sendable {
    case tagged(TaggedResponse)
    case untagged(UntaggedResponse)
    /// `continue-req = "+" SP (resp-text / base64) CRLF`.
    case continuation(ContinuationRequest)
}

// MARK: - Encoding

extension EncodeBuffer {
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
            writeRaw("+ " + EncodeBuffer.sanitizedText(text))
        case .continuation(.data(let data)):
            writeRaw("+ " + Base64.encode(data))
        }
        writeNewline()
    }
}

extension Response {
    /// The response's bytes.
    public func encoded(options: EncodingOptions = EncodingOptions()) -> ByteBuffer {
        var buffer = EncodeBuffer(options: options)
        buffer.writeResponse(self)
        return buffer.buffer
    }
}
