import struct NIOCore.ByteBuffer

/// The parenthesised code of an OK, NO or BYE (RFC 5804 §1.3), such as `(QUOTA/MAXSIZE)` or
/// `(SASL "dj1...")`.
public struct ResponseCode: Sendable, Hashable {
    /// The code's name, slash-separated for sub-codes.
    public var name: String
    /// A string the code carries (SASL, TAG), if any.
    public var argument: String?

    public init(_ name: String, argument: String? = nil) {
        self.name = name
        self.argument = argument
    }

    /// The mechanism needs TLS first (§1.3).
    public static let encryptNeeded = ResponseCode("ENCRYPT-NEEDED")
    /// One script more than the user may have.
    public static let quotaMaxScripts = ResponseCode("QUOTA/MAXSCRIPTS")
    /// A script larger than allowed.
    public static let quotaMaxSize = ResponseCode("QUOTA/MAXSIZE")
    /// A temporary failure; the client may try again later.
    public static let tryLater = ResponseCode("TRYLATER")
    /// The script is active (DELETESCRIPT).
    public static let active = ResponseCode("ACTIVE")
    /// No script of that name.
    public static let nonexistent = ResponseCode("NONEXISTENT")
    /// A script of that name exists (RENAMESCRIPT).
    public static let alreadyExists = ResponseCode("ALREADYEXISTS")

    /// The final SASL data of a successful AUTHENTICATE, base64 (§2.1).
    public static func sasl(_ base64: String) -> ResponseCode { ResponseCode("SASL", argument: base64) }

    /// NOOP's tag, echoed (§2.13).
    public static func tag(_ tag: String) -> ResponseCode { ResponseCode("TAG", argument: tag) }
}

// MARK: - Encoding

extension ByteBuffer {
    /// Writes `(NAME)` or `(NAME "argument")`.
    @discardableResult
    public mutating func writeResponseCode(_ code: ResponseCode) -> Int {
        var written = writeString("(" + code.name)
        if let argument = code.argument {
            written += writeString(" ")
            written += writeManageSieveString(argument)
        }
        return written + writeString(")")
    }
}
