/// DKIM canonicalization (RFC 6376 §3.4) of header fields and bodies.
public enum DKIMCanonicalization: Sendable, Hashable {
    /// `simple`: almost no change.
    case simple
    /// `relaxed`: white space and case normalised.
    case relaxed

    /// Canonicalizes one header field (§3.4.1, §3.4.2).
    /// - Parameter field: The raw field, name to final line end.
    /// - Returns: The canonical form ending in CRLF.
    public func canonicalizeHeader(_ field: [UInt8]) -> [UInt8] {
        switch self {
        case .simple:
            var out = field
            if out.last != 0x0A { out += [0x0D, 0x0A] }
            return out
        case .relaxed:
            guard let colon = field.firstIndex(of: UInt8(ascii: ":")) else { return field }
            var name = Array(field[..<colon])
            while let last = name.last, last == 0x20 || last == 0x09 { name.removeLast() }
            for index in name.indices where name[index] >= 0x41 && name[index] <= 0x5A { name[index] |= 0x20 }
            var value: [UInt8] = []
            var pendingSpace = false
            for byte in field[(colon + 1)...] {
                switch byte {
                case 0x0D, 0x0A:
                    continue
                case 0x20, 0x09:
                    pendingSpace = true
                default:
                    if pendingSpace && !value.isEmpty { value.append(0x20) }
                    pendingSpace = false
                    value.append(byte)
                }
            }
            return name + [UInt8(ascii: ":")] + value + [0x0D, 0x0A]
        }
    }

    /// Canonicalizes a body (§3.4.3, §3.4.4); bare LF line ends are read as CRLF.
    /// - Parameter body: The raw body.
    /// - Returns: The canonical body the `bh=` hash is computed over.
    public func canonicalizeBody<Bytes: Collection>(_ body: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 2)
        var line: [UInt8] = []
        var emptyLines = 0
        func endLine() {
            if self == .relaxed {
                var cleaned: [UInt8] = []
                var pendingSpace = false
                for byte in line {
                    if byte == 0x20 || byte == 0x09 {
                        pendingSpace = true
                    } else {
                        if pendingSpace { cleaned.append(0x20) }
                        pendingSpace = false
                        cleaned.append(byte)
                    }
                }
                line = cleaned
            }
            if line.isEmpty {
                emptyLines += 1
            } else {
                for _ in 0..<emptyLines { out += [0x0D, 0x0A] }
                emptyLines = 0
                out += line
                out += [0x0D, 0x0A]
            }
            line.removeAll(keepingCapacity: true)
        }
        var previous: UInt8 = 0
        for byte in body {
            if byte == 0x0A {
                if previous == 0x0D, line.last == 0x0D { line.removeLast() }
                endLine()
            } else {
                line.append(byte)
            }
            previous = byte
        }
        if !line.isEmpty { endLine() }
        if out.isEmpty && self == .simple { return [0x0D, 0x0A] }
        return out
    }
}

extension MIMEMessage {
    /// The raw header fields called `name`, bottom-most first (the order DKIM's `h=` consumes them).
    public func rawHeaderFieldsForDKIM(_ name: String) -> [[UInt8]] {
        fields(named: name).reversed().map { Array(bytes[$0.range]) }
    }

    /// The message body (after the header's empty line) as DKIM hashes it.
    public func dkimBody(_ canonicalization: DKIMCanonicalization) -> [UInt8] {
        canonicalization.canonicalizeBody(bytes[root.bodyRange])
    }
}
