/// A 128-bit globally unique identifier written as 32 lower-case hex digits, as Dovecot writes
/// mailbox and message GUIDs (`guid_128`).
public struct GUID128: Hashable, Sendable, CustomStringConvertible {
    /// The 32 hex digits.
    public let hex: String

    /// A new random GUID: two draws from the system generator (one `getrandom` each), not one
    /// per byte.
    public static func random() -> GUID128 {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 60, through: 0, by: -4) {
                hex.append(digits[Int((word >> UInt64(shift)) & 0xF)])
            }
        }
        return GUID128(validatedHex: String(decoding: hex, as: UTF8.self))
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
