import Foundation
import Logging
import MailMessage
import Sieve

/// Runs the administrator's before-scripts, the user's active script and the after-scripts on
/// one message, as Pigeonhole runs `sieve_before`, the personal script and `sieve_after`.
///
/// Each script sees the message as the scripts before it left it (editheader). The chain goes on
/// to the next script only while the message is still kept: a script that files, discards,
/// redirects or rejects it ends the chain, and the kept message of one script is not stored when
/// a later script decides otherwise. A script that does not compile, or fails at run time, is
/// logged and counts as an implicit keep.
public struct SieveScriptChain: Sendable {
    /// Files, or folders whose `*.sieve` files run in name order.
    public var before: [String]
    public var after: [String]
    private let cache: CompiledScriptCache

    public init(before: [String], after: [String], cache: CompiledScriptCache) {
        self.before = before
        self.after = after
        self.cache = cache
    }

    /// What the chain decided.
    public struct Outcome: Sendable {
        /// The actions of every script that ran, in order, without duplicates; the keep (if any) last.
        public var actions: [SieveAction]
        /// The message after editheader changes, when a script made some.
        public var editedMessage: [UInt8]?
        /// How many scripts ran.
        public var scriptsRun: Int
    }

    /// Runs the chain for a user whose personal script (if any) is `personal`.
    public func run(personal: String?, environment: SieveEnvironment, logger: Logger) -> Outcome {
        let paths = Self.expand(before) + (personal.map { [$0] } ?? []) + Self.expand(after)
        var environment = environment
        var actions: [SieveAction] = []
        var keep: SieveAction? = .keep(flags: nil)
        var edited: [UInt8]?
        var ran = 0
        for path in paths {
            guard let entry = cache.script(at: path) else { continue }
            ran += 1
            let result: SieveResult
            switch entry {
            case .failed(let message):
                logger.error("sieve script does not compile; keeping the message", metadata: ["error": "\(message)"])
                continue
            case .compiled(let script):
                result = SieveInterpreter.run(script, in: environment)
            }
            if let error = result.runtimeError {
                logger.error("sieve runtime error; keeping the message", metadata: ["script": "\(path)", "error": "\(error)"])
            }
            if let message = result.editedMessage {
                edited = message
                environment.message = MIMEMessage(parsing: message)
                environment.size = message.count
            }
            var scriptKeep: SieveAction?
            for action in result.actions {
                if case .keep = action {
                    scriptKeep = action
                } else if case .vacation = action, actions.contains(where: Self.isVacation) {
                    // One automatic reply per message, from the first script that asked.
                    continue
                } else if !actions.contains(action) {
                    actions.append(action)
                }
            }
            keep = scriptKeep
            if scriptKeep == nil { break }
        }
        if let keep { actions.append(keep) }
        return Outcome(actions: actions, editedMessage: edited, scriptsRun: ran)
    }

    private static func isVacation(_ action: SieveAction) -> Bool {
        if case .vacation = action { return true }
        return false
    }

    /// The script files a configured entry stands for: a file, or a folder's `*.sieve` files by name.
    static func expand(_ entries: [String]) -> [String] {
        entries.flatMap { entry -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: entry, isDirectory: &isDirectory) else { return [] }
            guard isDirectory.boolValue else { return [entry] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: entry)) ?? []
            return names.filter { $0.hasSuffix(".sieve") && !$0.hasPrefix(".") }.sorted().map { "\(entry)/\($0)" }
        }
    }
}
