/// The include extension (RFC 6609): running other scripts inside this one, with their own
/// variables except the globals, bounded in depth and count.
extension SieveRun {
    /// The name in the shared global scope that `name` refers to: `global.x`, or a name the current
    /// script declared with `global`; `nil` for a local variable.
    func globalName(_ name: String) -> String? {
        if name.hasPrefix("global.") { return String(name.dropFirst("global.".count)) }
        return declaredGlobals.contains(name) ? name : nil
    }

    /// Runs the script an `include` names; `false` when that ends the run (stop or an error).
    mutating func include(_ arguments: Arguments, at location: SourceLocation) -> Bool {
        let name = arguments.positional[0].first ?? ""
        let script = SieveIncludedScript(name: name, location: arguments.has("global") ? .global : .personal)
        if arguments.has("once"), included.contains(script) { return true }
        guard !includeStack.contains(script) else {
            return fail("include of '\(name)' is recursive", at: location)
        }
        guard includeStack.count < limits.maximumIncludeDepth else {
            return fail("includes nested deeper than \(limits.maximumIncludeDepth)", at: location)
        }
        guard included.count < limits.maximumIncludes else {
            return fail("more than \(limits.maximumIncludes) includes", at: location)
        }
        guard let loader else { return fail("include is not available here", at: location) }
        guard let text = loader.script(named: name, at: script.location) else {
            // RFC 6609 §3.2: a missing script is an error unless the include is :optional.
            return arguments.has("optional") ? true : fail("included script '\(name)' does not exist", at: location)
        }
        let compiled: SieveScript
        do {
            compiled = try SieveScript(compiling: text, dialect: host == nil ? .standard : .testsuite, resourceLimits: limits)
        } catch {
            return fail("included script '\(name)' does not compile: \(error)", at: location)
        }
        included.append(script)
        includeStack.append(script)
        let saved = (variables, declaredGlobals, matchValues, variablesEnabled)
        variables = [:]
        declaredGlobals = []
        matchValues = []
        variablesEnabled = compiled.extensions.contains("variables")
        let finished = execute(compiled.commands)
        (variables, declaredGlobals, matchValues, variablesEnabled) = saved
        includeStack.removeLast()
        if returning {
            returning = false
            return true
        }
        return finished
    }
}
