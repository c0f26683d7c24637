/// Checks a parsed script against RFC 5228's rules and the signatures of the commands and tests
/// this version knows: `require` first and only of supported extensions, every command, test and
/// tag known and required, argument counts and types, tags not repeated nor conflicting,
/// `elsif`/`else` only after `if`, and `:size` given `:over` or `:under`.
public enum SieveValidator {
    /// Validates `commands`.
    /// - Returns: the extensions the script requires.
    /// - Throws: ``SieveSyntaxError`` at the first problem, with its position.
    @discardableResult
    public static func validate(_ commands: [SieveCommand]) throws(SieveSyntaxError) -> Set<String> {
        try validate(commands, dialect: .standard)
    }

    /// Validates `commands` against `dialect`.
    static func validate(_ commands: [SieveCommand], dialect: SieveDialect) throws(SieveSyntaxError) -> Set<String> {
        var extensions: Set<String> = []
        var seenOtherCommand = false
        try validateBlock(commands, dialect: dialect, extensions: &extensions, topLevel: true,
                          seenOtherCommand: &seenOtherCommand)
        try validateLoops(commands, enclosing: [])
        return extensions
    }

    private static func validateBlock(
        _ commands: [SieveCommand],
        dialect: SieveDialect,
        extensions: inout Set<String>,
        topLevel: Bool,
        seenOtherCommand: inout Bool
    ) throws(SieveSyntaxError) {
        var previous: String?
        for command in commands {
            guard let signature = dialect.commands[command.name] else {
                throw SieveSyntaxError(command.location, "unknown command '\(command.name)'")
            }
            if command.name == "require" {
                guard topLevel, !seenOtherCommand else {
                    throw SieveSyntaxError(command.location, "'require' must come before every other command")
                }
            } else {
                seenOtherCommand = true
            }
            if command.name == "elsif" || command.name == "else" {
                guard previous == "if" || previous == "elsif" else {
                    throw SieveSyntaxError(command.location, "'\(command.name)' without a preceding 'if'")
                }
            }
            try check(signature, name: command.name, kind: "command", arguments: command.arguments, tests: command.tests,
                      location: command.location, extensions: extensions)
            if command.name == "require" {
                let names: [String] =
                    switch command.arguments[0].value {
                    case .string(let name): [name]
                    case .stringList(let names): names
                    default: []
                    }
                for name in names {
                    guard dialect.extensions.contains(name) else {
                        throw SieveSyntaxError(command.arguments[0].location, "unsupported extension '\(name)'")
                    }
                    extensions.insert(name)
                    // RFC 6131 §2: "vacation-seconds" implies "vacation".
                    if name == "vacation-seconds" { extensions.insert("vacation") }
                    // RFC 5235 §3.2: "spamtestplus" implies "spamtest".
                    if name == "spamtestplus" { extensions.insert("spamtest") }
                }
            }
            if signature.block, command.block == nil {
                throw SieveSyntaxError(command.location, "'\(command.name)' needs a block")
            }
            if !signature.block, command.block != nil {
                throw SieveSyntaxError(command.location, "'\(command.name)' takes no block")
            }
            for test in command.tests {
                try validate(test, dialect: dialect, extensions: extensions)
            }
            try validateTestsuite(command, topLevel: topLevel)
            try validateReferences(command.arguments, extensions: extensions)
            if command.name == "extracttext", !extensions.contains("variables") {
                throw SieveSyntaxError(command.location, "'extracttext' needs require \"variables\" (RFC 5703 §7)")
            }
            if command.name == "global", !extensions.contains("variables") {
                throw SieveSyntaxError(command.location, "'global' needs require \"variables\" (RFC 6609 §3.3)")
            }
            if command.name == "include", case .string(let name)? = command.arguments.last?.value,
               name.isEmpty || name.contains("/") {
                throw SieveSyntaxError(command.arguments[command.arguments.count - 1].location, "'\(name)' is not a script name")
            }
            if command.name == "redirect", let target = command.arguments.last, case .string(let address) = target.value,
               !address.contains("${"), !MailtoURI.isAddress(address) {
                throw SieveSyntaxError(target.location, "redirect to '\(address)', which is no address (RFC 5228 §4.2)")
            }
            if command.name == "notify" {
                try validateNotify(command)
            }
            if command.name == "set" {
                try validateVariableName(command.arguments.first { if case .string = $0.value { true } else { false } },
                                         extensions: extensions)
            }
            if let block = command.block {
                // RFC 5463 §4: a block guarded by `ihave` may use what it tests for; when that is
                // not supported the block never runs and is not validated.
                if let guarded = ihaveNames(command.tests.first) {
                    if guarded.isSubset(of: dialect.extensions) {
                        var inner = extensions.union(guarded)
                        try validateBlock(block, dialect: dialect, extensions: &inner, topLevel: false,
                                          seenOtherCommand: &seenOtherCommand)
                    }
                } else if extensions.contains(SieveSignature.testsuiteExtension), command.name == "if",
                          command.tests.first?.name == "false" {
                    // The test runner leaves dead `if false` blocks unvalidated, as Pigeonhole does.
                } else {
                    try validateBlock(block, dialect: dialect, extensions: &extensions, topLevel: false,
                                      seenOtherCommand: &seenOtherCommand)
                }
            }
            previous = command.name
        }
    }

    /// The testsuite's own rules: `test` blocks only at the top level, `test_set` only of known objects.
    private static func validateTestsuite(_ command: SieveCommand, topLevel: Bool) throws(SieveSyntaxError) {
        if command.name == "test", !topLevel {
            throw SieveSyntaxError(command.location, "a 'test' block may only appear at the top level")
        }
        if command.name == "test_message",
           let tag = command.arguments.firstIndex(where: { $0.value == .tag("folder") }), tag + 1 < command.arguments.count,
           case .string(let mailbox) = command.arguments[tag + 1].value, !mailbox.contains("${"),
           !SieveTestMailStore.isValidName(mailbox) {
            throw SieveSyntaxError(command.arguments[tag + 1].location, "'\(mailbox)' is not a valid mailbox name")
        }
        if command.name == "test_set", case .string(let object) = command.arguments.first?.value,
           !SieveSignature.testSetObjects.contains(object.lowercased()) {
            throw SieveSyntaxError(command.arguments[0].location, "unknown test_set object '\(object)'")
        }
    }

    /// The name `set` assigns: an identifier, or `namespace.name` in a namespace that may be assigned
    /// (RFC 5229 §3: `global` with include, RFC 6609); `tst` belongs to the test runner and is read-only.
    private static func validateVariableName(_ argument: SieveArgument?, extensions: Set<String>) throws(SieveSyntaxError) {
        guard let argument, case .string(let name) = argument.value else { return }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy(isIdentifier) else {
            throw SieveSyntaxError(argument.location, "'\(name)' is not a variable name")
        }
        if parts.count > 1 {
            let namespace = parts[0].lowercased()
            guard namespace == "global", extensions.contains("include"), parts.count == 2 else {
                throw SieveSyntaxError(argument.location, "cannot assign to '\(name)': unknown or read-only namespace")
            }
        }
    }

    /// RFC 5229 §3: a reference `${namespace.name}` needs the extension that defines the namespace:
    /// `global` (include, RFC 6609) or, in the test runner, `tst`.
    private static func validateReferences(_ arguments: [SieveArgument], extensions: Set<String>) throws(SieveSyntaxError) {
        guard extensions.contains("variables") else { return }
        for argument in arguments {
            let texts: [String] =
                switch argument.value {
                case .string(let text): [text]
                case .stringList(let texts): texts
                default: []
                }
            for text in texts where text.contains("${") {
                var rest = Substring(text)
                while let start = rest.firstRange(of: "${") {
                    rest = rest[start.upperBound...]
                    guard let end = rest.firstIndex(of: "}") else { break }
                    let parts = rest[..<end].split(separator: ".", omittingEmptySubsequences: false)
                    guard parts.count > 1, parts.allSatisfy(isIdentifier) else { continue }
                    let namespace = parts[0].lowercased()
                    let known = (namespace == "global" && extensions.contains("include"))
                        || (namespace == "tst" && extensions.contains(SieveSignature.testsuiteExtension))
                    guard known, parts.count == 2 else {
                        throw SieveSyntaxError(argument.location, "unknown variable namespace in '${\(rest[..<end])}'")
                    }
                }
            }
        }
    }

    /// identifier = (ALPHA / "_") *(ALPHA / DIGIT / "_")
    private static func isIdentifier(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// RFC 5703 §3, §7: `break` and `extracttext` only inside `foreverypart`, a `break :name` only
    /// of an enclosing loop of that name.
    private static func validateLoops(_ commands: [SieveCommand], enclosing: [String?]) throws(SieveSyntaxError) {
        for command in commands {
            let name: String? = command.arguments.firstIndex { $0.value == .tag("name") }.flatMap { index in
                guard index + 1 < command.arguments.count, case .string(let name) = command.arguments[index + 1].value else {
                    return nil
                }
                return name
            }
            switch command.name {
            case "break":
                guard !enclosing.isEmpty else { throw SieveSyntaxError(command.location, "'break' outside foreverypart") }
                if let name, !enclosing.contains(name) {
                    throw SieveSyntaxError(command.location, "'break' names no enclosing foreverypart '\(name)'")
                }
            case "extracttext" where enclosing.isEmpty:
                throw SieveSyntaxError(command.location, "'extracttext' outside foreverypart")
            default:
                break
            }
            try validateLoops(command.block ?? [], enclosing: command.name == "foreverypart" ? enclosing + [name] : enclosing)
        }
    }

    /// RFC 5435 §3: what is known at compile time must be valid: the method URI, `:importance`
    /// 1–3, `:from` an address, every `:options` entry `name=value`.
    private static func validateNotify(_ command: SieveCommand) throws(SieveSyntaxError) {
        let arguments = command.arguments
        for (position, argument) in arguments.enumerated() {
            guard case .tag(let name) = argument.value, position + 1 < arguments.count else { continue }
            let value = arguments[position + 1]
            let texts: [String] =
                switch value.value {
                case .string(let text): [text]
                case .stringList(let texts): texts
                default: []
                }
            guard texts.allSatisfy({ !$0.contains("${") }) else { continue }
            switch name {
            case "importance" where !texts.allSatisfy({ ["1", "2", "3"].contains($0) }):
                throw SieveSyntaxError(value.location, "':importance' must be \"1\", \"2\" or \"3\"")
            case "from" where !texts.allSatisfy(MailtoURI.isAddress):
                throw SieveSyntaxError(value.location, "':from' must be an address")
            case "options" where !texts.allSatisfy({ ($0.firstIndex(of: "=") ?? $0.startIndex) != $0.startIndex }):
                throw SieveSyntaxError(value.location, "':options' entries must be name=value")
            default:
                break
            }
        }
        // The method is the one positional argument, the last.
        if let method = arguments.last, case .string(let uri) = method.value, !uri.contains("${"),
           !SieveNotifyMethods.isValid(uri) {
            throw SieveSyntaxError(method.location, "invalid or unsupported notification method '\(uri)'")
        }
    }

    /// Special-use attributes must look like `\Name` (RFC 6154 §2), unless variables make them.
    private static func validateSpecialUse(arguments: [SieveArgument], positional: [SieveArgument],
                                           name: String) throws(SieveSyntaxError) {
        var candidates: [SieveArgument] = []
        if name == "specialuse_exists", let last = positional.last { candidates.append(last) }
        if let tag = arguments.firstIndex(where: { $0.value == .tag("specialuse") }), tag + 1 < arguments.count {
            candidates.append(arguments[tag + 1])
        }
        for argument in candidates {
            let values: [String] =
                switch argument.value {
                case .string(let text): [text]
                case .stringList(let texts): texts
                default: []
                }
            for value in values where !value.contains("${") {
                guard value.hasPrefix("\\"), value.count > 1, isIdentifier(value.dropFirst()) else {
                    throw SieveSyntaxError(argument.location, "'\(value)' is not a special-use attribute")
                }
            }
        }
    }

    /// The extension names of an `ihave` test, or `nil` when the test is something else.
    private static func ihaveNames(_ test: SieveTest?) -> Set<String>? {
        guard let test, test.name == "ihave", let argument = test.arguments.first else { return nil }
        switch argument.value {
        case .string(let name): return [name]
        case .stringList(let names): return Set(names)
        default: return nil
        }
    }

    /// The arguments that are neither tags nor the values of tags.
    private static func positionalArguments(_ arguments: [SieveArgument]) -> [SieveArgument] {
        var positional: [SieveArgument] = []
        var index = 0
        while index < arguments.count {
            if case .tag(let name) = arguments[index].value {
                index += SieveSignature.valueTags.contains(name) ? 2 : 1
                continue
            }
            positional.append(arguments[index])
            index += 1
        }
        return positional
    }

    /// The header fields that hold addresses (RFC 5322 §3.6.2–3.6.6, RFC 2369, RFC 3798, and the
    /// envelope copies delivery agents add).
    static let addressFields: Set<String> = [
        "from", "sender", "reply-to", "to", "cc", "bcc",
        "resent-from", "resent-sender", "resent-reply-to", "resent-to", "resent-cc", "resent-bcc",
        "return-path", "delivered-to", "envelope-to", "x-original-to", "x-envelope-to", "x-envelope-from",
        "original-recipient", "errors-to", "disposition-notification-to", "apparently-to",
        "mail-followup-to", "mail-reply-to",
    ]

    /// RFC 5322 field-name: printable US-ASCII except colon.
    static func isFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }
    }

    private static func validate(_ test: SieveTest, dialect: SieveDialect, extensions: Set<String>) throws(SieveSyntaxError) {
        guard let signature = dialect.tests[test.name] else {
            throw SieveSyntaxError(test.location, "unknown test '\(test.name)'")
        }
        try check(signature, name: test.name, kind: "test", arguments: test.arguments, tests: test.tests,
                  location: test.location, extensions: extensions)
        try validateReferences(test.arguments, extensions: extensions)
        if test.name == "date" || test.name == "currentdate" {
            let parts: Set<String> = ["year", "month", "day", "date", "julian", "hour", "minute", "second", "time",
                                      "iso8601", "std11", "zone", "weekday"]
            let positional = positionalArguments(test.arguments)
            let part = positional[test.name == "date" ? 1 : 0]
            if case .string(let name) = part.value, !name.contains("${"), !parts.contains(name.lowercased()) {
                throw SieveSyntaxError(part.location, "unknown date part '\(name)'")
            }
        }
        if test.name == "address", let names = positionalArguments(test.arguments).first {
            // RFC 5228 §5.1: the address test is only for header fields that hold addresses.
            let fields: [String] =
                switch names.value {
                case .string(let name): [name]
                case .stringList(let list): list
                default: []
                }
            for field in fields where !field.contains("${") && !Self.addressFields.contains(field.lowercased()) {
                throw SieveSyntaxError(names.location, "'\(field)' holds no addresses for the address test")
            }
        }
        if test.name == "size", !test.arguments.contains(where: { $0.value == .tag("over") || $0.value == .tag("under") }) {
            throw SieveSyntaxError(test.location, "'size' needs :over or :under")
        }
        for nested in test.tests {
            try validate(nested, dialect: dialect, extensions: extensions)
        }
    }

    private static func check(
        _ signature: SieveSignature,
        name: String,
        kind: String,
        arguments: [SieveArgument],
        tests: [SieveTest],
        location: SourceLocation,
        extensions: Set<String>
    ) throws(SieveSyntaxError) {
        if let needed = signature.requires, !extensions.contains(needed) {
            throw SieveSyntaxError(location, "\(kind) '\(name)' needs require \"\(needed)\"")
        }
        var positional: [SieveArgument] = []
        var seenTags: Set<String> = []
        var seenGroups: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard case .tag(let tagName) = argument.value else {
                positional.append(argument)
                continue
            }
            guard positional.isEmpty else {
                throw SieveSyntaxError(argument.location, "tag ':\(tagName)' after the positional arguments of '\(name)'")
            }
            guard let tag = signature.tags[tagName] else {
                throw SieveSyntaxError(argument.location, "unknown tag ':\(tagName)' for \(kind) '\(name)'")
            }
            if let needed = tag.requires, !extensions.contains(needed) {
                throw SieveSyntaxError(argument.location, "tag ':\(tagName)' needs require \"\(needed)\"")
            }
            guard seenTags.insert(tagName).inserted else {
                throw SieveSyntaxError(argument.location, "tag ':\(tagName)' given twice")
            }
            if let group = tag.group {
                if let other = seenGroups[group] {
                    throw SieveSyntaxError(argument.location, "':\(tagName)' conflicts with ':\(other)'")
                }
                seenGroups[group] = tagName
            }
            if let value = tag.value {
                guard index < arguments.count, value.accepts(arguments[index].value) else {
                    throw SieveSyntaxError(argument.location, "tag ':\(tagName)' needs \(value.description)")
                }
                // RFC 5228 §2.7.3: a comparator beyond i;octet and i;ascii-casemap must be required.
                if tagName == "comparator", case .string(let comparator) = arguments[index].value,
                   !["i;octet", "i;ascii-casemap"].contains(comparator.lowercased()),
                   !extensions.contains("comparator-" + comparator.lowercased()) {
                    throw SieveSyntaxError(arguments[index].location, "comparator '\(comparator)' is not supported or not required")
                }
                if tagName == "value" || tagName == "count", case .string(let relation) = arguments[index].value,
                   !["gt", "ge", "lt", "le", "eq", "ne"].contains(relation.lowercased()) {
                    throw SieveSyntaxError(arguments[index].location, "'\(relation)' is not a relation (gt, ge, lt, le, eq, ne)")
                }
                index += 1
            }
        }
        if name == "addheader" || name == "deleteheader", case .string(let field) = positional.first?.value,
           !field.contains("${"), !Self.isFieldName(field) {
            throw SieveSyntaxError(positional[0].location, "'\(field)' is not a header field name")
        }
        if !seenTags.contains("mime"),
           let option = ["anychild", "type", "subtype", "contenttype", "param"].first(where: seenTags.contains) {
            throw SieveSyntaxError(location, "':\(option)' needs ':mime'")
        }
        if seenTags.contains("last"), !seenTags.contains("index"), name != "addheader", name != "duplicate" {
            throw SieveSyntaxError(location, "':last' needs ':index'")
        }
        // deleteheader's value patterns are optional (RFC 5293 §5).
        let optionalLast = name == "deleteheader" && positional.count == signature.positional.count - 1
        let firstLeftOut = signature.optionalFirst && positional.count == signature.positional.count - 1
        if name == "specialuse_exists" || seenTags.contains("specialuse") {
            try validateSpecialUse(arguments: arguments, positional: positional, name: name)
        }
        guard positional.count == signature.positional.count || optionalLast || firstLeftOut else {
            throw SieveSyntaxError(location,
                                   "\(kind) '\(name)' takes \(signature.positional.count) argument(s), got \(positional.count)")
        }
        if signature.optionalFirst, !firstLeftOut, name != "specialuse_exists" {
            // imap4flags' variable forms need variables (RFC 5232 §3) and name real variables.
            guard extensions.contains("variables") else {
                throw SieveSyntaxError(positional[0].location, "\(kind) '\(name)' with a variable needs require \"variables\"")
            }
            let names: [String] =
                switch positional[0].value {
                case .string(let text): [text]
                case .stringList(let texts): texts
                default: []
                }
            for variable in names where !variable.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isIdentifier) {
                throw SieveSyntaxError(positional[0].location, "'\(variable)' is not a variable name")
            }
        }
        let expectedTypes = firstLeftOut ? Array(signature.positional.dropFirst()) : signature.positional
        for (argument, expected) in zip(positional, expectedTypes) where !expected.accepts(argument.value) {
            throw SieveSyntaxError(argument.location, "\(kind) '\(name)' expects \(expected.description) here")
        }
        // A :regex key list must compile, unless it refers to variables and is known only at run time.
        if seenTags.contains("regex"), let keys = positional.last {
            let patterns: [String] =
                switch keys.value {
                case .string(let text): [text]
                case .stringList(let texts): texts
                default: []
                }
            for pattern in patterns where !pattern.contains("${") && SieveRegex(pattern, caseInsensitive: false) == nil {
                throw SieveSyntaxError(keys.location, "invalid regular expression '\(pattern)'")
            }
        }
        switch (signature.tests, tests.count) {
        case (.none, 0), (.one, 1): break
        case (.list, let count) where count >= 1: break
        case (.none, _): throw SieveSyntaxError(location, "\(kind) '\(name)' takes no test")
        case (.one, _): throw SieveSyntaxError(location, "\(kind) '\(name)' needs exactly one test")
        case (.list, _): throw SieveSyntaxError(location, "\(kind) '\(name)' needs a test list")
        }
    }
}
