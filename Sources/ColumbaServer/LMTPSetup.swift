import Auth
import LMTPServer
import MailStore
import ServerKit

/// Builds the LMTP connection handler the configuration describes: limits from `lmtp.*`, the
/// Sieve chain and relay from `sieve.*`, homes and stores as the other protocols find them.
enum LMTPSetup {
    static func handler(
        configuration: ColumbaConfiguration, authenticator: Authenticator, stores: OpenMailStores
    ) -> LMTPConnectionHandler {
        let settings = LMTPServerSettings(
            hostname: configuration.hostname,
            maximumMessageSize: configuration.lmtp.maxMessageSize,
            maximumRecipients: configuration.lmtp.maxRecipients,
            addsReceivedHeader: configuration.lmtp.receivedHeader
        )
        let delivery = LocalDelivery(
            authenticator: authenticator,
            homeDirectory: { MailHome.path(for: $0, configuration: configuration) },
            openStore: { home in try await stores.store(home: home) },
            sieve: SieveScriptChain(before: configuration.sieve.before, after: configuration.sieve.after,
                                    cache: CompiledScriptCache()),
            outbound: configuration.sieve.relay.flatMap { SMTPRelaySender(relay: $0, heloName: configuration.hostname) },
            hostname: configuration.hostname
        )
        return LMTPConnectionHandler(settings: settings, delivery: delivery)
    }
}
