import struct NIOCore.ByteBuffer

/// `resp-text-code` (RFC 9051 §7.1, RFC 5530, RFC 4315 UIDPLUS, RFC 7162, RFC 8474, RFC 6154).
public enum ResponseCode: Hashable, Sendable {
    case alert
    case alreadyExists
    case appendUID(uidValidity: UInt32, uids: SequenceSet)
    case authenticationFailed
    case authorizationFailed
    case badCharset([String])
    case cannot
    case capability([String])
    case clientBug
    case closed
    case contactAdmin
    case copyUID(uidValidity: UInt32, source: SequenceSet, destination: SequenceSet)
    case corruption
    case expired
    case expungeIssued
    case hasChildren
    case highestModSeq(UInt64)
    case inUse
    case limit
    case mailboxID(String)
    case modified(SequenceSet)
    case noModSeq
    case nonexistent
    case noPerm
    case overQuota
    case parse
    /// `PERMANENTFLAGS (flags [\*])`; `allowsNewKeywords` adds `\*`.
    case permanentFlags([Flag], allowsNewKeywords: Bool)
    case privacyRequired
    case readOnly
    case readWrite
    case serverBug
    case tooBig
    case tryCreate
    case uidNext(UInt32)
    case uidNotSticky
    case uidValidity(UInt32)
    case unavailable
    case unknownCTE
    case unseen(UInt32)
    case useAttribute
    /// Any other code: an atom and optional text.
    case other(String, String?)
}

// MARK: - Encoding

extension EncodeBuffer {
    /// Writes `resp-text-code` without the brackets.
    public mutating func writeResponseCode(_ code: ResponseCode) {
        switch code {
        case .alert: writeRaw("ALERT")
        case .alreadyExists: writeRaw("ALREADYEXISTS")
        case .appendUID(let validity, let uids):
            writeRaw("APPENDUID \(validity) ")
            writeSequenceSet(uids)
        case .authenticationFailed: writeRaw("AUTHENTICATIONFAILED")
        case .authorizationFailed: writeRaw("AUTHORIZATIONFAILED")
        case .badCharset(let charsets):
            writeRaw("BADCHARSET")
            if !charsets.isEmpty {
                writeSpace()
                writeList(charsets) { $0.writeAString($1) }
            }
        case .cannot: writeRaw("CANNOT")
        case .capability(let capabilities):
            writeRaw("CAPABILITY")
            for capability in capabilities { writeRaw(" " + capability) }
        case .clientBug: writeRaw("CLIENTBUG")
        case .closed: writeRaw("CLOSED")
        case .contactAdmin: writeRaw("CONTACTADMIN")
        case .copyUID(let validity, let source, let destination):
            writeRaw("COPYUID \(validity) ")
            writeSequenceSet(source)
            writeSpace()
            writeSequenceSet(destination)
        case .corruption: writeRaw("CORRUPTION")
        case .expired: writeRaw("EXPIRED")
        case .expungeIssued: writeRaw("EXPUNGEISSUED")
        case .hasChildren: writeRaw("HASCHILDREN")
        case .highestModSeq(let modSeq): writeRaw("HIGHESTMODSEQ \(modSeq)")
        case .inUse: writeRaw("INUSE")
        case .limit: writeRaw("LIMIT")
        case .mailboxID(let id): writeRaw("MAILBOXID (\(id))")
        case .modified(let set):
            writeRaw("MODIFIED ")
            writeSequenceSet(set)
        case .noModSeq: writeRaw("NOMODSEQ")
        case .nonexistent: writeRaw("NONEXISTENT")
        case .noPerm: writeRaw("NOPERM")
        case .overQuota: writeRaw("OVERQUOTA")
        case .parse: writeRaw("PARSE")
        case .permanentFlags(let flags, let allowsNew):
            writeRaw("PERMANENTFLAGS ")
            writeList(flags.map(\.text) + (allowsNew ? ["\\*"] : [])) { $0.writeRaw($1) }
        case .privacyRequired: writeRaw("PRIVACYREQUIRED")
        case .readOnly: writeRaw("READ-ONLY")
        case .readWrite: writeRaw("READ-WRITE")
        case .serverBug: writeRaw("SERVERBUG")
        case .tooBig: writeRaw("TOOBIG")
        case .tryCreate: writeRaw("TRYCREATE")
        case .uidNext(let uid): writeRaw("UIDNEXT \(uid)")
        case .uidNotSticky: writeRaw("UIDNOTSTICKY")
        case .uidValidity(let validity): writeRaw("UIDVALIDITY \(validity)")
        case .unavailable: writeRaw("UNAVAILABLE")
        case .unknownCTE: writeRaw("UNKNOWN-CTE")
        case .unseen(let number): writeRaw("UNSEEN \(number)")
        case .useAttribute: writeRaw("USEATTR")
        case .other(let atom, let text):
            writeRaw(atom)
            if let text {
                writeSpace()
                writeRaw(EncodeBuffer.sanitizedText(text).replacingOccurrences(of: "]", with: ""))
            }
        }
    }

    /// `text = 1*TEXT-CHAR`: CR, LF and NUL become spaces so a text can never end a line early.
    static func sanitizedText(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar == "\r" || scalar == "\n" || scalar == "\0" ? " " : scalar)
        }
        return String(scalars)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
