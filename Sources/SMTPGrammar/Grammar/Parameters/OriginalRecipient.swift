/// The RCPT parameter `ORCPT=addr-type ";" xtext` (RFC 3461 §4.2): the recipient as the original
/// sender gave it, for DSNs.
public struct OriginalRecipient: Hashable, Sendable, CustomStringConvertible {
    /// The address type, usually `rfc822` (or `utf-8` per RFC 6533).
    public var addressType: String
    /// The address, xtext-decoded.
    public var address: String

    /// Makes an ORCPT value.
    public init(addressType: String, address: String) {
        self.addressType = addressType
        self.address = address
    }

    /// Parses `addr-type ";" xtext`, where `addr-type = atom`; nil if malformed.
    init?(parsing value: String) {
        guard let semicolon = value.firstIndex(of: ";") else { return nil }
        let type = value[..<semicolon]
        guard !type.isEmpty, type.utf8.allSatisfy(CommandScanner.isAtext), type.utf8.allSatisfy({ $0 < 0x80 }),
            let address = XText.decode(value.utf8[value.utf8.index(after: semicolon)...]), !address.isEmpty
        else { return nil }
        self.init(addressType: String(type), address: address)
    }

    /// The wire form of the value (without `ORCPT=`).
    public var description: String { "\(self.addressType);\(XText.encode(self.address))" }
}
