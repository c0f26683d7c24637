import NIOCore
import NIOSSL

/// One client connection driven one command at a time: sends tagged commands (with a literal when
/// asked, synchronising unless the server has LITERAL+), collects the untagged responses and the
/// tagged completion, and keeps the exchange for error reports. Used by a single task.
public final class IMAPSession {
    /// The user this session logs in as, for error reports.
    public let user: String
    /// The server's capabilities, upper-cased, as last announced (greeting, LOGIN, CAPABILITY).
    public private(set) var capabilities: Set<String> = []

    private var inbound: NIOAsyncChannelInboundStream<ReceivedResponse>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel
    private var nextTag = 1
    private var transcript = Transcript()

    init(user: String, inbound: NIOAsyncChannelInboundStream<ReceivedResponse>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
         channel: any Channel) {
        self.user = user
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.channel = channel
    }

    /// A violation carrying this session's user and current exchange.
    public func violation(_ reason: String) -> ProtocolViolation {
        ProtocolViolation(reason: reason, user: user, exchange: transcript.shown)
    }

    /// Reads the greeting, which must be an untagged OK (or PREAUTH).
    public func readGreeting() async throws -> StatusResponse {
        transcript.reset()
        guard case .untaggedStatus(let status) = try await next(), status.kind == .ok || status.kind == .preauth else {
            throw violation("the greeting is not an untagged OK")
        }
        noteCapabilities(in: status)
        return status
    }

    /// Sends `command` (without tag) and reads up to its tagged completion. With `literal`, the
    /// command text is followed by the literal's announcement and then its bytes. `shown` replaces
    /// the command in error reports (to hide a password).
    public func run(_ command: String, literal: ByteBuffer? = nil, shown: String? = nil) async throws -> CommandResult {
        transcript.reset()
        let tag = makeTag()
        let start = ContinuousClock.now
        var untagged: [IMAPResponse] = []
        if let literal {
            let nonSynchronizing = capabilities.contains("LITERAL+")
            let announcement = "{\(literal.readableBytes)\(nonSynchronizing ? "+" : "")}"
            try await send("\(tag) \(command) \(announcement)", shown: "\(tag) \(shown ?? command) \(announcement)")
            if !nonSynchronizing {
                if let completion = try await readUntilContinuation(tag: tag, untagged: &untagged) {
                    return CommandResult(untagged: untagged, completion: completion, elapsed: ContinuousClock.now - start)
                }
            }
            var bytes = literal
            bytes.writeStaticString("\r\n")
            transcript.client("(literal of \(literal.readableBytes) bytes)")
            try await outbound.write(bytes)
        } else {
            try await send("\(tag) \(command)", shown: "\(tag) \(shown ?? command)")
        }
        let completion = try await readCompletion(tag: tag, untagged: &untagged)
        return CommandResult(untagged: untagged, completion: completion, elapsed: ContinuousClock.now - start)
    }

    /// Sends IDLE and waits for the server's continuation; returns the tag to pass to ``finishIdle(tag:)``.
    public func startIdle() async throws -> String {
        transcript.reset()
        let tag = makeTag()
        try await send("\(tag) IDLE")
        var untagged: [IMAPResponse] = []
        if let completion = try await readUntilContinuation(tag: tag, untagged: &untagged) {
            throw violation("IDLE refused: \(completion.kind.rawValue) \(completion.text)")
        }
        return tag
    }

    /// Ends an IDLE with DONE and reads its completion.
    public func finishIdle(tag: String) async throws -> CommandResult {
        let start = ContinuousClock.now
        try await send("DONE")
        var untagged: [IMAPResponse] = []
        let completion = try await readCompletion(tag: tag, untagged: &untagged)
        return CommandResult(untagged: untagged, completion: completion, elapsed: ContinuousClock.now - start)
    }

    /// Runs STARTTLS and, on OK, puts TLS under the IMAP handlers; capabilities are forgotten
    /// (RFC 9051 §6.2.1) until announced again.
    public func startTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        let result = try await run("STARTTLS")
        guard result.completion.kind == .ok else { throw violation("STARTTLS refused") }
        capabilities = []
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    // MARK: - Reading

    private func next() async throws -> IMAPResponse {
        let received: ReceivedResponse?
        do {
            received = try await inbound.next()
        } catch let error as IMAPResponseError {
            throw violation(error.description)
        }
        guard let received else { throw violation("the server closed the connection") }
        transcript.server(received.raw)
        return received.response
    }

    /// Reads until `tag`'s completion, collecting untagged responses.
    private func readCompletion(tag: String, untagged: inout [IMAPResponse]) async throws -> StatusResponse {
        while true {
            let response = try await next()
            switch response {
            case .tagged(let responseTag, let status):
                guard responseTag == tag else { throw violation("completion for unknown tag \(responseTag)") }
                noteCapabilities(in: status)
                return status
            case .continuation:
                throw violation("unexpected continuation request")
            case .untaggedData(.capability(let list)):
                capabilities = Set(list)
                untagged.append(response)
            case .untaggedStatus(let status):
                noteCapabilities(in: status)
                untagged.append(response)
            case .untaggedData:
                untagged.append(response)
            }
        }
    }

    /// Reads until a continuation request (returns nil) or `tag`'s completion (returned: refused).
    private func readUntilContinuation(tag: String, untagged: inout [IMAPResponse]) async throws -> StatusResponse? {
        while true {
            let response = try await next()
            switch response {
            case .continuation:
                return nil
            case .tagged(let responseTag, let status):
                guard responseTag == tag else { throw violation("completion for unknown tag \(responseTag)") }
                return status
            case .untaggedData, .untaggedStatus:
                untagged.append(response)
            }
        }
    }

    private func noteCapabilities(in status: StatusResponse) {
        let words = status.codeWords
        if words.first?.uppercased() == "CAPABILITY" {
            capabilities = Set(words.dropFirst().map { $0.uppercased() })
        }
    }

    // MARK: - Writing

    private func makeTag() -> String {
        defer { nextTag += 1 }
        return "A\(nextTag)"
    }

    private func send(_ line: String, shown: String? = nil) async throws {
        transcript.client(shown ?? line)
        var buffer = ByteBuffer()
        buffer.writeString(line)
        buffer.writeStaticString("\r\n")
        try await outbound.write(buffer)
    }
}
