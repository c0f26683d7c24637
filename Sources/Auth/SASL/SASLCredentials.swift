/// A credential derived from a stored password for a challenge-response mechanism.
public enum SASLCredentials: Sendable, Hashable {
    case scram(SCRAMCredentials)
    /// Dovecot's 32-byte CRAM-MD5 context.
    case cramMD5([UInt8])
}
