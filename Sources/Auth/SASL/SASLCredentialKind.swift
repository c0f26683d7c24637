/// Which credential a mechanism needs from the passdb.
public enum SASLCredentialKind: Sendable, Hashable {
    case scram(SCRAMAlgorithm)
    case cramMD5
}
