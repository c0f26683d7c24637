/// Finding a byte string inside bytes, without the generic machinery of the standard library's
/// `firstRange(of:)`, which costs a type-metadata lookup per comparison and dominated search
/// and dbox reading when profiled.
public enum ByteSearch {
    /// The offset (into `haystack`'s indices) where `needle` first starts, or `nil`.
    public static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty else { return haystack.startIndex }
        guard needle.count <= haystack.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let first = pin[0]
                let lastStart = hay.count - pin.count
                var index = 0
                while index <= lastStart {
                    if hay[index] == first {
                        var matched = 1
                        while matched < pin.count, hay[index + matched] == pin[matched] { matched += 1 }
                        if matched == pin.count { return haystack.startIndex + index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }

    /// The range where `needle` first occurs in `haystack`, or `nil`.
    public static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Range<Int>? {
        firstIndex(of: needle, in: haystack).map { $0..<($0 + needle.count) }
    }
}
