import MailMessage

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
    mutating func step(at location: SourceLocation) -> Bool {
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
                // A test that failed at run time (a limit, a testsuite test) ends the script.
                if error != nil { return false }
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
            case "setflag", "addflag", "removeflag":
                if !editFlags(command.name, arguments(command.arguments), at: command.location) { return false }
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
                let address = arguments.positional[0].first ?? ""
                // RFC 5228 §4.2: the address must be valid; one built from variables is checked here.
                guard MailtoURI.isAddress(address) else {
                    return fail("redirect to '\(address)', which is no address", at: command.location)
                }
                guard add(.redirect(address: address), at: command.location) else { return false }
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

    /// setflag, addflag, removeflag (RFC 5232 §4) on the internal variable, or on the named one.
    private mutating func editFlags(_ name: String, _ arguments: Arguments, at location: SourceLocation) -> Bool {
        let strings = arguments.positional.last ?? []
        let target = arguments.positional.count == 2 ? arguments.positional[0].first?.lowercased() : nil
        var list = target.map { FlagList([variable($0)]) } ?? flags
        switch name {
        case "setflag": list = FlagList(strings)
        case "addflag": list.add(strings)
        default: list.remove(strings)
        }
        guard let target else {
            flags = list
            return true
        }
        return assign(list.flags.joined(separator: " "), to: target, at: location)
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
        // RFC 5429 §2.1 and RFC 5230 §4.7: reject excludes delivering the message and a vacation
        // (even one that decided not to reply).
        let conflicts = vacationSeen || merged.contains {
            switch $0 {
            case .reject, .notify: false
            default: true
            }
        }
        if conflicts, merged.contains(where: { if case .reject = $0 { return true } else { return false } }) {
            return SieveResult(actions: [.keep(flags: nil)],
                               runtimeError: "reject cannot be combined with keep, fileinto, redirect or vacation")
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
}
