/// The `{n}` or `{n+}` that ends a line announcing a literal (RFC 5804 §4:
/// `literal-c2s = "{" number "+}" CRLF *OCTET`; the synchronizing form is read the same way,
/// as Dovecot does, for there are no continuation requests in ManageSieve).
enum LiteralMarker {
    /// The outcome of looking at the end of a line.
    enum Found: Equatable {
        /// The line does not end in a literal marker.
        case none
        /// A marker announcing `size` octets, which starts at `start`.
        case literal(size: UInt64, start: Int)
        /// A marker whose number does not fit 32 bits.
        case tooLarge(start: Int)
    }

    /// Looks for a marker at the end of `line` (CRLF removed).
    static func find<Bytes: RandomAccessCollection<UInt8>>(in line: Bytes) -> Found where Bytes.Index == Int {
        guard let last = line.last, last == UInt8(ascii: "}") else { return .none }
        var index = line.endIndex - 2
        if index >= line.startIndex, line[index] == UInt8(ascii: "+") { index -= 1 }
        let digitsEnd = index + 1
        while index >= line.startIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[index]) { index -= 1 }
        let digitsStart = index + 1
        guard digitsStart < digitsEnd, index >= line.startIndex, line[index] == UInt8(ascii: "{") else { return .none }
        var size: UInt64 = 0
        for digit in line[digitsStart..<digitsEnd] {
            size = size * 10 + UInt64(digit - UInt8(ascii: "0"))
            if size > ManageSieveDefaults.maximumNumber { return .tooLarge(start: index) }
        }
        return .literal(size: size, start: index)
    }
}
