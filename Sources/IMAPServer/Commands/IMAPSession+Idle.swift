import IMAPGrammar
import Logging
import MailStore
import NIOCore
import ServerKit

/// IDLE (RFC 2177, RFC 9051 §6.3.13): changes to the selected mailbox are pushed while the
/// client waits, as soon as any session of the user (or LMTP) makes them, and at least every
/// ``IMAPServerSettings/idleCheckInterval`` for changes made by other processes.
extension IMAPSession {
    mutating func idle(tag: String, in mailboxes: MailStoreAdapter) async throws -> Next {
        try await send(.continuation(.text("idling")))
        if case .close = try await reportChanges(in: mailboxes) { return .close }
        // While idling the session counts as waiting: a graceful shutdown says BYE at once.
        guard shutdown.endCommand() else {
            try await send(.untagged(.bye(nil, "Server shutting down.")))
            return .close
        }
        // The watcher writes on its own from here on.
        try await flush()
        let watcher = IdleWatcher(
            selected: state.selected, mailboxes: mailboxes, options: updateOptions, output: output,
            encoding: encodingOptions, interval: settings.idleCheckInterval, connection: connection, logger: logger
        )
        let frame = try await input.next(readRequest(mode: .idle))
        let outcome = await watcher.stop()
        if case .watching(let selected) = outcome { state.selected = selected }
        guard shutdown.beginCommand(), let frame, case .watching = outcome else { return .close }
        guard case .idleDone = frame else { return try await invalid(tag: tag, "Expected DONE.") }
        try await send(tag, .ok("IDLE terminated."))
        return .continue
    }
}

/// Watches the selected mailbox during IDLE and writes the untagged responses that report
/// changes. It owns the session's view of the mailbox until ``stop()`` hands it back.
struct IdleWatcher {
    /// How the watch ended.
    enum Outcome: Sendable {
        /// Still selected (or nothing selected): the view, with what the client was told.
        case watching(SelectedMailbox?)
        /// The mailbox was deleted; BYE was sent and the connection closed.
        case mailboxDeleted
    }

    private let wake: AsyncStream<Void>.Continuation
    private let task: Task<Outcome, Never>
    private let triggers: [Task<Void, Never>]

    init(
        selected: SelectedMailbox?,
        mailboxes: MailStoreAdapter,
        options: SelectedMailbox.UpdateOptions,
        output: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        encoding: EncodingOptions,
        interval: Duration,
        connection: Connection,
        logger: Logger
    ) {
        let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        // One look at once: a change made before the subscription below would otherwise wait
        // for the next interval.
        wake.yield()
        guard let watched = selected?.guid else {
            task = Task { .watching(selected) }
            triggers = []
            return
        }
        let changes = mailboxes.changes()
        triggers = [
            Task {
                for await change in changes where change.mailbox == watched { wake.yield() }
            },
            Task {
                while (try? await Task.sleep(for: interval)) != nil { wake.yield() }
            },
        ]
        task = Task {
            var view = selected!
            for await _ in wakeups {
                do {
                    guard let responses = try await view.refresh(from: mailboxes, holdingExpunges: false, options: options) else {
                        connection.sendAndClose("* BYE \(SelectedMailbox.deletedMessage)\r\n")
                        return .mailboxDeleted
                    }
                    for response in responses {
                        try await output.write(Response.untagged(response).encoded(options: encoding))
                    }
                } catch {
                    // A failed look is tried again at the next wake-up; the view is unchanged
                    // by a failed refresh, and a failed write means the client is gone.
                    logger.notice("IDLE update failed", metadata: ["error": "\(error)"])
                }
            }
            return .watching(view)
        }
    }

    /// Ends the watch once any update in progress is written, and hands the view back.
    func stop() async -> Outcome {
        for trigger in triggers { trigger.cancel() }
        wake.finish()
        return await task.value
    }
}
