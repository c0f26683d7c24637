/// One header field of a message or MIME part, as offsets into the message's bytes.
///
/// `range` covers the whole field including its continuation lines and its final line end;
/// `nameRange` is the field name without trailing white space; `valueRange` starts after the colon
/// and any white space that follows it, and ends before the final line end (folding is kept).
/// A line without a colon is kept as a field whose name is the whole line, whose value is empty and
/// whose ``hasColon`` is `false`; lookups by name skip such lines (as Dovecot does).
public struct HeaderField: Sendable, Hashable {
    /// The whole field, continuation lines and final line end included.
    public var range: Range<Int>
    /// The field name.
    public var nameRange: Range<Int>
    /// The raw (folded, undecoded) value.
    public var valueRange: Range<Int>
    /// Whether the line had a colon (a real field rather than a broken line).
    public var hasColon: Bool

    /// Creates a field from its offsets.
    public init(range: Range<Int>, nameRange: Range<Int>, valueRange: Range<Int>, hasColon: Bool = true) {
        self.range = range
        self.nameRange = nameRange
        self.valueRange = valueRange
        self.hasColon = hasColon
    }
}
