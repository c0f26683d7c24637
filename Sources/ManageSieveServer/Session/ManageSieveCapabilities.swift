import Auth
import ManageSieveGrammar
import ServerKit
import Sieve

/// The capability list (RFC 5804 §1.7) for a session's current state.
enum ManageSieveCapabilities {
    static func list(
        state: ManageSieveSessionState,
        connection: Connection,
        client: ClientInfo,
        authenticator: Authenticator,
        settings: ManageSieveServerSettings
    ) -> [Capability] {
        var list = [
            Capability("IMPLEMENTATION", "Columba"),
            // Only what this connection may use: no plaintext mechanism where the policy forbids
            // it, which may leave the list empty before STARTTLS (§1.7 allows that).
            Capability("SASL", authenticator.offeredMechanisms(for: client).map(\.rawValue).joined(separator: " ")),
            Capability("SIEVE", SieveScript.supportedExtensions.joined(separator: " ")),
        ]
        if connection.canStartTLS, !state.isAuthenticated { list.append(Capability("STARTTLS")) }
        list += [
            Capability("MAXREDIRECTS", String(settings.sieveLimits.maximumRedirects)),
            Capability("NOTIFY", "mailto"),
            Capability("VERSION", "1.0"),
            Capability("UNAUTHENTICATE"),
        ]
        return list
    }
}
