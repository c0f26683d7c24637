/// A comparator with a match type (RFC 5228 §2.7, RFC 4790): how a test compares a value with
/// its keys.
struct SieveMatcher: Sendable {
    enum Comparator: String, Sendable {
        case octet = "i;octet"
        case asciiCasemap = "i;ascii-casemap"
        /// RFC 5051: every character replaced by its titlecase form.
        case unicodeCasemap = "i;unicode-casemap"
        case asciiNumeric = "i;ascii-numeric"
    }

    enum MatchType: Sendable, Equatable {
        case `is`
        case contains
        case matches
        /// draft-ietf-sieve-regex: a POSIX extended regular expression.
        case regex
        /// RFC 5231: compare each value with the relation.
        case value(Relation)
        /// RFC 5231: compare the number of values with the relation.
        case count(Relation)
    }

    /// `gt`, `ge`, `lt`, `le`, `eq`, `ne` (RFC 5231 §5).
    enum Relation: String, Sendable {
        case gt, ge, lt, le, eq, ne

        func holds(_ order: Int) -> Bool {
            switch self {
            case .gt: order > 0
            case .ge: order >= 0
            case .lt: order < 0
            case .le: order <= 0
            case .eq: order == 0
            case .ne: order != 0
            }
        }
    }

    /// The comparator's order of two strings: negative, zero or positive.
    func compare(_ a: String, _ b: String) -> Int {
        if comparator == .asciiNumeric {
            // No leading digits counts as positive infinity (RFC 4790 §9.1.1).
            switch (Self.numericPrefix(a), Self.numericPrefix(b)) {
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            case (let x?, let y?):
                if x.count != y.count { return x.count < y.count ? -1 : 1 }
                return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
            }
        }
        let x = fold(a).map(\.value)
        let y = fold(b).map(\.value)
        return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
    }

    var comparator: Comparator = .asciiCasemap
    var matchType: MatchType = .is

    /// Whether `value` matches any of `keys`.
    func matches(_ value: String, anyOf keys: [String]) -> Bool {
        keys.contains { matches(value, $0) }
    }

    /// For `:matches`, what each wildcard of the first matching key took (RFC 5229 §3.2: `${1}`
    /// onwards): every `*` as little as possible but the last, as Pigeonhole does. For `:regex`,
    /// the whole match and then each group. `nil` when no key matches; an empty list for the
    /// other match types.
    func captures(_ value: String, anyOf keys: [String]) -> [String]? {
        for key in keys where matches(value, key) {
            if matchType == .regex { return regex(key)?.match(value) ?? [] }
            guard matchType == .matches else { return [] }
            let pattern = Self.pattern(key, fold: fold)
            guard pattern.count <= Self.maximumCapturingPattern else { return [] }
            var failed = Set<Int>()
            let folded = fold(value)
            let original = Array(value.unicodeScalars)
            return Self.capture(folded[...], original, pattern[...], failed: &failed) ?? []
        }
        return nil
    }

    /// The compiled `:regex` key; i;ascii-casemap makes it case-insensitive.
    func regex(_ key: String) -> SieveRegex? {
        SieveRegex(key, caseInsensitive: comparator == .asciiCasemap || comparator == .unicodeCasemap)
    }

    /// Patterns longer than this match without captures (bounds the recursion).
    private static let maximumCapturingPattern = 256

    private static func capture(
        _ value: ArraySlice<Unicode.Scalar>,
        _ original: [Unicode.Scalar],
        _ pattern: ArraySlice<PatternElement>,
        failed: inout Set<Int>
    ) -> [String]? {
        let state = pattern.startIndex * (original.count + 1) + value.startIndex
        guard !failed.contains(state) else { return nil }
            guard let element = pattern.first else {
            if value.isEmpty { return [] }
            failed.insert(state)
            return nil
        }
        switch element {
        case .literal(let scalar):
            if value.first == scalar, let rest = capture(value.dropFirst(), original, pattern.dropFirst(), failed: &failed) {
                return rest
            }
        case .one:
            if !value.isEmpty, let rest = capture(value.dropFirst(), original, pattern.dropFirst(), failed: &failed) {
                return [String(String.UnicodeScalarView([original[value.startIndex]]))] + rest
            }
        case .any:
            for end in value.startIndex...value.endIndex {
                if let rest = capture(value[end...], original, pattern.dropFirst(), failed: &failed) {
                    var taken = String.UnicodeScalarView()
                    taken.append(contentsOf: original[value.startIndex..<end])
                    return [String(taken)] + rest
                }
            }
        }
        failed.insert(state)
        return nil
    }

    func matches(_ value: String, _ key: String) -> Bool {
        switch (matchType, comparator) {
        case (.value(let relation), _), (.count(let relation), _):
            return relation.holds(compare(value, key))
        case (.regex, _):
            return regex(key)?.match(value) != nil
        case (.is, .asciiNumeric):
            return Self.numericPrefix(value) == Self.numericPrefix(key)
        case (_, .asciiNumeric):
            return false
        case (.is, _):
            return Array(fold(value)) == Array(fold(key))
        case (.contains, _):
            let haystack = Array(fold(value))
            let needle = Array(fold(key))
            guard !needle.isEmpty else { return true }
            guard haystack.count >= needle.count else { return false }
            return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
        case (.matches, _):
            return Self.wildcard(Array(fold(value))[...], pattern: Self.pattern(key, fold: fold)[...])
        }
    }

    /// i;ascii-casemap folds only A–Z; i;unicode-casemap every letter; i;octet compares as is.
    private func fold(_ text: String) -> [Unicode.Scalar] {
        switch comparator {
        case .unicodeCasemap:
            // RFC 5051 §2: the simple titlecase mapping of each character (a character whose full
            // mapping is several characters, like ß, stays). The stdlib offers no compatibility
            // decomposition, so canonically equivalent but differently composed text stays distinct.
            return text.unicodeScalars.map { scalar in
                let mapped = scalar.properties.titlecaseMapping.unicodeScalars
                return mapped.count == 1 ? mapped.first! : scalar
            }
        case .asciiCasemap:
            return text.unicodeScalars.map { $0 >= "A" && $0 <= "Z" ? Unicode.Scalar($0.value + 32)! : $0 }
        default:
            return Array(text.unicodeScalars)
        }
    }

    /// A `:matches` pattern element.
    private enum PatternElement: Equatable {
        case literal(Unicode.Scalar)
        case any
        case one
    }

    /// `*` is any sequence, `?` one character, `\` escapes the next character.
    private static func pattern(_ key: String, fold: (String) -> [Unicode.Scalar]) -> [PatternElement] {
        var elements: [PatternElement] = []
        var escaped = false
        for scalar in fold(key) {
            if escaped {
                elements.append(.literal(scalar))
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "*" {
                // Each * is its own match variable, even next to another (RFC 5229 §3.2: `**`).
                elements.append(.any)
            } else if scalar == "?" {
                elements.append(.one)
            } else {
                elements.append(.literal(scalar))
            }
        }
        return elements
    }

    /// Greedy-with-backtracking wildcard match in O(value × pattern) time at worst.
    private static func wildcard(_ value: ArraySlice<Unicode.Scalar>, pattern: ArraySlice<PatternElement>) -> Bool {
        var v = value.startIndex
        var p = pattern.startIndex
        var starPattern: Int?
        var starValue = v
        while v < value.endIndex {
            if p < pattern.endIndex {
                switch pattern[p] {
                case .any:
                    starPattern = p
                    starValue = v
                    p += 1
                    continue
                case .one:
                    v += 1
                    p += 1
                    continue
                case .literal(let scalar) where scalar == value[v]:
                    v += 1
                    p += 1
                    continue
                default:
                    break
                }
            }
            guard let star = starPattern else { return false }
            p = star + 1
            starValue += 1
            v = starValue
        }
        while p < pattern.endIndex, pattern[p] == .any { p += 1 }
        return p == pattern.endIndex
    }

    /// i;ascii-numeric: the leading digits as a number; no digits is "positive infinity".
    private static func numericPrefix(_ text: String) -> [UInt8]? {
        let digits = text.utf8.prefix { $0 >= 48 && $0 <= 57 }
        guard !digits.isEmpty else { return nil }
        let trimmed = digits.drop { $0 == 48 }
        return Array(trimmed)
    }
}
