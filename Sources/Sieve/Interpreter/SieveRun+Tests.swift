import MailMessage

/// The tests of RFC 5228 and its extensions, and the variable expansion they share.
extension SieveRun {
    /// The header fields called any of `names`, in message order; only the `:index`-th (from the
    /// end with `:last`) when given (RFC 5260 §6).
    func selectedFields(_ names: [String], _ arguments: Arguments) -> [HeaderField] {
        let parts = testedParts(arguments)
        let fields = names.flatMap { name in parts.flatMap { environment.message.fields(named: name, in: $0) } }
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard let index = arguments.numberTag("index") else { return fields }
        guard index >= 1, index <= UInt64(fields.count) else { return [] }
        return [arguments.has("last") ? fields[fields.count - Int(index)] : fields[Int(index) - 1]]
    }

    /// The texts the `body` test looks at (RFC 5173 §5): the undecoded body (`:raw`), the decoded
    /// text parts (`:text`, the default), or the decoded parts of the given content types
    /// (`:content`; `""` is every part, `"text"` a type, `"text/html"` a type and subtype).
    func bodyTexts(_ arguments: Arguments) -> [String] {
        let message = environment.message
        if arguments.has("raw") {
            return [String(decoding: message.bytes[message.root.bodyRange], as: UTF8.self)]
        }
        guard let types = arguments.stringList("content") else { return message.decodedTextParts }
        var texts: [String] = []
        func visit(_ part: MIMEPart) {
            let type = part.contentType.type.lowercased()
            let full = type + "/" + part.contentType.subtype.lowercased()
            let wanted = types.contains { wanted in
                let key = wanted.lowercased()
                return key.isEmpty || key == type || key == full
            }
            if part.kind == .single, wanted {
                let decoded = message.decodedBody(of: part)
                texts.append(part.contentType.isText
                             ? Charset.decode(decoded, charset: part.contentType.charset ?? "us-ascii")
                             : String(decoding: decoded, as: UTF8.self))
            }
            part.children.forEach(visit)
        }
        visit(message.root)
        return texts
    }

    /// Whether any value matches any key; a successful `:matches` sets the match variables.
    mutating func match(_ matcher: SieveMatcher, _ values: [String], _ keys: [String]) -> Bool {
        if case .count = matcher.matchType {
            return matcher.matches(String(values.count), anyOf: keys)
        }
        for value in values {
            guard variablesEnabled, matcher.matchType == .matches || matcher.matchType == .regex else {
                if matcher.matches(value, anyOf: keys) { return true }
                continue
            }
            if let captures = matcher.captures(value, anyOf: keys) {
                // ${0} is the whole value for :matches, the matched text for :regex.
                matchValues = matcher.matchType == .regex ? captures : [value] + captures
                return true
            }
        }
        return false
    }

    /// Splits arguments, expanding `${…}` in every string when variables are enabled, except the
    /// first string when `keepingFirst` (the variable name of `set`, whose tags take no value).
    func arguments(_ list: [SieveArgument], keepingFirst: Bool = false) -> Arguments {
        guard variablesEnabled else { return Arguments(list) }
        var firstString = keepingFirst
        let expanded = list.map { argument -> SieveArgument in
            switch argument.value {
            case .string(let text):
                if firstString {
                    firstString = false
                    return argument
                }
                return SieveArgument(.string(expand(text)), at: argument.location)
            case .stringList(let texts):
                return SieveArgument(.stringList(texts.map(expand)), at: argument.location)
            default:
                return argument
            }
        }
        return Arguments(expanded)
    }

    /// Replaces `${name}` and `${number}` (RFC 5229 §3); unknown variables become empty, text
    /// that is not a valid reference stays as it is. Results are capped at 4 KiB per variable.
    func expand(_ text: String) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            let afterBrace = rest[start.upperBound...]
            guard let end = afterBrace.firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let name = afterBrace[..<end].lowercased()
            if let number = Int(name), name.allSatisfy({ $0.isASCII }) {
                result += number < matchValues.count ? matchValues[number] : ""
                rest = afterBrace[afterBrace.index(after: end)...]
            } else if Self.isVariableName(name) {
                result += variable(name).prefix(limits.maximumVariableSize)
                rest = afterBrace[afterBrace.index(after: end)...]
            } else {
                result += "${"
                rest = afterBrace
            }
        }
        return result + rest
    }

    /// A special-use attribute as compared: case-insensitive (RFC 6154 §2).
    static func specialUseKey(_ attribute: String) -> String { attribute.lowercased() }

    /// A variable's value: a namespace the host owns answers for its names, every other unset
    /// name is empty (RFC 5229 §3).
    func variable(_ name: String) -> String {
        if let dot = name.firstIndex(of: "."),
           let value = host?.variable(namespace: String(name[..<dot]), name: String(name[name.index(after: dot)...])) {
            return value
        }
        if let global = globalName(name) { return globals[global] ?? "" }
        return variables[name] ?? ""
    }

    /// identifier *("." identifier), RFC 5229 §3.
    static func isVariableName(_ name: String) -> Bool {
        !name.isEmpty && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
                return false
            }
            return part.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        }
    }

    mutating func evaluate(_ test: SieveTest) -> Bool {
        guard step(at: test.location) else { return false }
        let arguments = arguments(test.arguments)
        switch test.name {
        case "true": return true
        case "false": return false
        case "not": return !evaluate(test.tests[0])
        case "allof":
            for nested in test.tests where !evaluate(nested) { return false }
            return true
        case "anyof":
            for nested in test.tests where evaluate(nested) { return true }
            return false
        case "size":
            let limit = arguments.number ?? 0
            return arguments.has("over") ? UInt64(environment.size) > limit : UInt64(environment.size) < limit
        case "hasflag":
            // The flags of the named variables, or of the internal one (RFC 5232 §5).
            let current = arguments.positional.count == 2
                ? FlagList(arguments.positional[0].map { variable($0.lowercased()) }).flags
                : flags.flags
            return match(arguments.matcher, current, FlagList(arguments.positional.last ?? []).flags)
        case "string":
            // :count counts only the strings that are not empty (RFC 5229 §5).
            let values = arguments.positional[0]
            if case .count = arguments.matcher.matchType {
                return match(arguments.matcher, values.filter { !$0.isEmpty }, arguments.positional[1])
            }
            return match(arguments.matcher, values, arguments.positional[1])
        case "body":
            return match(arguments.matcher, bodyTexts(arguments), arguments.positional[0])
        case "date":
            // A Received field carries its date after the last semicolon (RFC 5322 §3.6.7).
            guard let field = selectedFields(arguments.positional[0], arguments).first else { return false }
            let raw = environment.message.rawValue(of: field)
            let dateText = raw.lastIndex(of: UInt8(ascii: ";")).map { Array(raw[($0 + 1)...]) } ?? raw
            guard let parsed = MessageDate(parsing: dateText) else { return false }
            let zone = arguments.has("originalzone")
                ? parsed.zoneOffsetMinutes
                : arguments.stringList("zone")?.first.flatMap(SieveDate.zoneOffset) ?? environment.localZoneOffset
            let date = SieveDate(secondsSince1970: parsed.secondsSince1970, zoneOffset: zone)
            guard let value = date.part(arguments.positional[1][0]) else { return false }
            return match(arguments.matcher, [value], arguments.positional[2])
        case "currentdate":
            let zone = arguments.stringList("zone")?.first.flatMap(SieveDate.zoneOffset) ?? environment.localZoneOffset
            guard let value = SieveDate(secondsSince1970: environment.now, zoneOffset: zone).part(arguments.positional[0][0]) else {
                return false
            }
            return match(arguments.matcher, [value], arguments.positional[1])
        case "environment":
            guard let value = environment.items[arguments.positional[0][0].lowercased()] else { return false }
            return match(arguments.matcher, [value], arguments.positional[1])
        case "spamtest":
            let value: String
            if arguments.has("percent") {
                value = environment.spamPercent.map(String.init) ?? "0"
            } else {
                value = String(environment.spamScore)
            }
            return match(arguments.matcher, [value], arguments.positional[0])
        case "virustest":
            return match(arguments.matcher, [String(environment.virusScore)], arguments.positional[0])
        case "ihave":
            return arguments.positional[0].allSatisfy(available.contains)
        case "specialuse_exists":
            // RFC 8579 §3: with a mailbox, that mailbox has every attribute; without, each exists somewhere.
            let attributes = arguments.positional.last ?? []
            if arguments.positional.count == 2 {
                let mailbox = arguments.positional[0].first ?? ""
                let own = environment.specialUse[mailbox.uppercased() == "INBOX" ? "INBOX" : mailbox] ?? []
                return attributes.allSatisfy { own.contains(SieveRun.specialUseKey($0)) }
            }
            let all = Set(environment.specialUse.values.flatMap { $0 })
            return attributes.allSatisfy { all.contains(SieveRun.specialUseKey($0)) }
        case "mailboxexists":
            return arguments.positional[0].allSatisfy { name in
                environment.mailboxes.contains(name) || (name.uppercased() == "INBOX" && environment.mailboxes.contains("INBOX"))
            }
        case "duplicate":
            return duplicate(arguments)
        case "valid_notify_method":
            return arguments.positional[0].allSatisfy(SieveNotifyMethods.isValid)
        case "notify_method_capability":
            let values = SieveNotifyMethods.capability(arguments.positional[0][0], arguments.positional[1][0]).map { [$0] } ?? []
            return match(arguments.matcher, values, arguments.positional[2])
        case "exists":
            let parts = testedParts(arguments)
            return arguments.positional[0].allSatisfy { name in
                parts.contains { !environment.message.fields(named: name, in: $0).isEmpty }
            }
        case "header":
            let values = selectedFields(arguments.positional[0], arguments).flatMap { mimeValues(of: $0, arguments) }
            return match(arguments.matcher, values, arguments.positional[1])
        case "address":
            let part = arguments.addressPart
            var values: [String] = []
            for field in selectedFields(arguments.positional[0], arguments) {
                for address in MailAddress.parseList(environment.message.rawValue(of: field)) {
                    guard let mailbox = address.mailbox, let domain = address.domain,
                          let value = part.extract(local: String(decoding: mailbox, as: UTF8.self),
                                                   domain: String(decoding: domain, as: UTF8.self)) else { continue }
                    values.append(value)
                }
            }
            return match(arguments.matcher, values, arguments.positional[1])
        case "envelope":
            let part = arguments.addressPart
            var values: [String] = []
            for name in arguments.positional[0] {
                let address: String
                switch name.lowercased() {
                case "from": address = environment.envelopeFrom
                case "to": address = environment.envelopeTo
                case "auth":
                    guard let user = environment.authenticatedUser else { continue }
                    address = user
                default: continue
                }
                let at = address.lastIndex(of: "@")
                let local = at.map { String(address[..<$0]) } ?? address
                let domain = at.map { String(address[address.index(after: $0)...]) } ?? ""
                // The null sender matches only "" (RFC 5228 §5.4).
                if address.isEmpty {
                    values.append("")
                } else if let value = part.extract(local: local, domain: domain) {
                    values.append(value)
                }
            }
            return match(arguments.matcher, values, arguments.positional[1])
        default:
            guard let host else {
                _ = fail("test '\(test.name)' cannot run", at: test.location)
                return false
            }
            return host.evaluate(test, in: &self)
        }
    }
}
