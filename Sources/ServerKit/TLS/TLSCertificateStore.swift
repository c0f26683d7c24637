import NIOCore
import NIOSSL
import Synchronization

/// Holds the server's TLS context and swaps it atomically on reload.
///
/// Check the files with `ColumbaConfiguration.validateFiles()` first: it explains every problem
/// (unreadable file, not PEM, key not matching its certificate, loose permissions) at the line of
/// the configuration; this type only reports the file it could not use.
///
/// Every new connection asks ``currentContext()`` for the context to handshake with; a connection
/// that is already up keeps the context it started with, so reloading certificates never drops a
/// client. Names sent by clients through SNI are looked up at handshake time in the table of the
/// context that connection uses.
public final class TLSCertificateStore: Sendable {
    private let state: Mutex<NIOSSLContext>

    /// Loads every certificate and key named by `configuration`; throws ``TLSLoadError`` naming
    /// the file that could not be used.
    public init(configuration: TLSConfiguration) throws {
        self.state = Mutex(try Self.makeContext(configuration))
    }

    /// The context new connections should use.
    public func currentContext() -> NIOSSLContext {
        state.withLock { $0 }
    }

    /// Loads `configuration` anew and makes the result current. On failure the old context stays in use.
    public func reload(configuration: TLSConfiguration) throws {
        let context = try Self.makeContext(configuration)
        state.withLock { $0 = context }
    }

    private static func makeContext(_ settings: TLSConfiguration) throws -> NIOSSLContext {
        let identity = try LoadedIdentity(settings.pair)
        var byName: [String: LoadedIdentity] = [:]
        for entry in settings.sni {
            byName[entry.serverName.lowercased()] = try LoadedIdentity(entry.pair)
        }
        var configuration = NIOSSL.TLSConfiguration.makeServerConfiguration(
            certificateChain: identity.chain.map { .certificate($0) },
            privateKey: .privateKey(identity.key)
        )
        configuration.minimumTLSVersion = settings.minimumVersion == .tls13 ? .tlsv13 : .tlsv12
        if !byName.isEmpty {
            let table = byName
            configuration.sslContextCallback = { values, promise in
                guard let name = values.serverHostname?.lowercased(), let match = table[name] else {
                    promise.succeed(.noChanges)
                    return
                }
                var override = NIOSSLContextConfigurationOverride()
                override.certificateChain = match.chain.map { .certificate($0) }
                override.privateKey = .privateKey(match.key)
                promise.succeed(override)
            }
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSLoadError(path: settings.pair.certificate, reason: "\(error)")
        }
    }
}

/// A certificate chain and key read from their PEM files.
private struct LoadedIdentity: Sendable {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey

    init(_ identity: TLSConfiguration.CertificatePair) throws {
        do {
            chain = try NIOSSLCertificate.fromPEMFile(identity.certificate)
        } catch {
            throw TLSLoadError(path: identity.certificate, reason: "cannot read a PEM certificate: \(error)")
        }
        guard !chain.isEmpty else {
            throw TLSLoadError(path: identity.certificate, reason: "the file holds no PEM certificate")
        }
        do {
            key = try NIOSSLPrivateKey(file: identity.key, format: .pem)
        } catch {
            throw TLSLoadError(path: identity.key, reason: "cannot read a PEM private key: \(error)")
        }
    }
}

/// A certificate or key file that could not be used.
public struct TLSLoadError: Error, CustomStringConvertible {
    /// The file at fault.
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}
