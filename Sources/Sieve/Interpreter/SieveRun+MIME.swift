import MailMessage

/// The mime, foreverypart and extracttext extensions (RFC 5703): loops over the message's MIME
/// parts, tests of a part's header, and its text in a variable.
extension SieveRun {
    /// Runs `block` once for every MIME part, depth first: the outermost loop starts with the
    /// message itself, a nested loop visits the parts below the outer loop's current part (as
    /// Pigeonhole does). `false` when the block ends the script (a `break` of this loop does not).
    mutating func forEveryPart(named name: String?, _ block: [SieveCommand]) -> Bool {
        var parts: [MIMEPart] = []
        func collect(_ part: MIMEPart) {
            for child in part.children {
                parts.append(child)
                collect(child)
            }
        }
        if let currentPart {
            collect(currentPart)
        } else {
            parts.append(environment.message.root)
            collect(environment.message.root)
        }
        let outer = currentPart
        defer { currentPart = outer }
        for part in parts {
            currentPart = part
            guard execute(block) else {
                if let target = breaking, target == nil || target == name {
                    breaking = nil
                    return true
                }
                return false
            }
        }
        return true
    }

    /// The parts a `header`, `address` or `exists` test looks at: the top level without `:mime`,
    /// else the current part, with `:anychild` also every part below it.
    func testedParts(_ arguments: Arguments) -> [MIMEPart] {
        let root = environment.message.root
        guard arguments.has("mime") else { return [root] }
        let current = currentPart ?? root
        guard arguments.has("anychild") else { return [current] }
        var parts: [MIMEPart] = []
        func collect(_ part: MIMEPart) {
            parts.append(part)
            part.children.forEach(collect)
        }
        collect(current)
        return parts
    }

    /// A field's values for `header`: the decoded value, or with `:type`, `:subtype`,
    /// `:contenttype` or `:param` the parts of a Content-Type or Content-Disposition (RFC 5703 §4.2).
    func mimeValues(of field: HeaderField, _ arguments: Arguments) -> [String] {
        let message = environment.message
        let options = ["type", "subtype", "contenttype", "param"]
        guard arguments.has("mime"), options.contains(where: arguments.has) else { return [message.decodedValue(of: field)] }
        let name = String(decoding: message.bytes[field.nameRange], as: UTF8.self).lowercased()
        let raw = message.rawValue(of: field)
        let type: String
        let subtype: String
        let parameters: MIMEParameters
        switch name {
        case "content-type":
            let contentType = ContentType(parsing: raw)
            (type, subtype, parameters) = (contentType.type, contentType.subtype, contentType.parameters)
        case "content-disposition":
            guard let disposition = ContentDisposition(parsing: raw) else { return [] }
            (type, subtype, parameters) = (disposition.type, "", disposition.parameters)
        default:
            return [message.decodedValue(of: field)]
        }
        if arguments.has("type") { return [type] }
        if arguments.has("subtype") { return [subtype] }
        if arguments.has("contenttype") { return [subtype.isEmpty ? type : type + "/" + subtype] }
        return (arguments.stringList("param") ?? []).compactMap { parameters.decodedValue($0) }
    }

    /// `extracttext`: sets the variable to the current part's decoded text (empty for a part that
    /// is not text), at most `:first` characters, after set's modifiers (RFC 5703 §7).
    mutating func extractText(_ arguments: Arguments, at location: SourceLocation) -> Bool {
        guard let part = currentPart else { return fail("extracttext outside foreverypart", at: location) }
        var text = ""
        if part.kind == .single, part.contentType.isText {
            let decoded = environment.message.decodedBody(of: part)
            text = Charset.decode(decoded, charset: part.contentType.charset ?? "us-ascii")
        }
        if let first = arguments.numberTag("first") { text = String(text.prefix(Int(clamping: first))) }
        let name = arguments.positional[0].first?.lowercased() ?? ""
        return assign(arguments.modified(text, maximumSize: limits.maximumVariableSize), to: name, at: location)
    }
}
