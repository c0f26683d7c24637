import struct NIOCore.ByteBuffer

/// The argument of SEARCH / UID SEARCH.
public struct SearchCommand: Hashable, Sendable {
    /// nil: plain SEARCH; present (possibly empty): ESEARCH `RETURN (...)`.
    public var returnOptions: [SearchReturnOption]?
    public var charset: String?
    public var key: SearchKey

    public init(returnOptions: [SearchReturnOption]? = nil, charset: String? = nil, key: SearchKey) {
        self.returnOptions = returnOptions
        self.charset = charset
        self.key = key
    }
}
