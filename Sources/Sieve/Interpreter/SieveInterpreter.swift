import MailMessage

/// Runs a script against a message (RFC 5228 §2.10): tests are evaluated, actions collected;
/// the implicit keep stays unless an action cancels it; duplicate actions are merged; a failure
/// at run time leaves only the implicit keep.
public enum SieveInterpreter {
    /// Runs `script` on `environment`.
    public static func run(_ script: SieveScript, in environment: SieveEnvironment) -> SieveResult {
        var run = Run(environment: environment)
        _ = run.execute(script.commands)
        return run.result()
    }
}

private struct RuntimeError: Error {
    var message: String
}

private struct Run {
    let environment: SieveEnvironment
    var actions: [SieveAction] = []
    var implicitKeep = true
    /// imap4flags' internal variable: the flags keep and fileinto use without :flags.
    var flags = FlagList()
    var error: String?

    init(environment: SieveEnvironment) {
        self.environment = environment
    }

    /// Runs commands; returns `false` when `stop` (or an error) ends the script.
    mutating func execute(_ commands: [SieveCommand]) -> Bool {
        var previousBranchTaken = true
        for command in commands {
            switch command.name {
            case "require":
                continue
            case "if", "elsif", "else":
                if command.name != "if", previousBranchTaken { continue }
                let taken = command.name == "else" || evaluate(command.tests[0])
                previousBranchTaken = taken
                if taken, !execute(command.block ?? []) { return false }
                continue
            case "stop":
                return false
            case "keep":
                actions.append(.keep(flags: flagsFor(Arguments(command.arguments))))
            case "setflag":
                flags = FlagList(Arguments(command.arguments).positional[0])
            case "addflag":
                flags.add(Arguments(command.arguments).positional[0])
            case "removeflag":
                flags.remove(Arguments(command.arguments).positional[0])
            case "discard":
                implicitKeep = false
            case "fileinto":
                let arguments = Arguments(command.arguments)
                actions.append(.fileInto(mailbox: arguments.positional[0].first ?? "",
                                         flags: flagsFor(arguments),
                                         create: arguments.has("create")))
                if !arguments.has("copy") { implicitKeep = false }
            case "redirect":
                let arguments = Arguments(command.arguments)
                actions.append(.redirect(address: arguments.positional[0].first ?? ""))
                if !arguments.has("copy") { implicitKeep = false }
            case "reject", "ereject":
                let arguments = Arguments(command.arguments)
                actions.append(.reject(reason: arguments.positional[0].first ?? "", extended: command.name == "ereject"))
                implicitKeep = false
            default:
                error = "command '\(command.name)' cannot run (\(command.location))"
                return false
            }
            previousBranchTaken = true
        }
        return true
    }

    /// The flags of a keep or fileinto: its :flags, else the internal variable when imap4flags set it.
    private func flagsFor(_ arguments: Arguments) -> Set<String>? {
        if let explicit = arguments.stringList("flags") { return Set(FlagList(explicit).flags) }
        return flags.flags.isEmpty ? nil : Set(flags.flags)
    }

    /// The actions in order, without duplicates, with the implicit keep when it stands.
    func result() -> SieveResult {
        if let error {
            return SieveResult(actions: [.keep(flags: nil)], runtimeError: error)
        }
        var merged: [SieveAction] = []
        // The implicit keep carries imap4flags' internal variable (RFC 5232 §3).
        let implicit = SieveAction.keep(flags: flags.flags.isEmpty ? nil : Set(flags.flags))
        for action in actions + (implicitKeep ? [implicit] : []) {
            let normalized = Self.normalize(action)
            if let index = merged.firstIndex(where: { Self.sameTarget($0, normalized) }) {
                merged[index] = Self.combine(merged[index], normalized)
            } else {
                merged.append(normalized)
            }
        }
        let delivers = merged.contains { if case .reject = $0 { return false } else { return true } }
        if delivers, merged.contains(where: { if case .reject = $0 { return true } else { return false } }) {
            return SieveResult(actions: [.keep(flags: nil)],
                               runtimeError: "reject cannot be combined with keep, fileinto or redirect")
        }
        return SieveResult(actions: merged.isEmpty ? [.discard] : merged, runtimeError: nil)
    }

    /// `fileinto "INBOX"` is the same as `keep` (RFC 5228 §2.10.3).
    private static func normalize(_ action: SieveAction) -> SieveAction {
        if case .fileInto(let mailbox, let flags, _) = action, mailbox.uppercased() == "INBOX" {
            return .keep(flags: flags)
        }
        return action
    }

    private static func sameTarget(_ a: SieveAction, _ b: SieveAction) -> Bool {
        switch (a, b) {
        case (.keep, .keep): true
        case (.fileInto(let x, _, _), .fileInto(let y, _, _)): x == y
        case (.redirect(let x), .redirect(let y)): x.lowercased() == y.lowercased()
        case (.reject, .reject): true
        default: false
        }
    }

    /// Two actions on one target: the later flags win when given, `create` if either asked.
    private static func combine(_ first: SieveAction, _ second: SieveAction) -> SieveAction {
        switch (first, second) {
        case (.keep(let flags), .keep(let newer)): .keep(flags: newer ?? flags)
        case (.fileInto(let mailbox, let flags, let create), .fileInto(_, let newer, let alsoCreate)):
            .fileInto(mailbox: mailbox, flags: newer ?? flags, create: create || alsoCreate)
        default: first
        }
    }

    // MARK: - Tests

    mutating func evaluate(_ test: SieveTest) -> Bool {
        let arguments = Arguments(test.arguments)
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
            let matcher = arguments.matcher
            return flags.flags.contains { matcher.matches($0, anyOf: FlagList(arguments.positional[0]).flags) }
        case "exists":
            return arguments.positional[0].allSatisfy { !environment.message.fields(named: $0).isEmpty }
        case "header":
            let matcher = arguments.matcher
            return arguments.positional[0].contains { name in
                environment.message.decodedHeaders(name).contains { matcher.matches($0, anyOf: arguments.positional[1]) }
            }
        case "address":
            let matcher = arguments.matcher
            let part = arguments.addressPart
            return arguments.positional[0].contains { name in
                environment.message.fields(named: name).contains { field in
                    MailAddress.parseList(environment.message.rawValue(of: field)).contains { address in
                        guard let mailbox = address.mailbox, let domain = address.domain else { return false }
                        let value = part.extract(local: String(decoding: mailbox, as: UTF8.self),
                                                 domain: String(decoding: domain, as: UTF8.self))
                        return matcher.matches(value, anyOf: arguments.positional[1])
                    }
                }
            }
        case "envelope":
            let matcher = arguments.matcher
            let part = arguments.addressPart
            return arguments.positional[0].contains { name in
                let address: String
                switch name.lowercased() {
                case "from": address = environment.envelopeFrom
                case "to": address = environment.envelopeTo
                default: return false
                }
                let at = address.lastIndex(of: "@")
                let local = at.map { String(address[..<$0]) } ?? address
                let domain = at.map { String(address[address.index(after: $0)...]) } ?? ""
                // The null sender matches only "" under :all (RFC 5228 §5.4).
                let value = address.isEmpty ? "" : part.extract(local: local, domain: domain)
                return matcher.matches(value, anyOf: arguments.positional[1])
            }
        default:
            error = "test '\(test.name)' cannot run (\(test.location))"
            return false
        }
    }
}

/// A command's or test's arguments, split into tags and positional values.
private struct Arguments {
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
        if let name = stringList("comparator")?.first, let comparator = SieveMatcher.Comparator(rawValue: name.lowercased()) {
            matcher.comparator = comparator
        }
        return matcher
    }

    var addressPart: AddressPart {
        if has("localpart") { return .localpart }
        if has("domain") { return .domain }
        if has("user") { return .user }
        if has("detail") { return .detail }
        return .all
    }
}

/// A set of IMAP flags as imap4flags keeps it (RFC 5232 §3): strings split at spaces, each flag
/// once whatever its case, in the order first seen.
struct FlagList {
    private(set) var flags: [String] = []

    init(_ strings: [String] = []) {
        add(strings)
    }

    mutating func add(_ strings: [String]) {
        for flag in strings.flatMap({ $0.split(separator: " ").map(String.init) })
        where !flags.contains(where: { $0.lowercased() == flag.lowercased() }) {
            flags.append(flag)
        }
    }

    mutating func remove(_ strings: [String]) {
        let removed = Set(strings.flatMap { $0.split(separator: " ").map { $0.lowercased() } })
        flags.removeAll { removed.contains($0.lowercased()) }
    }
}

/// Which part of an address a test compares (RFC 5228 §2.7.4, RFC 5233).
private enum AddressPart {
    case all
    case localpart
    case domain
    case user
    case detail

    func extract(local: String, domain: String) -> String {
        switch self {
        case .all: domain.isEmpty ? local : "\(local)@\(domain)"
        case .localpart: local
        case .domain: domain
        case .user: String(local.prefix { $0 != "+" })
        case .detail: local.firstIndex(of: "+").map { String(local[local.index(after: $0)...]) } ?? ""
        }
    }
}
