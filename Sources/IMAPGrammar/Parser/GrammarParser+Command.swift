import struct NIOCore.ByteBuffer

extension GrammarParser {
    // command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF
    //
    // Returns the tag as soon as it is read (through `tag`), so a failure later can be reported
    // with it.
    static func parseTaggedCommand(_ buffer: inout ParseBuffer, tag: inout String?) throws -> TaggedCommand {
        try buffer.composite { buffer in
            let parsedTag = try parseTag(&buffer)
            // A tag is only known to be whole when a space or the line end follows it; a tag
            // running into a byte no tag may hold is not the client's tag.
            let next = try buffer.peek()
            if next == UInt8(ascii: " ") || next == UInt8(ascii: "\r") || next == UInt8(ascii: "\n") {
                tag = parsedTag
            }
            try buffer.space()
            let command = try parseCommand(&buffer)
            try buffer.newline()
            return TaggedCommand(tag: parsedTag, command: command)
        }
    }

    static func parseCommand(_ buffer: inout ParseBuffer) throws -> Command {
        let name = try parseKeyword(&buffer)
        switch name {
        case "CAPABILITY": return .capability
        case "NOOP": return .noop
        case "LOGOUT": return .logout
        case "STARTTLS": return .startTLS
        case "NAMESPACE": return .namespace
        case "IDLE": return .idle
        case "CHECK": return .check
        case "CLOSE": return .close
        case "UNSELECT": return .unselect
        case "EXPUNGE": return .expunge
        case "UNAUTHENTICATE": return .unauthenticate
        case "ID": return .id(try parseID(&buffer))
        case "AUTHENTICATE": return try parseAuthenticate(&buffer)
        case "LOGIN":
            try buffer.space()
            let user = try parseAStringText(&buffer)
            try buffer.space()
            return .login(username: user, password: try parseAStringText(&buffer))
        case "ENABLE":
            return .enable(try parseEnable(&buffer))
        case "SELECT":
            let (mailbox, parameters) = try parseSelect(&buffer)
            return .select(mailbox, parameters)
        case "EXAMINE":
            let (mailbox, parameters) = try parseSelect(&buffer)
            return .examine(mailbox, parameters)
        case "CREATE": return try parseCreate(&buffer)
        case "DELETE": return .delete(try parseSpaceMailbox(&buffer))
        case "RENAME":
            let from = try parseSpaceMailbox(&buffer)
            return .rename(from: from, to: try parseSpaceMailbox(&buffer))
        case "SUBSCRIBE": return .subscribe(try parseSpaceMailbox(&buffer))
        case "UNSUBSCRIBE": return .unsubscribe(try parseSpaceMailbox(&buffer))
        case "LIST": return .list(try parseList(&buffer))
        case "LSUB":
            let reference = try parseSpaceMailbox(&buffer)
            try buffer.space()
            return .lsub(reference: reference, pattern: try parseListMailbox(&buffer))
        case "STATUS": return try parseStatus(&buffer)
        case "APPEND": return try parseAppend(&buffer)
        case "GETQUOTA":
            try buffer.space()
            return .getQuota(root: try parseAStringText(&buffer))
        case "GETQUOTAROOT": return .getQuotaRoot(try parseSpaceMailbox(&buffer))
        case "SETQUOTA": return try parseSetQuota(&buffer)
        case "COMPRESS":
            try buffer.space()
            return .compress(try parseAtom(&buffer).uppercased())
        case "SEARCH": return .search(try parseSearchCommand(&buffer))
        case "FETCH": return .fetch(try parseFetchCommand(&buffer))
        case "STORE": return .store(try parseStore(&buffer))
        case "COPY":
            let (set, mailbox) = try parseSetAndMailbox(&buffer)
            return .copy(set, mailbox)
        case "MOVE":
            let (set, mailbox) = try parseSetAndMailbox(&buffer)
            return .move(set, mailbox)
        case "UID": return try parseUID(&buffer)
        default:
            throw UnknownCommand(name: name)
        }
    }

    static func parseSpaceMailbox(_ buffer: inout ParseBuffer) throws -> MailboxName {
        try buffer.space()
        return try parseMailbox(&buffer)
    }

    // copy = "COPY" SP sequence-set SP mailbox
    // move = "MOVE" SP sequence-set SP mailbox
    static func parseSetAndMailbox(_ buffer: inout ParseBuffer) throws -> (SequenceSet, MailboxName) {
        try buffer.space()
        let set = try parseSequenceSet(&buffer)
        return (set, try parseSpaceMailbox(&buffer))
    }

    // uid        = "UID" SP (copy / move / fetch / search / store / uid-expunge)
    // uid-expunge = "EXPUNGE" SP sequence-set
    static func parseUID(_ buffer: inout ParseBuffer) throws -> Command {
        try buffer.space()
        let name = try parseKeyword(&buffer)
        switch name {
        case "COPY":
            let (set, mailbox) = try parseSetAndMailbox(&buffer)
            return .uidCopy(set, mailbox)
        case "MOVE":
            let (set, mailbox) = try parseSetAndMailbox(&buffer)
            return .uidMove(set, mailbox)
        case "FETCH": return .uidFetch(try parseFetchCommand(&buffer))
        case "SEARCH": return .uidSearch(try parseSearchCommand(&buffer))
        case "STORE": return .uidStore(try parseStore(&buffer))
        case "EXPUNGE":
            try buffer.space()
            return .uidExpunge(try parseSequenceSet(&buffer))
        default:
            throw UnknownCommand(name: "UID " + name)
        }
    }

    // authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")]
    static func parseAuthenticate(_ buffer: inout ParseBuffer) throws -> Command {
        try buffer.space()
        let mechanism = try parseAtom(&buffer).uppercased()
        guard try buffer.peek() == UInt8(ascii: " ") else {
            return .authenticate(mechanism: mechanism, initialResponse: nil)
        }
        try buffer.space()
        return .authenticate(mechanism: mechanism, initialResponse: try parseBase64OrEmpty(&buffer))
    }

    // base64 = *(4base64-char) [base64-terminal]; "=" alone is the empty response (RFC 4959)
    static func parseBase64OrEmpty(_ buffer: inout ParseBuffer) throws -> [UInt8] {
        if try buffer.peek() == UInt8(ascii: "="), try buffer.peek(offset: 1) != UInt8(ascii: "=") {
            buffer.readerIndex += 1
            return []
        }
        let text = try buffer.read(hint: "base64") { byte in
            let upper = asciiUpper(byte)
            return (upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z")) || isDigit(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
        }
        guard let decoded = Base64.decode(text.readableBytesView) else { throw ParserError(hint: "invalid base64") }
        return decoded
    }

    // enable = "ENABLE" 1*(SP capability)
    static func parseEnable(_ buffer: inout ParseBuffer) throws -> [String] {
        var capabilities: [String] = []
        repeat {
            try buffer.space()
            capabilities.append(try parseAtom(&buffer).uppercased())
        } while try buffer.peek() == UInt8(ascii: " ")
        return capabilities
    }

    // id = "ID" SP id-params-list
    // id-params-list = "(" *(string SP nstring) ")" / nil
    static func parseID(_ buffer: inout ParseBuffer) throws -> [IDField]? {
        try buffer.space()
        if try parseNil(&buffer) { return nil }
        return try buffer.parenthesizedList(allowEmpty: true) { buffer in
            let key = String(buffer: try parseString(&buffer))
            try buffer.space()
            return IDField(key, try parseNString(&buffer).map { String(buffer: $0) })
        }
    }

    // select = "SELECT" SP mailbox [select-params]
    // select-params = SP "(" select-param *(SP select-param) ")"
    static func parseSelect(_ buffer: inout ParseBuffer) throws -> (MailboxName, [SelectParameter]) {
        let mailbox = try parseSpaceMailbox(&buffer)
        guard try buffer.peek() == UInt8(ascii: " ") else { return (mailbox, []) }
        try buffer.space()
        return (mailbox, try buffer.parenthesizedList(parseSelectParameter))
    }

    // select-param = "CONDSTORE" / "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"
    // seq-match-data = "(" known-sequence-set SP known-uid-set ")"
    static func parseSelectParameter(_ buffer: inout ParseBuffer) throws -> SelectParameter {
        let name = try parseKeyword(&buffer)
        switch name {
        case "CONDSTORE":
            return .condstore
        case "QRESYNC":
            try buffer.space()
            try buffer.expect(UInt8(ascii: "("))
            let uidValidity = try parseNZNumber(&buffer)
            try buffer.space()
            let modSeq = try parseNumber64(&buffer)
            var known: SequenceSet?
            var match: QResyncParameter.SequenceMatch?
            if try buffer.peek() == UInt8(ascii: " "), try buffer.peek(offset: 1) != UInt8(ascii: "(") {
                try buffer.space()
                known = try parseSequenceSet(&buffer)
            }
            if try buffer.peek() == UInt8(ascii: " ") {
                try buffer.space()
                try buffer.expect(UInt8(ascii: "("))
                let sequenceNumbers = try parseSequenceSet(&buffer)
                try buffer.space()
                let uids = try parseSequenceSet(&buffer)
                try buffer.expect(UInt8(ascii: ")"))
                match = .init(sequenceNumbers: sequenceNumbers, uids: uids)
            }
            try buffer.expect(UInt8(ascii: ")"))
            return .qresync(QResyncParameter(uidValidity: uidValidity, modSeq: modSeq, knownUIDs: known, sequenceMatch: match))
        default:
            throw ParserError(hint: "unknown select parameter \(name)")
        }
    }

    // create = "CREATE" SP mailbox [create-params]
    // create-params = SP "(" create-param *(SP create-param) ")"
    // create-param  = "USE" SP "(" [use-attr *(SP use-attr)] ")"     ; RFC 6154
    static func parseCreate(_ buffer: inout ParseBuffer) throws -> Command {
        let mailbox = try parseSpaceMailbox(&buffer)
        guard try buffer.peek() == UInt8(ascii: " ") else { return .create(mailbox, specialUse: []) }
        try buffer.space()
        let uses = try buffer.parenthesizedList { buffer -> [String] in
            try buffer.expectWord("USE ")
            return try buffer.parenthesizedList(allowEmpty: true) { buffer in
                try buffer.expect(UInt8(ascii: "\\"))
                return Flag("\\" + (try parseAtom(&buffer))).text
            }
        }
        return .create(mailbox, specialUse: uses.flatMap { $0 })
    }

    // list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
    // list-select-opts = "(" [list-select-option *(SP list-select-option)] ")"
    // mbox-or-pat = list-mailbox / patterns
    // patterns = "(" list-mailbox *(SP list-mailbox) ")"
    static func parseList(_ buffer: inout ParseBuffer) throws -> ListCommand {
        try buffer.space()
        var selectOptions: [ListSelectOption] = []
        if try buffer.peek() == UInt8(ascii: "(") {
            selectOptions = try buffer.parenthesizedList(allowEmpty: true) { buffer in
                switch try parseKeyword(&buffer) {
                case "SUBSCRIBED": return .subscribed
                case "REMOTE": return .remote
                case "RECURSIVEMATCH": return .recursiveMatch
                case "SPECIAL-USE": return .specialUse
                case let other: return .other(other)
                }
            }
            try buffer.space()
        }
        let reference = try parseMailbox(&buffer)
        try buffer.space()
        let patterns: [MailboxName]
        if try buffer.peek() == UInt8(ascii: "(") {
            patterns = try buffer.parenthesizedList(parseListMailbox)
        } else {
            patterns = [try parseListMailbox(&buffer)]
        }
        var returnOptions: [ListReturnOption]?
        if try buffer.peek() == UInt8(ascii: " ") {
            try buffer.space()
            try buffer.expectWord("RETURN ")
            returnOptions = try buffer.parenthesizedList(allowEmpty: true) { buffer in
                switch try parseKeyword(&buffer) {
                case "SUBSCRIBED": return .subscribed
                case "CHILDREN": return .children
                case "SPECIAL-USE": return .specialUse
                case "STATUS":
                    try buffer.space()
                    return .status(try parseStatusAttributes(&buffer))
                case let other: return .other(other)
                }
            }
        }
        return ListCommand(selectOptions: selectOptions, reference: reference, patterns: patterns, returnOptions: returnOptions)
    }

    // status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"
    static func parseStatus(_ buffer: inout ParseBuffer) throws -> Command {
        let mailbox = try parseSpaceMailbox(&buffer)
        try buffer.space()
        return .status(mailbox, try parseStatusAttributes(&buffer))
    }

    // status-att = "MESSAGES" / "UIDNEXT" / "UIDVALIDITY" / "UNSEEN" / "DELETED" / "SIZE" / "RECENT" /
    //              "HIGHESTMODSEQ" / "APPENDLIMIT" / "MAILBOXID"
    static func parseStatusAttributes(_ buffer: inout ParseBuffer) throws -> [StatusAttribute] {
        try buffer.parenthesizedList { buffer in
            let name = try parseKeyword(&buffer)
            guard let attribute = StatusAttribute(rawValue: name) else {
                throw ParserError(hint: "unknown status attribute \(name)")
            }
            return attribute
        }
    }

    // append         = "APPEND" SP mailbox 1*append-message      ; RFC 3502 MULTIAPPEND
    // append-message = append-opts SP append-data
    // append-opts    = [SP flag-list] [SP date-time]
    // append-data    = literal / literal8
    static func parseAppend(_ buffer: inout ParseBuffer) throws -> Command {
        let mailbox = try parseSpaceMailbox(&buffer)
        var messages: [AppendMessage] = []
        repeat {
            try buffer.space()
            var flags: [Flag] = []
            var date: IMAPDateTime?
            if try buffer.peek() == UInt8(ascii: "(") {
                flags = try parseFlagList(&buffer)
                try buffer.space()
            }
            if try buffer.peek() == UInt8(ascii: "\"") {
                date = try parseDateTime(&buffer)
                try buffer.space()
            }
            let first = try buffer.peek()
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "~") else {
                throw ParserError(hint: "expected message literal")
            }
            let (data, binary) = try parseLiteral(&buffer, allowBinary: true)
            messages.append(AppendMessage(flags: flags, internalDate: date, data: data, binary: binary))
        } while try buffer.peek() == UInt8(ascii: " ")
        return .append(mailbox, messages)
    }

    // store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags
    // store-modifiers = SP "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"
    // store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
    static func parseStore(_ buffer: inout ParseBuffer) throws -> StoreCommand {
        try buffer.space()
        let set = try parseSequenceSet(&buffer)
        try buffer.space()
        var unchangedSince: UInt64?
        if try buffer.peek() == UInt8(ascii: "(") {
            try buffer.expect(UInt8(ascii: "("))
            try buffer.expectWord("UNCHANGEDSINCE ")
            unchangedSince = try parseNumber64(&buffer)
            try buffer.expect(UInt8(ascii: ")"))
            try buffer.space()
        }
        var operation = StoreFlags.Operation.replace
        switch try buffer.peek() {
        case UInt8(ascii: "+"):
            operation = .add
            buffer.readerIndex += 1
        case UInt8(ascii: "-"):
            operation = .remove
            buffer.readerIndex += 1
        default:
            break
        }
        let silent: Bool
        switch try parseKeyword(&buffer) {
        case "FLAGS": silent = false
        case "FLAGS.SILENT": silent = true
        default: throw ParserError(hint: "expected FLAGS or FLAGS.SILENT")
        }
        try buffer.space()
        let flags: [Flag]
        if try buffer.peek() == UInt8(ascii: "(") {
            flags = try parseFlagList(&buffer)
        } else {
            flags = try buffer.spaceSeparated(parseFlag)
        }
        return StoreCommand(sequenceSet: set, unchangedSince: unchangedSince, flags: StoreFlags(operation, silent: silent, flags: flags))
    }

    // setquota = "SETQUOTA" SP quota-root-name SP setquota-list
    // setquota-list = "(" [setquota-resource *(SP setquota-resource)] ")"
    // setquota-resource = resource-name SP resource-limit
    static func parseSetQuota(_ buffer: inout ParseBuffer) throws -> Command {
        try buffer.space()
        let root = try parseAStringText(&buffer)
        try buffer.space()
        let limits = try buffer.parenthesizedList(allowEmpty: true) { buffer in
            let resource = try parseAtom(&buffer).uppercased()
            try buffer.space()
            return QuotaLimit(resource: resource, limit: try parseNumber64(&buffer))
        }
        return .setQuota(root: root, limits)
    }

    // idle = "IDLE" CRLF "DONE" — the "DONE" line, read after the continuation request.
    static func parseIdleDone(_ buffer: inout ParseBuffer) throws {
        try buffer.expectWord("DONE")
        try buffer.newline()
    }

    // A line answering an AUTHENTICATE challenge: base64 CRLF, or "*" CRLF to cancel (RFC 9051 §6.2.2).
    static func parseAuthenticationResponse(_ buffer: inout ParseBuffer) throws -> AuthenticationResponse {
        if try buffer.peek() == UInt8(ascii: "*") {
            buffer.readerIndex += 1
            try buffer.newline()
            return .cancel
        }
        let first = try buffer.peek()
        if first == UInt8(ascii: "\r") || first == UInt8(ascii: "\n") {
            try buffer.newline()
            return .data([])
        }
        let data = try parseBase64OrEmpty(&buffer)
        try buffer.newline()
        return .data(data)
    }
}

/// Thrown by ``GrammarParser/parseCommand(_:)`` for a name it does not know.
struct UnknownCommand: Error {
    var name: String
}

/// A client's answer to an AUTHENTICATE challenge.
public enum AuthenticationResponse: Hashable, Sendable {
    case data([UInt8])
    /// `*`: the client cancels the exchange.
    case cancel
}
