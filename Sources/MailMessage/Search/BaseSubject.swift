/// The RFC 5256 §2.1 base subject, the key of SORT SUBJECT and THREAD ORDEREDSUBJECT/REFERENCES.
public enum BaseSubject {
    /// Extracts the base subject from a raw Subject value.
    /// - Parameter rawSubject: The raw header value (encoded words are decoded first).
    /// - Returns: The base subject with white space runs collapsed; SORT compares it with
    ///   i;unicode-casemap (``UnicodeCasemap/fold(_:)``).
    public static func extract(_ rawSubject: [UInt8]) -> String {
        extract(decoded: EncodedWords.decode(HeaderText.unfold(rawSubject)))
    }

    /// Whether the subject indicates a reply or forward (steps 2–6 removed something), as THREAD needs.
    public static func isReplyOrForward(_ rawSubject: [UInt8]) -> Bool {
        let decoded = collapse(EncodedWords.decode(HeaderText.unfold(rawSubject)))
        return extract(decoded: decoded) != decoded.trimmingSpaces
    }

    /// Steps (2)–(6) of RFC 5256 §2.1 on an already decoded subject.
    static func extract(decoded: String) -> String {
        let scalars = Array(collapse(decoded).unicodeScalars)
        // The subject is scalars[start..<end]; moving indexes keeps this linear.
        var start = 0
        var end = scalars.count
        var changed = true
        while changed {
            changed = false
            // (2) subj-trailer: "(fwd)" / WSP at the end.
            while true {
                while end > start, scalars[end - 1] == " " { end -= 1 }
                if hasSuffix(scalars[start..<end], "(fwd)") { end -= 5 } else { break }
            }
            // (3)/(4) subj-leader and subj-blob, repeated.
            var inner = true
            while inner {
                inner = false
                while start < end, scalars[start] == " " { start += 1 }
                if let leader = refwdEnd(scalars[start..<end]) {
                    start = leader
                    inner = true
                    changed = true
                    continue
                }
                if let blob = blobEnd(scalars[start..<end], at: start), blob < end,
                    scalars[blob..<end].contains(where: { $0 != " " })
                {
                    start = blob
                    inner = true
                    changed = true
                }
            }
            // (6) "[fwd:" subject "]"
            if hasPrefix(scalars[start..<end], "[fwd:"), end - start >= 6, scalars[end - 1] == "]" {
                start += 5
                end -= 1
                changed = true
            }
        }
        return String(String.UnicodeScalarView(scalars[start..<end])).trimmingSpaces
    }

    private static func collapse(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(scalar)
                lastSpace = false
            }
        }
        return String(out)
    }

    /// subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"; returns the index after it.
    private static func refwdEnd(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
        var index: Int
        if hasPrefix(s, "re") {
            index = s.startIndex + 2
        } else if hasPrefix(s, "fwd") {
            index = s.startIndex + 3
        } else if hasPrefix(s, "fw") {
            index = s.startIndex + 2
        } else {
            return nil
        }
        while index < s.endIndex, s[index] == " " { index += 1 }
        if index < s.endIndex, s[index] == "[", let end = blobEnd(s, at: index) { index = end }
        guard index < s.endIndex, s[index] == ":" else { return nil }
        return index + 1
    }

    /// subj-blob = "[" *BLOBCHAR "]" *WSP; returns the index after it.
    private static func blobEnd(_ s: ArraySlice<Unicode.Scalar>, at start: Int) -> Int? {
        guard start < s.endIndex, s[start] == "[" else { return nil }
        var index = start + 1
        while index < s.endIndex, s[index] != "]" {
            if s[index] == "[" { return nil }
            index += 1
        }
        guard index < s.endIndex else { return nil }
        index += 1
        while index < s.endIndex, s[index] == " " { index += 1 }
        return index
    }

    private static func hasPrefix(_ s: ArraySlice<Unicode.Scalar>, _ prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        guard s.count >= p.count else { return false }
        for (a, b) in zip(s, p) where lower(a) != b { return false }
        return true
    }

    private static func hasSuffix(_ s: ArraySlice<Unicode.Scalar>, _ suffix: String) -> Bool {
        let p = Array(suffix.unicodeScalars)
        guard s.count >= p.count else { return false }
        for (a, b) in zip(s.suffix(p.count), p) where lower(a) != b { return false }
        return true
    }

    private static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " }), let last = scalars.lastIndex(where: { $0 != " " })
        else { return "" }
        return String(scalars[first...last])
    }
}
