import Auth
import ManageSieveServer
import ServerKit

/// Builds the ManageSieve connection handler the configuration describes: the quota from
/// `sieve.max_script_size` and `sieve.max_scripts`, users' homes as the other protocols find them.
enum ManageSieveSetup {
    static func handler(configuration: ColumbaConfiguration, authenticator: Authenticator) -> ManageSieveConnectionHandler {
        let settings = ManageSieveServerSettings(
            hostname: configuration.hostname,
            maximumScriptSize: configuration.sieve.maxScriptSize,
            maximumScripts: configuration.sieve.maxScripts
        )
        return ManageSieveConnectionHandler(settings: settings, authenticator: authenticator) { record in
            MailHome.path(for: record, configuration: configuration)
        }
    }
}
