/// One lexical token of RFC 5228 §2 and §8.1.
public struct SieveToken: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A command or test name, lower-cased (identifiers are case-insensitive).
        case identifier(String)
        /// `:name`, lower-cased.
        case tag(String)
        /// A number with its K/M/G quantifier applied.
        case number(UInt64)
        /// A quoted string or a `text:` block, escapes and dot-stuffing removed.
        case string(String)
        case leftBracket
        case rightBracket
        case leftParenthesis
        case rightParenthesis
        case leftBrace
        case rightBrace
        case comma
        case semicolon
    }

    public var kind: Kind
    public var location: SourceLocation
}
