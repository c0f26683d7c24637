/// A 128-bit globally unique identifier written as 32 lower-case hex digits, as Dovecot writes
/// mailbox and message GUIDs (`guid_128`).
public struct GUID128: Hashable, Sendable, CustomStringConvertible {
    /// The 32 hex digits.
    public let hex: String

    /// A new random GUID.
    public static func random() -> GUID128 {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return GUID128(validatedHex: bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined())
    }

    /// Reads 32 hex digits (any case); `nil` for anything else.
    public init?(hex: String) {
        let lowered = hex.lowercased()
        guard lowered.utf8.count == 32, lowered.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            return nil
        }
        self.hex = lowered
    }

    private init(validatedHex: String) {
        self.hex = validatedHex
    }

    public var description: String { hex }
}
