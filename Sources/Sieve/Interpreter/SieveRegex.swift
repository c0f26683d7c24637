#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX extended regular expression for `:regex` (draft-ietf-sieve-regex), through the C
/// library's regcomp/regexec, which has no backreferences in ERE and so no exponential cases.
final class SieveRegex: @unchecked Sendable {
    private var compiled = regex_t()
    /// Capture groups in the pattern.
    let groupCount: Int

    /// Compiles `pattern`; `nil` when it is not a valid ERE.
    init?(_ pattern: String, caseInsensitive: Bool) {
        let flags = REG_EXTENDED | (caseInsensitive ? REG_ICASE : 0)
        guard regcomp(&compiled, pattern, flags) == 0 else { return nil }
        groupCount = Int(compiled.re_nsub)
    }

    deinit {
        regfree(&compiled)
    }

    /// The whole match and each group's text (empty for a group that did not take part), or
    /// `nil` when `value` does not match. Values with NUL bytes match up to the first NUL.
    func match(_ value: String) -> [String]? {
        var matches = [regmatch_t](repeating: regmatch_t(), count: groupCount + 1)
        let bytes = Array(value.utf8)
        guard regexec(&compiled, value, matches.count, &matches, 0) == 0 else { return nil }
        return matches.map { match in
            guard match.rm_so >= 0, match.rm_eo >= match.rm_so, Int(match.rm_eo) <= bytes.count else { return "" }
            return String(decoding: bytes[Int(match.rm_so)..<Int(match.rm_eo)], as: UTF8.self)
        }
    }
}
