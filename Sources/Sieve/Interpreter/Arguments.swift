/// A command's or test's arguments, split into tags and positional values.
struct Arguments {
    var tags: [String: SieveArgument.Value?] = [:]
    var positional: [[String]] = []
    var number: UInt64?

    init(_ arguments: [SieveArgument]) {
        var pendingTag: String?
        for argument in arguments {
            switch argument.value {
            case .tag(let name):
                tags[name] = .some(nil)
                pendingTag = name
            case .number(let value):
                if let tag = pendingTag, SieveSignature.valueTags.contains(tag) {
                    tags[tag] = argument.value
                } else {
                    number = value
                }
                pendingTag = nil
            case .string(let text):
                if let tag = pendingTag, SieveSignature.valueTags.contains(tag) {
                    tags[tag] = argument.value
                } else {
                    positional.append([text])
                }
                pendingTag = nil
            case .stringList(let list):
                if let tag = pendingTag, SieveSignature.valueTags.contains(tag) {
                    tags[tag] = argument.value
                } else {
                    positional.append(list)
                }
                pendingTag = nil
            }
        }
    }

    func has(_ tag: String) -> Bool { tags[tag] != nil }

    func numberTag(_ tag: String) -> UInt64? {
        if case .some(.some(.number(let value))) = tags[tag] { return value }
        return nil
    }

    func stringList(_ tag: String) -> [String]? {
        switch tags[tag] {
        case .some(.some(.string(let text))): [text]
        case .some(.some(.stringList(let list))): list
        default: nil
        }
    }

    var matcher: SieveMatcher {
        var matcher = SieveMatcher()
        if has("contains") { matcher.matchType = .contains }
        if has("matches") { matcher.matchType = .matches }
        if has("regex") { matcher.matchType = .regex }
        if let relation = stringList("value")?.first.flatMap({ SieveMatcher.Relation(rawValue: $0.lowercased()) }) {
            matcher.matchType = .value(relation)
        }
        if let relation = stringList("count")?.first.flatMap({ SieveMatcher.Relation(rawValue: $0.lowercased()) }) {
            matcher.matchType = .count(relation)
        }
        if let name = stringList("comparator")?.first, let comparator = SieveMatcher.Comparator(rawValue: name.lowercased()) {
            matcher.comparator = comparator
        }
        return matcher
    }

    /// The value of `set` after its modifiers (RFC 5229 §4.1), applied in precedence order.
    func modified(_ value: String, maximumSize: Int) -> String {
        var value = String(value.prefix(maximumSize))
        if has("lower") { value = value.lowercased() }
        if has("upper") { value = value.uppercased() }
        if has("lowerfirst"), let first = value.first { value = first.lowercased() + value.dropFirst() }
        if has("upperfirst"), let first = value.first { value = first.uppercased() + value.dropFirst() }
        if has("quotewildcard") {
            value = value.reduce(into: "") { result, character in
                if character == "*" || character == "?" || character == "\\" { result.append("\\") }
                result.append(character)
            }
        }
        if has("encodeurl") { value = MailtoURI.percentEncode(value) }
        if has("length") { value = String(value.count) }
        return value
    }

    var addressPart: AddressPart {
        if has("localpart") { return .localpart }
        if has("domain") { return .domain }
        if has("user") { return .user }
        if has("detail") { return .detail }
        return .all
    }
}
