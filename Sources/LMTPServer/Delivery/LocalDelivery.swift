import Auth
import Foundation
import Logging
import MailStore
import SMTPGrammar
import Sieve
import SieveScripts

/// Delivers messages to local users: the userdb lookup for RCPT, then per recipient the Sieve
/// chain and its actions (store, discard, reject, redirect, vacation).
public final class LocalDelivery: Sendable {
    private let authenticator: Authenticator
    private let homeDirectory: @Sendable (UserRecord) -> String
    private let openStore: @Sendable (String) async throws -> UserMailStore
    private let sieve: SieveScriptChain
    private let outbound: (any OutboundSender)?
    private let hostname: String

    /// - Parameters:
    ///   - homeDirectory: where a user's home is (``SieveScriptStore`` and vacation state live there).
    ///   - openStore: the mail store in a home, shared with the user's other sessions.
    ///   - sieve: the administrator's script chain; the user's active script runs in its middle.
    ///   - outbound: where redirects and vacation replies go; `nil` drops them with a logged note.
    public init(
        authenticator: Authenticator,
        homeDirectory: @escaping @Sendable (UserRecord) -> String,
        openStore: @escaping @Sendable (String) async throws -> UserMailStore,
        sieve: SieveScriptChain,
        outbound: (any OutboundSender)?,
        hostname: String
    ) {
        self.authenticator = authenticator
        self.homeDirectory = homeDirectory
        self.openStore = openStore
        self.sieve = sieve
        self.outbound = outbound
        self.hostname = hostname
    }

    /// Looks up the user of `address`; `user+detail@domain` falls back to `user@domain`.
    public func lookUp(_ address: String) async -> RecipientLookup {
        var candidates = [address]
        if let at = address.lastIndex(of: "@"), let plus = address[..<at].firstIndex(of: "+") {
            candidates.append(String(address[..<plus] + address[at...]))
        }
        do {
            for candidate in candidates {
                if let record = try await authenticator.lookupUser(candidate, service: "lmtp") {
                    return .found(DeliveryRecipient(address: address, user: record, home: homeDirectory(record)))
                }
            }
            return .unknown
        } catch {
            return .temporaryFailure
        }
    }

    /// Delivers `message` to `recipient` and returns the reply for that recipient; a 2xx only
    /// once every copy it stored is on stable storage.
    /// - Parameters:
    ///   - deliveredTo: whether the copies carry a Delivered-To field; without it, the copies of
    ///     several recipients are the same bytes.
    ///   - sharing: another recipient's stored file of those bytes, linked instead of written.
    /// - Returns: the reply, and the file of the first unedited copy stored, for the next recipients.
    public func deliver(
        _ message: IncomingMessage, to recipient: DeliveryRecipient, deliveredTo: Bool,
        sharing: SharedMessageFile? = nil, logger: Logger
    ) async -> (reply: SMTPReply, file: SharedMessageFile?) {
        var logger = logger
        logger[metadataKey: "recipient"] = "\(recipient.address)"
        let writer: MailboxWriter
        do {
            let store = try await openStore(recipient.home)
            store.quota = QuotaLimits(storageBytes: recipient.user.quotaStorageBytes, messages: recipient.user.quotaMessageCount)
            writer = MailboxWriter(store: store)
        } catch {
            logger.error("cannot open the mail store", metadata: ["error": "\(error)"])
            return (LMTPReplies.temporaryFailure, nil)
        }
        let outcome = await runSieve(message, for: recipient, writer: writer, logger: logger)
        if let reason = outcome.actions.lazy.compactMap(Self.rejection).first {
            logger.info("rejected by sieve", metadata: ["reason": "\(reason)"])
            return (SMTPReply(code: 550, enhancedStatus: .init(5, 7, 1), text: reason), nil)
        }
        let edited = outcome.editedMessage
        let content = edited ?? message.bytes
        var copy = CopyToStore(message: message, deliveredTo: deliveredTo ? recipient.address : nil, edited: edited, sharedFile: sharing)
        var storedSomewhere = false
        var redirected = false
        var redirectFailed = false
        do {
            for action in outcome.actions {
                switch action {
                case .keep(let flags):
                    try await store(&copy, in: "INBOX", flags: flags, create: false, writer, logger)
                    storedSomewhere = true
                case .fileInto(let mailbox, let flags, let create, let specialUse):
                    let target = try await writer.mailbox(withSpecialUse: specialUse) ?? mailbox
                    try await store(&copy, in: target, flags: flags, create: create, specialUse: specialUse, writer, logger)
                    storedSomewhere = true
                case .notify(let notification):
                    await notify(notification, message: message, recipient: recipient, logger: logger)
                case .redirect(let address):
                    if await redirect(message, content, to: address, recipient: recipient, logger: logger) {
                        redirected = true
                    } else {
                        redirectFailed = true
                    }
                case .vacation(let response):
                    await vacation(response, message: message, recipient: recipient, logger: logger)
                case .discard, .reject:
                    break
                }
            }
            if redirectFailed && !storedSomewhere {
                logger.notice("redirect failed and nothing else stored the message; keeping it in INBOX")
                try await store(&copy, in: "INBOX", flags: nil, create: false, writer, logger)
                storedSomewhere = true
            }
        } catch let error as QuotaExceeded {
            logger.notice("over quota", metadata: ["error": "\(error)"])
            return (SMTPReply(code: 552, enhancedStatus: .init(5, 2, 2), text: "<\(recipient.address)> \(error)"), nil)
        } catch {
            logger.error("cannot store the message", metadata: ["error": "\(error)"])
            return (LMTPReplies.temporaryFailure, nil)
        }
        let what = storedSomewhere ? "Saved" : redirected ? "Redirected" : "Discarded"
        return (SMTPReply(code: 250, enhancedStatus: .init(2, 0, 0), text: "<\(recipient.address)> \(what)"), copy.storedFile)
    }

    private func runSieve(
        _ message: IncomingMessage, for recipient: DeliveryRecipient, writer: MailboxWriter, logger: Logger
    ) async -> SieveScriptChain.Outcome {
        var environment = SieveEnvironment(
            message: message.parsed, size: message.bytes.count, envelopeFrom: message.sender,
            envelopeTo: recipient.address, now: message.receivedAt,
            localZoneOffset: TimeZone.current.secondsFromGMT() / 60
        )
        environment.items["domain"] = hostname
        environment.items["host"] = hostname
        if let names = try? await writer.mailboxNames() { environment.mailboxes = names.union(["INBOX"]) }
        let personal = SieveScriptStore(home: recipient.home).activePath()
        return sieve.run(personal: personal, environment: environment, logger: logger)
    }

    private func store(
        _ copy: inout CopyToStore, in mailbox: String, flags: Set<String>?, create: Bool, specialUse: String? = nil,
        _ writer: MailboxWriter, _ logger: Logger
    ) async throws {
        let (bytes, summary) = copy.message.stored(deliveredTo: copy.deliveredTo, edited: copy.edited)
        let message = MessageToAppend(bytes: bytes, internalDate: Int64(copy.message.receivedAt), summary: summary,
                                      sharedFile: copy.edited == nil ? copy.sharedFile : nil)
        let (target, file) = try await writer.save(message, to: mailbox, flags: flags, create: create, specialUse: specialUse) {
            logger.notice("fileinto fell back to INBOX", metadata: ["reason": "\($0)"])
        }
        if copy.edited == nil, copy.storedFile == nil { copy.storedFile = file }
        // A second copy for this recipient (fileinto and keep) links the first.
        if copy.sharedFile == nil { copy.sharedFile = copy.storedFile }
        logger.info("saved", metadata: ["mailbox": "\(target)", "size": "\(bytes.count)"])
    }

    /// Sends the redirect; `false` when it could not be handed on.
    private func redirect(
        _ message: IncomingMessage, _ content: [UInt8], to address: String, recipient: DeliveryRecipient, logger: Logger
    ) async -> Bool {
        guard let outbound else {
            logger.notice("redirect dropped: no sieve.relay configured", metadata: ["to": "\(address)"])
            return false
        }
        guard let outgoing = SieveOutboundMessages.redirect(message, content: content, to: address, userAddress: recipient.address)
        else {
            logger.notice("redirect loop: the message was already redirected by this user", metadata: ["to": "\(address)"])
            return false
        }
        do {
            try await outbound.send(outgoing)
            logger.info("redirected", metadata: ["to": "\(address)"])
            return true
        } catch {
            logger.error("redirect failed", metadata: ["to": "\(address)", "error": "\(error)"])
            return false
        }
    }

    private func vacation(_ response: VacationResponse, message: IncomingMessage, recipient: DeliveryRecipient, logger: Logger) async {
        guard let outbound else {
            logger.notice("vacation reply dropped: no sieve.relay configured")
            return
        }
        let tracker = VacationTracker(home: recipient.home)
        do {
            guard try tracker.claim(handle: response.handle, sender: response.recipient, interval: response.interval,
                                    now: message.receivedAt)
            else {
                logger.info("vacation: already answered this sender", metadata: ["sender": "\(response.recipient)"])
                return
            }
            let reply = SieveOutboundMessages.vacation(
                response, userAddress: recipient.address, original: message.parsed, hostname: hostname, date: Date()
            )
            try await outbound.send(reply)
            logger.info("vacation reply sent", metadata: ["to": "\(response.recipient)"])
        } catch {
            logger.error("vacation reply failed", metadata: ["error": "\(error)"])
        }
    }

    private func notify(_ notification: SieveNotification, message: IncomingMessage, recipient: DeliveryRecipient,
                        logger: Logger) async {
        guard let outbound else {
            logger.notice("notification dropped: no sieve.relay configured")
            return
        }
        guard let outgoing = SieveOutboundMessages.notification(
            notification, userAddress: recipient.address, original: message.parsed, hostname: hostname, date: Date()
        ) else {
            logger.notice("notification dropped: unsupported method", metadata: ["method": "\(notification.method)"])
            return
        }
        do {
            try await outbound.send(outgoing)
            logger.info("notification sent", metadata: ["to": "\(outgoing.recipients.joined(separator: ","))"])
        } catch {
            logger.error("notification failed", metadata: ["error": "\(error)"])
        }
    }

    private static func rejection(_ action: SieveAction) -> String? {
        if case .reject(let reason, _) = action { return reason.isEmpty ? "Rejected" : reason }
        return nil
    }
}

/// One recipient's copies of a delivered message: the bytes they are made of, and the file they
/// may share with other copies of the same bytes.
private struct CopyToStore {
    let message: IncomingMessage
    /// The Delivered-To address, or none (a message for several recipients).
    let deliveredTo: String?
    /// A Sieve script's edit of the message, stored instead of it.
    let edited: [UInt8]?
    /// A file of the same bytes to link: another recipient's, or this recipient's first copy.
    var sharedFile: SharedMessageFile?
    /// The file of this recipient's first unedited copy, for the recipients after it.
    var storedFile: SharedMessageFile?
}
