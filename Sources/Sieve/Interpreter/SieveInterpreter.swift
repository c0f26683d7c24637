import MailMessage

/// Runs a script against a message (RFC 5228 §2.10): tests are evaluated, actions collected;
/// the implicit keep stays unless an action cancels it; duplicate actions are merged; a failure
/// at run time leaves only the implicit keep.
public enum SieveInterpreter {
    /// Runs `script` on `environment`, within `limits`; `include` reads scripts from `loader`,
    /// `duplicate` asks `duplicates`.
    public static func run(
        _ script: SieveScript,
        in environment: SieveEnvironment,
        limits: SieveLimits = SieveLimits(),
        loader: (any SieveScriptLoader)? = nil,
        duplicates: (any SieveDuplicateTracker)? = nil
    ) -> SieveResult {
        var run = SieveRun(environment: environment, script: script, limits: limits, loader: loader)
        run.duplicates = duplicates
        _ = run.execute(script.commands)
        return run.result()
    }
}

/// Why a run failed, and where.
struct SieveRuntimeError: Hashable, Sendable, CustomStringConvertible {
    var message: String
    var location: SourceLocation

    var description: String { "\(message) (\(location))" }
}

/// What the test runner adds to a run: the commands and tests of `vnd.dovecot.testsuite` and the
/// `tst` variable namespace.
protocol SieveRunHost: AnyObject {
    /// Runs a command the engine does not know; returns `false` when it ends the script.
    func execute(_ command: SieveCommand, in run: inout SieveRun) -> Bool
    /// Evaluates a test the engine does not know.
    func evaluate(_ test: SieveTest, in run: inout SieveRun) -> Bool
    /// The value of `${namespace.name}` for a namespace the host owns, or `nil` when it owns none.
    func variable(namespace: String, name: String) -> String?
}

/// The state of one script run: the message as edited so far, the actions, the variables.
struct SieveRun {
    /// The delivery environment; its message changes with editheader.
    var environment: SieveEnvironment
    var edited = false
    var actions: [SieveAction] = []
    var implicitKeep = true
    /// imap4flags' internal variable: the flags keep and fileinto use without :flags.
    var flags = FlagList()
    var error: SieveRuntimeError?
    /// Whether a `vacation` command ran.
    var vacationSeen = false
    /// Set by the testsuite's `test_fail`: the reason, until the enclosing `test` block records it.
    var testFailure: String?
    /// RFC 5229: strings are expanded only when the script requires "variables".
    var variablesEnabled: Bool
    var variables: [String: String] = [:]
    /// `${0}`, `${1}`… from the last successful `:matches`.
    var matchValues: [String] = []
    /// Variables shared by every script of the run (RFC 6609 §3.3), without the `global.` prefix.
    var globals: [String: String] = [:]
    /// The names the current script declared with `global`.
    var declaredGlobals: Set<String> = []
    /// Where `include` finds scripts; `nil` when the delivery offers none.
    var loader: (any SieveScriptLoader)?
    /// The scripts being included, innermost last, against recursion and the depth limit.
    var includeStack: [SieveIncludedScript] = []
    /// Every script included so far, for `:once` and the include count limit.
    var included: [SieveIncludedScript] = []
    /// Set by `return`: ends the current included script only.
    var returning = false
    /// The MIME part `foreverypart` is visiting; `nil` outside a loop (the whole message).
    var currentPart: MIMEPart?
    /// Set by `break`: the name of the loop to leave, or `.some(nil)` for the innermost.
    var breaking: String??
    /// What `duplicate` asks; `nil` makes every message new.
    var duplicates: (any SieveDuplicateTracker)?
    /// Identifiers to record once the delivery succeeded.
    var duplicateMarks: [SieveDuplicateMark] = []
    let limits: SieveLimits
    /// Commands and tests evaluated so far, against ``SieveLimits/maximumSteps``.
    var steps = 0
    /// The test runner, when this run belongs to one.
    var host: (any SieveRunHost)?
    /// The extensions `ihave` finds.
    var available: Set<String> { host == nil ? SieveDialect.standard.extensions : SieveDialect.testsuite.extensions }

    init(
        environment: SieveEnvironment,
        script: SieveScript,
        limits: SieveLimits,
        loader: (any SieveScriptLoader)? = nil,
        host: (any SieveRunHost)? = nil
    ) {
        self.environment = environment
        self.variablesEnabled = script.extensions.contains("variables")
        self.limits = limits
        self.loader = loader
        self.host = host
    }

    /// Sets a variable (a global one when declared so), within the variable count limit.
    mutating func assign(_ value: String, to name: String, at location: SourceLocation) -> Bool {
        if let global = globalName(name) {
            globals[global] = value
            return true
        }
        guard variables[name] != nil || variables.count < limits.maximumVariables else {
            return fail("more than \(limits.maximumVariables) variables", at: location)
        }
        variables[name] = value
        return true
    }

    /// Ends the run with a runtime error; returns `false` for `execute` to pass on.
    mutating func fail(_ message: String, at location: SourceLocation) -> Bool {
        error = SieveRuntimeError(message: message, location: location)
        return false
    }

    /// Counts one command or test against the step limit; `false` once the limit is passed.
    private mutating func step(at location: SourceLocation) -> Bool {
        steps += 1
        guard steps <= limits.maximumSteps else {
            if error == nil { _ = fail("script exceeded \(limits.maximumSteps) steps", at: location) }
            return false
        }
        return true
    }

    /// Adds an action to the result, within the action and redirect limits.
    mutating func add(_ action: SieveAction, at location: SourceLocation) -> Bool {
        guard actions.count < limits.maximumActions else {
            return fail("more than \(limits.maximumActions) actions", at: location)
        }
        if case .redirect = action,
           actions.filter({ if case .redirect = $0 { true } else { false } }).count >= limits.maximumRedirects {
            return fail("more than \(limits.maximumRedirects) redirects", at: location)
        }
        actions.append(action)
        return true
    }

    /// Runs commands; returns `false` when `stop` (or an error) ends the script.
    mutating func execute(_ commands: [SieveCommand]) -> Bool {
        var previousBranchTaken = true
        for command in commands {
            guard step(at: command.location) else { return false }
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
                guard add(.keep(flags: flagsFor(arguments(command.arguments))), at: command.location) else { return false }
            case "set":
                let arguments = arguments(command.arguments, keepingFirst: true)
                let name = arguments.positional[0][0].lowercased()
                let value = arguments.modified(arguments.positional[1][0], maximumSize: limits.maximumVariableSize)
                guard assign(value, to: name, at: command.location) else { return false }
            case "notify":
                if !notify(arguments(command.arguments), at: command.location) { return false }
            case "foreverypart":
                if !forEveryPart(named: arguments(command.arguments).stringList("name")?.first, command.block ?? []) {
                    return false
                }
            case "break":
                breaking = .some(arguments(command.arguments).stringList("name")?.first)
                return false
            case "extracttext":
                if !extractText(arguments(command.arguments, keepingFirst: true), at: command.location) { return false }
            case "include":
                if !include(arguments(command.arguments), at: command.location) { return false }
            case "return":
                returning = true
                return false
            case "global":
                declaredGlobals.formUnion(arguments(command.arguments).positional[0].map { $0.lowercased() })
            case "vacation":
                // Only one vacation per run, whether or not it answers (RFC 5230 §4).
                guard !vacationSeen else { return fail("more than one vacation action", at: command.location) }
                vacationSeen = true
                if let response = vacationResponse(arguments(command.arguments)) {
                    guard add(.vacation(response), at: command.location) else { return false }
                }
            case "addheader":
                let arguments = arguments(command.arguments)
                addHeader(arguments.positional[0][0], arguments.positional[1][0], last: arguments.has("last"))
            case "deleteheader":
                deleteHeader(arguments(command.arguments))
            case "error":
                return fail("error: \(arguments(command.arguments).positional[0].first ?? "")", at: command.location)
            case "setflag":
                flags = FlagList(arguments(command.arguments).positional[0])
            case "addflag":
                flags.add(arguments(command.arguments).positional[0])
            case "removeflag":
                flags.remove(arguments(command.arguments).positional[0])
            case "discard":
                guard add(.discard, at: command.location) else { return false }
                implicitKeep = false
            case "fileinto":
                let arguments = arguments(command.arguments)
                let action = SieveAction.fileInto(mailbox: arguments.positional[0].first ?? "",
                                                  flags: flagsFor(arguments), create: arguments.has("create"),
                                                  specialUse: arguments.stringList("specialuse")?.first)
                guard add(action, at: command.location) else { return false }
                if !arguments.has("copy") { implicitKeep = false }
            case "redirect":
                let arguments = arguments(command.arguments)
                guard add(.redirect(address: arguments.positional[0].first ?? ""), at: command.location) else { return false }
                if !arguments.has("copy") { implicitKeep = false }
            case "reject", "ereject":
                let arguments = arguments(command.arguments)
                let action = SieveAction.reject(reason: arguments.positional[0].first ?? "", extended: command.name == "ereject")
                guard add(action, at: command.location) else { return false }
                implicitKeep = false
            default:
                guard let host else { return fail("command '\(command.name)' cannot run", at: command.location) }
                if !host.execute(command, in: &self) { return false }
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
            return SieveResult(actions: [.keep(flags: nil)], runtimeError: error.description)
        }
        let merged = mergedActions(includingImplicitKeep: true)
        let delivers = merged.contains {
            switch $0 {
            case .reject, .vacation, .notify: false
            default: true
            }
        }
        if delivers, merged.contains(where: { if case .reject = $0 { return true } else { return false } }) {
            return SieveResult(actions: [.keep(flags: nil)],
                               runtimeError: "reject cannot be combined with keep, fileinto or redirect")
        }
        return SieveResult(actions: merged.isEmpty ? [.discard] : merged,
                           editedMessage: edited ? environment.message.bytes : nil, runtimeError: nil,
                           duplicateMarks: duplicateMarks)
    }

    /// The actions in order with duplicates merged, and the implicit keep when asked for and it stands.
    /// `discard` only cancels the implicit keep (RFC 5228 §4.4), so it is not among them.
    func mergedActions(includingImplicitKeep: Bool) -> [SieveAction] {
        var merged: [SieveAction] = []
        // The implicit keep carries imap4flags' internal variable (RFC 5232 §3).
        let implicit = SieveAction.keep(flags: flags.flags.isEmpty ? nil : Set(flags.flags))
        for action in actions + (includingImplicitKeep && implicitKeep ? [implicit] : []) where action != .discard {
            let normalized = Self.normalize(action)
            if let index = merged.firstIndex(where: { Self.sameTarget($0, normalized) }) {
                merged[index] = Self.combine(merged[index], normalized)
            } else {
                merged.append(normalized)
            }
        }
        return merged
    }

    /// `fileinto "INBOX"` is the same as `keep` (RFC 5228 §2.10.3).
    static func normalize(_ action: SieveAction) -> SieveAction {
        if case .fileInto(let mailbox, let flags, _, nil) = action, mailbox.uppercased() == "INBOX" {
            return .keep(flags: flags)
        }
        return action
    }

    static func sameTarget(_ a: SieveAction, _ b: SieveAction) -> Bool {
        switch (a, b) {
        case (.keep, .keep): true
        case (.fileInto(let x, _, _, let xUse), .fileInto(let y, _, _, let yUse)): x == y && xUse == yUse
        case (.redirect(let x), .redirect(let y)): x.lowercased() == y.lowercased()
        case (.reject, .reject): true
        case (.vacation, .vacation): true
        case (.notify(let x), .notify(let y)): x.method == y.method
        default: false
        }
    }

    /// Two actions on one target: the later flags win when given, `create` if either asked.
    static func combine(_ first: SieveAction, _ second: SieveAction) -> SieveAction {
        switch (first, second) {
        case (.keep(let flags), .keep(let newer)): .keep(flags: newer ?? flags)
        case (.fileInto(let mailbox, let flags, let create, let specialUse), .fileInto(_, let newer, let alsoCreate, _)):
            .fileInto(mailbox: mailbox, flags: newer ?? flags, create: create || alsoCreate, specialUse: specialUse)
        default: first
        }
    }

    // MARK: - editheader

    /// Fields a script may neither add nor delete: they record the message's path and its
    /// automatic origin (RFC 5293 §7).
    private static let protectedFields: Set<String> = ["received", "auto-submitted"]

    /// Adds a field at the top of the header, or after the last field with `:last`. A value
    /// with non-ASCII characters is written as an RFC 2047 encoded word.
    private mutating func addHeader(_ name: String, _ value: String, last: Bool) {
        guard SieveValidator.isFieldName(name), !Self.protectedFields.contains(name.lowercased()) else { return }
        let encoded = value.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\r" && $0 != "\n" }
            ? value
            : "=?UTF-8?B?" + String(decoding: Base64.encode(Array(value.utf8), lineLength: 0), as: UTF8.self) + "?="
        let field = Array("\(name): \(encoded)\r\n".utf8)
        let bytes = environment.message.bytes
        let position = last ? (environment.message.root.fields.last?.range.upperBound ?? 0) : 0
        replaceMessage(Array(bytes[..<position]) + field + Array(bytes[position...]))
    }

    /// Removes the fields called `name` (only the `:index`-th, and only those whose value matches
    /// the patterns when given).
    private mutating func deleteHeader(_ arguments: Arguments) {
        let name = arguments.positional[0][0]
        guard !Self.protectedFields.contains(name.lowercased()) else { return }
        let message = environment.message
        var fields = message.fields(named: name)
        if let index = arguments.numberTag("index") {
            guard index >= 1, index <= UInt64(fields.count) else { return }
            fields = [arguments.has("last") ? fields[fields.count - Int(index)] : fields[Int(index) - 1]]
        }
        if arguments.positional.count > 1 {
            let matcher = arguments.matcher
            fields = fields.filter { matcher.matches(message.decodedValue(of: $0), anyOf: arguments.positional[1]) }
        }
        guard !fields.isEmpty else { return }
        var bytes = message.bytes
        for field in fields.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.removeSubrange(field.range)
        }
        replaceMessage(bytes)
    }

    private mutating func replaceMessage(_ bytes: [UInt8]) {
        environment.message = MIMEMessage(parsing: bytes)
        environment.size = bytes.count
        edited = true
    }

    // MARK: - Vacation

    /// The reply `vacation` asks for, or `nil` when RFC 5230 §4.5–4.6 say not to answer: no
    /// sender, an automatic or list sender, an automatic or list message, or a message not sent
    /// to one of the user's addresses.
    private func vacationResponse(_ arguments: Arguments) -> VacationResponse? {
        let message = environment.message
        let sender = environment.envelopeFrom
        guard !sender.isEmpty else { return nil }
        let local = sender.split(separator: "@").first.map { $0.lowercased() } ?? ""
        guard !["mailer-daemon", "listserv", "majordomo"].contains(local), !local.hasPrefix("owner-"),
              !local.hasSuffix("-request") else { return nil }
        if let autoSubmitted = message.decodedHeader("Auto-Submitted"),
           autoSubmitted.trimmingSpaces.lowercased() != "no" { return nil }
        let listHeaders = ["List-Id", "List-Help", "List-Subscribe", "List-Unsubscribe", "List-Post", "List-Owner",
                           "List-Archive"]
        guard listHeaders.allSatisfy({ message.fields(named: $0).isEmpty }) else { return nil }
        if let precedence = message.decodedHeader("Precedence")?.trimmingSpaces.lowercased(),
           ["bulk", "list", "junk"].contains(precedence) { return nil }
        let mine = Set(([environment.envelopeTo] + (arguments.stringList("addresses") ?? [])).map { $0.lowercased() })
        let recipients = ["To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"].flatMap { name in
            message.fields(named: name).flatMap { field in
                MailAddress.parseList(message.rawValue(of: field)).compactMap { $0.address?.lowercased() }
            }
        }
        guard recipients.contains(where: mine.contains) else { return nil }
        let reason = arguments.positional[0].first ?? ""
        let subject = arguments.stringList("subject")?.first
            ?? message.decodedHeader("Subject").map { "Auto: " + $0.trimmingSpaces } ?? "Automated reply"
        let from = arguments.stringList("from")?.first
        let interval: Int
        if let seconds = arguments.numberTag("seconds") {
            interval = Int(min(seconds, 90 * 86_400))
        } else {
            interval = Int(min(max(arguments.numberTag("days") ?? 7, 1), 90)) * 86_400
        }
        let handle = arguments.stringList("handle")?.first
            ?? [reason, subject, from ?? "", arguments.has("mime") ? "mime" : ""].joined(separator: "\u{0}")
        return VacationResponse(
            recipient: sender, subject: subject, from: from, reason: reason, isMIME: arguments.has("mime"),
            handle: handle, interval: interval,
            inReplyTo: message.decodedHeader("Message-ID")?.trimmingSpaces
        )
    }

    // MARK: - Tests

    /// The header fields called any of `names`, in message order; only the `:index`-th (from the
    /// end with `:last`) when given (RFC 5260 §6).
    private func selectedFields(_ names: [String], _ arguments: Arguments) -> [HeaderField] {
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
    private func bodyTexts(_ arguments: Arguments) -> [String] {
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
    private func expand(_ text: String) -> String {
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
    private func variable(_ name: String) -> String {
        if let dot = name.firstIndex(of: "."),
           let value = host?.variable(namespace: String(name[..<dot]), name: String(name[name.index(after: dot)...])) {
            return value
        }
        if let global = globalName(name) { return globals[global] ?? "" }
        return variables[name] ?? ""
    }

    /// identifier *("." identifier), RFC 5229 §3.
    private static func isVariableName(_ name: String) -> Bool {
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
            return match(arguments.matcher, flags.flags, FlagList(arguments.positional[0]).flags)
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

extension String {
    /// Without leading and trailing spaces and tabs (no Foundation in this module).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        let start = scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.endIndex
        let end = scalars.lastIndex { $0 != " " && $0 != "\t" }.map { scalars.index(after: $0) } ?? start
        return String(scalars[start..<max(start, end)])
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
enum AddressPart {
    case all
    case localpart
    case domain
    case user
    case detail

    /// The part of the address; `nil` for `:detail` of an address without a separator, which
    /// then matches nothing (RFC 5233 §4).
    func extract(local: String, domain: String) -> String? {
        switch self {
        case .all: domain.isEmpty ? local : "\(local)@\(domain)"
        case .localpart: local
        case .domain: domain
        case .user: String(local.prefix { $0 != "+" })
        case .detail: local.firstIndex(of: "+").map { String(local[local.index(after: $0)...]) }
        }
    }
}
