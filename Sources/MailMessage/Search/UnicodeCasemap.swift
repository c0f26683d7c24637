/// The `i;unicode-casemap` comparator (RFC 5051) used by IMAP SEARCH and SORT and by Sieve.
///
/// Each character is replaced by its Unicode titlecase mapping; characters with a canonical
/// decomposition that is a letter plus combining marks keep the letter and drop the marks
/// (a pragmatic stand-in for full NFKD, which the Swift standard library does not expose).
public enum UnicodeCasemap {
    /// The folded form of a string: equal folded forms compare equal under i;unicode-casemap.
    public static func fold(_ text: String) -> String {
        // Most mail text is ASCII: upper-case its bytes without looking up Unicode properties.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                scalars.append(value >= 0x61 && value <= 0x7A ? Unicode.Scalar(value - 0x20)! : scalar)
                continue
            }
            let properties = scalar.properties
            // Drop combining marks (the decomposed accents) so "é" matches "e\u{301}" and "E".
            if properties.canonicalCombiningClass.rawValue != 0 { continue }
            if properties.isWhitespace {
                scalars.append(" ")
                continue
            }
            for mapped in properties.titlecaseMapping.unicodeScalars {
                for base in baseLetter(mapped).unicodeScalars {
                    // Multi-character titlecase mappings ("ß" → "Ss") are folded all the way, so "ß" matches "SS".
                    let value = base.value
                    scalars.append(value >= 0x61 && value <= 0x7A ? Unicode.Scalar(value - 0x20)! : base)
                }
            }
        }
        return String(scalars)
    }

    /// Whether `haystack` contains `needle` under i;unicode-casemap (the IMAP SEARCH substring match).
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        let folded = fold(needle)
        if folded.isEmpty { return true }
        return ByteSearch.firstIndex(of: Array(folded.utf8), in: Array(fold(haystack).utf8)[...]) != nil
    }

    /// Latin letters with diacritics map to their base letter (the first scalar of their NFD form).
    private static func baseLetter(_ scalar: Unicode.Scalar) -> String {
        let decomposed = String(scalar).decomposedBase
        return decomposed
    }
}

extension String {
    /// The first scalar of the canonical decomposition, for precomposed Latin/Greek/Cyrillic letters.
    fileprivate var decomposedBase: String {
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1, !scalar.isASCII else { return self }
        let name = scalar.properties.name ?? ""
        // "LATIN CAPITAL LETTER E WITH ACUTE" → "LATIN CAPITAL LETTER E"
        guard let range = name.firstRange(of: " WITH ") else { return self }
        let baseName = String(name[..<range.lowerBound])
        if let base = UnicodeCasemapNames.scalar(named: baseName) { return String(base) }
        return self
    }
}

/// Looks up a scalar by its Unicode name for the letters that have decomposed forms (Latin, Greek, Cyrillic).
enum UnicodeCasemapNames {
    static let table: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [:]
        for range in [0x41...0x5A, 0x391...0x3A9, 0x410...0x42F, 0x400...0x40F] {
            for value in range {
                if let scalar = Unicode.Scalar(value), let name = scalar.properties.name { table[name] = scalar }
            }
        }
        return table
    }()

    static func scalar(named name: String) -> Unicode.Scalar? { table[name] }
}
