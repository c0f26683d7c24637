import Foundation
import Logging
import NIOCore
import SMTPGrammar
import ServerKit

/// One LMTP connection (RFC 2033): LHLO, MAIL, RCPT with a userdb lookup per recipient, DATA or
/// BDAT, and after the message one reply per accepted recipient, each sent once that recipient's
/// copy is stored.
struct LMTPSession {
    /// What the command loop does after a command.
    enum Next {
        case `continue`
        case close
    }

    private let connection: Connection
    private let settings: LMTPServerSettings
    private let delivery: LocalDelivery
    private var frames: NIOAsyncChannelInboundStream<LMTPFrame>.AsyncIterator
    private let output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel
    private let logger: Logger
    private var clientName: String?
    private var transaction: LMTPTransaction?
    private var invalidCommands = 0

    init(
        connection: Connection,
        settings: LMTPServerSettings,
        delivery: LocalDelivery,
        frames: NIOAsyncChannelInboundStream<LMTPFrame>.AsyncIterator,
        output: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel
    ) {
        self.connection = connection
        self.settings = settings
        self.delivery = delivery
        self.frames = frames
        self.output = output
        self.channel = channel
        self.logger = connection.logger
    }

    mutating func run() async throws {
        try await send(LMTPReplies.greeting(settings.hostname))
        let shutdown = SessionShutdown()
        var farewell = ByteBuffer()
        farewell.writeSMTPReply(LMTPReplies.shuttingDown)
        try await shutdown.run(connection: connection, farewell: String(buffer: farewell)) {
            while let frame = try await frames.next() {
                guard shutdown.beginCommand() else { return }
                if case .close = try await handle(frame) { return }
                guard shutdown.endCommand() else {
                    try await send(LMTPReplies.shuttingDown)
                    return
                }
            }
        }
    }

    // MARK: - Commands

    private mutating func handle(_ frame: LMTPFrame) async throws -> Next {
        let line: ByteBuffer
        switch frame {
        case .line(let bytes):
            line = bytes
        case .badLine(let error):
            return try await invalid(error.reply)
        case .content, .dataEnd, .chunkEnd:
            // Message frames are read by the DATA and BDAT handlers; none arrive between commands.
            return .continue
        }
        let options = SMTPParserOptions(strictness: .lenient, utf8Addresses: transaction?.mail.parameters.smtpUTF8 ?? true)
        let command: SMTPCommand
        do {
            command = try SMTPCommandParser(options: options).parse(line).command
        } catch {
            return try await invalid(error.reply)
        }
        switch command {
        case .lhlo(let name):
            clientName = name
            transaction = nil
            try await send(LMTPReplies.capabilities(hostname: settings.hostname, maximumMessageSize: settings.maximumMessageSize))
        case .helo, .ehlo:
            return try await invalid(LMTPReplies.useLHLO)
        case .mail(let mail):
            try await send(startTransaction(mail))
        case .rcpt(let rcpt):
            try await send(await addRecipient(rcpt))
        case .data:
            return try await receiveData()
        case .bdat(let size, let last):
            return try await receiveChunk(size: size, last: last)
        case .rset:
            transaction = nil
            try await send(LMTPReplies.ok)
        case .noop:
            try await send(LMTPReplies.ok)
        case .quit:
            try await send(LMTPReplies.bye)
            return .close
        case .vrfy:
            try await send(LMTPReplies.cannotVerify)
        case .help:
            try await send(LMTPReplies.help)
        case .startTLS, .auth, .xclient, .xforward:
            return try await invalid(LMTPReplies.notOffered)
        }
        return .continue
    }

    private mutating func startTransaction(_ mail: MailCommand) -> SMTPReply {
        guard clientName != nil else { return LMTPReplies.lhloFirst }
        guard transaction == nil else { return LMTPReplies.nestedMail }
        if mail.parameters.body == .binaryMIME { return LMTPReplies.binaryMIME }
        if let size = mail.parameters.size, size > settings.maximumMessageSize { return LMTPReplies.messageTooBig }
        transaction = LMTPTransaction(mail: mail)
        return LMTPReplies.senderOK
    }

    private mutating func addRecipient(_ rcpt: RcptCommand) async -> SMTPReply {
        guard clientName != nil else { return LMTPReplies.lhloFirst }
        guard transaction != nil else { return LMTPReplies.mailFirst }
        guard transaction!.recipients.count < settings.maximumRecipients else { return LMTPReplies.tooManyRecipients }
        let address: String
        switch rcpt.forwardPath {
        case .postmaster: address = "postmaster@\(settings.hostname)"
        case .mailbox(let mailbox): address = "\(mailbox.localPart)@\(mailbox.host)"
        }
        switch await delivery.lookUp(address) {
        case .found(let recipient):
            var recipient = recipient
            recipient.parameters = rcpt.parameters
            transaction!.recipients.append(recipient)
            return LMTPReplies.recipientOK
        case .unknown:
            return LMTPReplies.unknownUser(address)
        case .temporaryFailure:
            return LMTPReplies.userLookupFailed(address)
        }
    }

    // MARK: - Message transfer

    private mutating func receiveData() async throws -> Next {
        let refusal: SMTPReply? =
            if clientName == nil { LMTPReplies.lhloFirst }
            else if transaction == nil { LMTPReplies.mailFirst }
            else if transaction!.recipients.isEmpty { LMTPReplies.noRecipients }
            else if transaction!.usesChunking { LMTPReplies.dataAfterBDAT }
            else { nil }
        if let refusal {
            try await channel.triggerUserOutboundEvent(LMTPFramingDirective.readCommands).get()
            return try await invalid(refusal)
        }
        try await channel.triggerUserOutboundEvent(
            LMTPFramingDirective.readMessage(maximumSize: settings.maximumMessageSize)
        ).get()
        try await send(LMTPReplies.startData)
        var content: [UInt8] = []
        while true {
            guard let frame = try await frames.next() else { return .close }
            switch frame {
            case .content(let bytes):
                content.append(contentsOf: bytes.readableBytesView)
            case .dataEnd(let summary):
                if let rejection = summary.rejection {
                    logger.notice("message refused", metadata: ["reason": "\(rejection.lines[0])", "size": "\(summary.size)"])
                    try await replyToEveryRecipient(rejection)
                } else {
                    try await deliver(content)
                }
                return .continue
            case .line, .badLine, .chunkEnd:
                continue
            }
        }
    }

    private mutating func receiveChunk(size: Int, last: Bool) async throws -> Next {
        let accepting = clientName != nil && transaction.map { !$0.recipients.isEmpty } == true
        var received = 0
        var overflow = false
        readChunk: while true {
            guard let frame = try await frames.next() else { return .close }
            switch frame {
            case .content(let bytes):
                received += bytes.readableBytes
                if accepting, transaction!.chunks.count + bytes.readableBytes <= settings.maximumMessageSize {
                    transaction!.chunks.append(contentsOf: bytes.readableBytesView)
                } else {
                    overflow = true
                }
            case .chunkEnd:
                break readChunk
            case .line, .badLine, .dataEnd:
                continue
            }
        }
        guard accepting else {
            let refusal =
                clientName == nil ? LMTPReplies.lhloFirst
                : transaction == nil ? LMTPReplies.mailFirst : LMTPReplies.noRecipients
            return try await invalid(refusal)
        }
        transaction!.usesChunking = true
        if overflow || received < size {
            // Too big (the chunk was dropped by the framer, or the message grew past the limit).
            transaction = nil
            try await send(LMTPReplies.messageTooBig)
            return .continue
        }
        guard last else {
            try await send(LMTPReplies.chunkReceived(size))
            return .continue
        }
        let content = transaction!.chunks
        transaction!.chunks = []
        try await deliver(content)
        return .continue
    }

    /// Stores the message for every recipient, replying for each, in RCPT order, as soon as its
    /// copy is stored.
    ///
    /// A message for several recipients carries no Delivered-To field (as Dovecot's LMTP does),
    /// so every copy is the same bytes: the first recipient's file is linked into the other
    /// users' mailboxes where storage allows, and those recipients, with different homes, are
    /// delivered to at the same time.
    private mutating func deliver(_ content: [UInt8]) async throws {
        guard let transaction else { return }
        self.transaction = nil
        var bytes: [UInt8] = []
        if settings.addsReceivedHeader {
            let field = ReceivedHeader.field(
                lhlo: clientName ?? "unknown", remoteIP: connection.remoteIP, hostname: settings.hostname,
                sessionID: connection.id,
                recipient: transaction.recipients.count == 1 ? transaction.recipients[0].address : nil, date: Date()
            )
            bytes.reserveCapacity(field.utf8.count + content.count)
            bytes.append(contentsOf: field.utf8)
        }
        bytes.append(contentsOf: content)
        let message = IncomingMessage(bytes: bytes, sender: transaction.sender, receivedAt: Int(Date().timeIntervalSince1970))
        let recipients = transaction.recipients
        guard let first = recipients.first else { return }
        // The first recipient alone: its file is then shared with the others.
        let (firstReply, shared) = await delivery.deliver(message, to: first, deliveredTo: recipients.count == 1, logger: logger)
        try await send(firstReply)
        let rest = Array(recipients.dropFirst())
        guard !rest.isEmpty else { return }
        guard Set(rest.map(\.home)).count == rest.count else {
            // One user twice: each delivery sees the one before it, as duplicate and vacation
            // tracking expect.
            var sharing = shared
            for recipient in rest {
                let (reply, file) = await delivery.deliver(message, to: recipient, deliveredTo: false, sharing: sharing, logger: logger)
                sharing = sharing ?? file
                try await send(reply)
            }
            return
        }
        let delivery = delivery
        let logger = logger
        try await withThrowingTaskGroup(of: (Int, SMTPReply).self) { group in
            for (position, recipient) in rest.enumerated() {
                group.addTask {
                    (position, await delivery.deliver(message, to: recipient, deliveredTo: false, sharing: shared, logger: logger).reply)
                }
            }
            var done: [Int: SMTPReply] = [:]
            var next = 0
            for try await (position, reply) in group {
                done[position] = reply
                while let reply = done.removeValue(forKey: next) {
                    try await send(reply)
                    next += 1
                }
            }
        }
    }

    private mutating func replyToEveryRecipient(_ reply: SMTPReply) async throws {
        let count = transaction?.recipients.count ?? 1
        transaction = nil
        for _ in 0..<count {
            try await send(reply)
        }
    }

    // MARK: - Output

    private mutating func invalid(_ reply: SMTPReply) async throws -> Next {
        invalidCommands += 1
        try await send(reply)
        guard invalidCommands < settings.maximumInvalidCommands else {
            logger.notice("too many invalid commands, closing")
            try await send(LMTPReplies.tooManyErrors)
            return .close
        }
        return .continue
    }

    private func send(_ reply: SMTPReply) async throws {
        var buffer = ByteBuffer()
        buffer.writeSMTPReply(reply)
        try await output.write(buffer)
    }
}
