import NIOCore

/// One complete server response, as read by ``ResponseParser``: RFC 9051 §7 distinguishes
/// continuation requests, tagged completions and untagged responses (status or data).
public enum IMAPResponse: Equatable, Sendable {
    /// `+ text`: the server waits for the rest of a command (a literal, or IDLE's `DONE`).
    case continuation(String)
    /// `tag OK|NO|BAD [code] text`: the end of the command sent with `tag`.
    case tagged(tag: String, StatusResponse)
    /// `* OK|NO|BAD|BYE|PREAUTH [code] text`.
    case untaggedStatus(StatusResponse)
    /// `* ...` data: counts, FETCH, SEARCH, CAPABILITY, and the rest kept as values.
    case untaggedData(UntaggedData)
}

/// The condition word of a status response.
public enum StatusKind: String, Equatable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
    case bye = "BYE"
    case preauth = "PREAUTH"
}

/// A status response's condition, its optional `[response code]` (kept as its text, e.g.
/// `APPENDUID 38505 3955`) and the human-readable text after it.
public struct StatusResponse: Equatable, Sendable {
    public var kind: StatusKind
    public var code: String?
    public var text: String

    public init(kind: StatusKind, code: String? = nil, text: String) {
        self.kind = kind
        self.code = code
        self.text = text
    }

    /// The code's words split on spaces (`["APPENDUID", "38505", "3955"]`), empty without a code.
    public var codeWords: [Substring] {
        code?.split(separator: " ") ?? []
    }
}

/// Untagged data a client needs to follow the mailbox; anything else is kept as raw values.
public enum UntaggedData: Equatable, Sendable {
    /// `* n EXISTS`.
    case exists(Int)
    /// `* n RECENT`.
    case recent(Int)
    /// `* n EXPUNGE`: message sequence number n is gone; later numbers shift down by one.
    case expunge(Int)
    /// `* n FETCH (name value ...)`, names upper-cased (`UID`, `FLAGS`, `BODY[HEADER]`).
    case fetch(sequence: Int, attributes: [String: IMAPValue])
    /// `* SEARCH n ...`: the matching message numbers (UIDs for `UID SEARCH`).
    case search([UInt32])
    /// `* CAPABILITY ...`, upper-cased.
    case capability([String])
    /// Any other untagged data: its keyword, upper-cased, and the values that followed it.
    case other(keyword: String, values: [IMAPValue])
}

/// A value inside untagged data (RFC 9051 §4).
public enum IMAPValue: Equatable, Sendable {
    /// An atom, including flags (`\Seen`) and section names (`BODY[HEADER.FIELDS (FROM)]`).
    case atom(String)
    /// An atom made of digits only.
    case number(UInt64)
    /// A quoted string or a literal's bytes.
    case string(ByteBuffer)
    /// `NIL`.
    case nilValue
    /// A parenthesised list.
    case list([IMAPValue])
}

extension IMAPValue {
    /// The number, when this is one.
    public var number: UInt64? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The bytes of a string or literal, when this is one.
    public var bytes: ByteBuffer? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The atoms of a list (a FLAGS value), when this is a list of atoms.
    public var atoms: [String]? {
        guard case .list(let values) = self else { return nil }
        var atoms: [String] = []
        for value in values {
            guard case .atom(let atom) = value else { return nil }
            atoms.append(atom)
        }
        return atoms
    }
}
