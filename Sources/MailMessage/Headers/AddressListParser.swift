/// RFC 5322 §3.4 `address-list` with obsolete syntax (§4.4), following Dovecot's `message-address.c`
/// step for step so that salvaged broken lists match Dovecot's ENVELOPE.
struct AddressListParser {
    private var lexer: RFC822Lexer
    private var current = MailAddress()
    private var result: [MailAddress] = []

    init(_ value: [UInt8]) {
        // NUL stays: it is not atext, so it ends a word as in Dovecot.
        lexer = RFC822Lexer(value)
    }

    mutating func parse() -> [MailAddress] {
        guard lexer.skipWhitespace() == .more else { return [] }
        // address-list = (address *("," address)) / obs-addr-list
        var budget = 100_000
        while budget > 0 {
            budget -= 1
            let step = parseAddress()
            if step == .end { break }
            guard lexer.current == UInt8(ascii: ",") else { break }
            lexer.position += 1
            let next = lexer.skipWhitespace()
            if next != .more {
                if next == .failed { addRepaired() }
                break
            }
        }
        return result
    }

    private mutating func add() {
        result.append(current)
        current = MailAddress()
    }

    private mutating func addRepaired() {
        if current.mailbox == nil { current.mailbox = Array("MISSING_MAILBOX".utf8) }
        if current.domain == nil || current.domain?.isEmpty == true { current.domain = Array("MISSING_DOMAIN".utf8) }
        add()
    }

    /// address = mailbox / group
    private mutating func parseAddress() -> RFC822Lexer.Step {
        let start = lexer.position
        if let step = parseGroup() { return step }
        lexer.position = start
        return parseMailbox()
    }

    /// group = display-name ":" [mailbox-list / CFWS] ";" [CFWS]; `nil` when this is not a group.
    private mutating func parseGroup() -> RFC822Lexer.Step? {
        var name: [UInt8] = []
        guard lexer.parsePhrase(into: &name) == .more, lexer.current == UInt8(ascii: ":") else { return nil }
        lexer.position += 1
        var step = lexer.skipWhitespace()
        current = MailAddress(mailbox: name)
        add()
        if step == .more && lexer.current == UInt8(ascii: ";") {
            lexer.position += 1
            step = lexer.skipWhitespace()
        } else if step == .more {
            step = parseMailboxList()
            if step == .more && lexer.current == UInt8(ascii: ";") {
                lexer.position += 1
                step = lexer.skipWhitespace()
            }
        }
        add()  // group end
        return step == .end ? .end : .more
    }

    /// mailbox-list = (mailbox *("," mailbox)) / obs-mbox-list
    private mutating func parseMailboxList() -> RFC822Lexer.Step {
        var step = parseMailbox()
        while step == .more {
            guard lexer.current == UInt8(ascii: ",") else { break }
            lexer.position += 1
            if lexer.skipWhitespace() != .more { return .failed }
            step = parseMailbox()
        }
        return step
    }

    /// mailbox = name-addr / addr-spec
    private mutating func parseMailbox() -> RFC822Lexer.Step {
        let start = lexer.position
        var step = parseNameAddr()
        if step == .failed {
            lexer.position = start
            current = MailAddress()
            step = parseAddrSpec()
        }
        addRepaired()
        return step
    }

    /// name-addr = [display-name] angle-addr
    private mutating func parseNameAddr() -> RFC822Lexer.Step {
        var name: [UInt8] = []
        if lexer.current != UInt8(ascii: "<") {
            guard lexer.parsePhrase(into: &name) == .more, lexer.current == UInt8(ascii: "<") else { return .failed }
        }
        current.name = name.isEmpty ? nil : name
        if parseAngleAddr() == .failed {
            current.domain = Array("SYNTAX_ERROR".utf8)
        }
        return lexer.atEnd ? .end : .more
    }

    /// angle-addr = "<" [obs-route] addr-spec ">"
    private mutating func parseAngleAddr() -> RFC822Lexer.Step {
        lexer.position += 1
        guard lexer.skipWhitespace() == .more else { return .failed }
        if lexer.current == UInt8(ascii: "@") {
            if parseRoute() == .more, lexer.current == UInt8(ascii: ":") {
                lexer.position += 1
            } else {
                current.mailbox = Array("INVALID_ROUTE".utf8)
                if lexer.atEnd { return .failed }
            }
            guard lexer.skipWhitespace() == .more else { return .failed }
        }
        if lexer.current != UInt8(ascii: ">") {
            guard parseLocalPart() == .more else { return .failed }
            if lexer.current == UInt8(ascii: "@") {
                var domain: [UInt8] = []
                guard lexer.parseDomain(into: &domain) == .more else { return .failed }
                current.domain = domain
            }
        }
        guard lexer.current == UInt8(ascii: ">") else { return .failed }
        lexer.position += 1
        return lexer.skipWhitespace()
    }

    /// obs-domain-list = "@" domain *(*(CFWS / ",") [CFWS] "@" domain)
    private mutating func parseRoute() -> RFC822Lexer.Step {
        var route: [UInt8] = []
        while true {
            guard let byte = lexer.current else { return .end }
            if byte != UInt8(ascii: "@") { break }
            if !route.isEmpty { route.append(UInt8(ascii: ",")) }
            route.append(UInt8(ascii: "@"))
            let step = lexer.parseDomain(into: &route)
            if step != .more { return step }
            while lexer.skipWhitespace() == .more, lexer.current == UInt8(ascii: ",") { lexer.position += 1 }
        }
        current.route = route
        return .more
    }

    /// local-part = dot-atom / quoted-string / obs-local-part
    private mutating func parseLocalPart() -> RFC822Lexer.Step {
        var local: [UInt8] = []
        let step: RFC822Lexer.Step
        if lexer.current == UInt8(ascii: "\"") {
            step = lexer.parseQuotedString(into: &local)
        } else {
            step = lexer.parseDotAtom(into: &local)
        }
        if step != .failed { current.mailbox = local }
        return step
    }

    /// addr-spec = local-part "@" domain, with Dovecot's handling of a bare word and a trailing comment.
    private mutating func parseAddrSpec() -> RFC822Lexer.Step {
        lexer.lastComment.removeAll()
        let quoted = lexer.current == UInt8(ascii: "\"")
        var step: RFC822Lexer.Step = lexer.atEnd ? .end : parseLocalPart()
        var domainStep: RFC822Lexer.Step? = nil
        if step != .end, lexer.current == UInt8(ascii: "@") {
            var domain: [UInt8] = []
            let result = lexer.parseDomain(into: &domain)
            if result != .failed { current.domain = domain }
            domainStep = result
            if result != .more { step = result }
        }
        if !lexer.lastComment.isEmpty {
            current.name = lexer.lastComment
        } else if domainStep == nil {
            // "user" alone is a mailbox; "user more words" is a display name.
            var phrase = (current.mailbox ?? []) + [0x20]
            let before = phrase.count
            _ = lexer.parsePhrase(into: &phrase)
            if phrase.count != before {
                current.mailbox = nil
                current.name = phrase
            } else if !quoted {
                current.domain = []
            }
        }
        return step
    }
}
