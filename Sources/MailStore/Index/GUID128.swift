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
        // The index stores lower-case digits: those are taken as they are, without a copy.
        if Self.isLowerHex(hex) {
            self.hex = hex
            return
        }
        let lowered = hex.lowercased()
        guard Self.isLowerHex(lowered) else { return nil }
        self.hex = lowered
    }

    private static func isLowerHex(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) else { return false }
            count += 1
        }
        return count == 32
    }

    private init(validatedHex: String) {
        self.hex = validatedHex
    }

    public var description: String { hex }
}
