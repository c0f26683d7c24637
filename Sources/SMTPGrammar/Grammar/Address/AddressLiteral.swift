/// An address literal in place of a domain: `[192.0.2.1]`, `[IPv6:2001:db8::1]` or a general
/// `[tag:content]` (RFC 5321 §4.1.3).
public enum AddressLiteral: Hashable, Sendable, CustomStringConvertible {
    /// Four octets, from `Snum 3("." Snum)`.
    case ipv4([UInt8])
    /// The text after `IPv6:`, validated against RFC 5321's IPv6-full/-comp/-v4-full/-v4-comp forms and
    /// kept as written.
    case ipv6(String)
    /// `Standardized-tag ":" 1*dcontent`: syntactically valid, meaning left to the caller.
    case general(tag: String, content: String)

    public var description: String {
        switch self {
        case .ipv4(let octets): "[" + octets.map { String($0) }.joined(separator: ".") + "]"
        case .ipv6(let text): "[IPv6:\(text)]"
        case .general(let tag, let content): "[\(tag):\(content)]"
        }
    }
}

extension AddressLiteral {
    /// Reads the dotted-quad `Snum 3("." Snum)` (RFC 5321 §4.1.3), where `Snum = 1*3DIGIT` is 0...255.
    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit), let value = UInt8(part) else {
                return nil
            }
            octets.append(value)
        }
        return octets
    }

    /// Checks RFC 5321 §4.1.3's IPv6 forms:
    /// ```
    /// IPv6-full     = IPv6-hex 7(":" IPv6-hex)
    /// IPv6-comp     = [IPv6-hex *5(":" IPv6-hex)] "::" [IPv6-hex *5(":" IPv6-hex)]   ; ≤ 6 groups
    /// IPv6v4-full   = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal
    /// IPv6v4-comp   = [IPv6-hex *3(":" IPv6-hex)] "::" [IPv6-hex *3(":" IPv6-hex) ":"] IPv4-address-literal
    /// IPv6-hex      = 1*4HEXDIG
    /// ```
    static func isValidIPv6(_ text: Substring) -> Bool {
        var groups = text
        var hexGroupBudget = 8
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard parseIPv4(text[text.index(after: lastColon)...]) != nil else { return false }
            groups = text[..<text.index(after: lastColon)]
            // Keep a trailing ":" only when it is part of a "::".
            if !groups.hasSuffix("::") { groups = groups.dropLast() }
            hexGroupBudget = 6
        }
        func validGroups(_ part: Substring) -> Int? {
            if part.isEmpty { return 0 }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            guard
                items.allSatisfy({
                    (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) && $0.allSatisfy(\.isASCII)
                })
            else { return nil }
            return items.count
        }
        let halves = groups.split(separator: "::", omittingEmptySubsequences: false)
        switch halves.count {
        case 1:
            return validGroups(groups) == hexGroupBudget
        case 2:
            guard let left = validGroups(halves[0]), let right = validGroups(halves[1]) else {
                return false
            }
            return left + right <= hexGroupBudget - 2
        default:
            return false
        }
    }
}
