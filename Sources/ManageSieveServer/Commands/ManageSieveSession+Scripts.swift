import Logging
import ManageSieveGrammar
import NIOCore
import Sieve
import SieveScripts

/// The script commands of the authenticated state: HAVESPACE (RFC 5804 §2.5), PUTSCRIPT (§2.6),
/// LISTSCRIPTS (§2.7), SETACTIVE (§2.8), GETSCRIPT (§2.9), DELETESCRIPT (§2.10), RENAMESCRIPT
/// (§2.11.1) and CHECKSCRIPT (§2.12).
extension ManageSieveSession {
    func haveSpace(name: String, size: UInt64, in scripts: ScriptStorage) async throws {
        guard SieveScriptStore.isValidName(name) else { return try await send(.no("Invalid script name.")) }
        guard let quota = try await storeCall(await scripts.quotaRefusal(name: name, size: size), name: name) else { return }
        if let refusal = quota { return try await send(Self.reply(for: refusal)) }
        try await send(.ok("PUTSCRIPT would succeed."))
    }

    /// Stores a script that compiles and fits the quota; a broken one is refused with the
    /// validator's message and position, and nothing is stored.
    func putScript(name: String, script: [UInt8], in scripts: ScriptStorage) async throws {
        guard SieveScriptStore.isValidName(name) else { return try await send(.no("Invalid script name.")) }
        let size = UInt64(script.count)
        guard let quota = try await storeCall(await scripts.quotaRefusal(name: name, size: size), name: name) else { return }
        if let refusal = quota { return try await send(Self.reply(for: refusal)) }
        guard let text = try await compile(script) else { return }
        guard try await storeCall(await scripts.run { try $0.put(name, text: text) }, name: name) != nil else { return }
        logger.info("script stored", metadata: ["script": "\(name)", "size": "\(script.count)"])
        try await send(.ok("PUTSCRIPT completed."))
    }

    func checkScript(_ script: [UInt8]) async throws {
        guard try await compile(script) != nil else { return }
        try await send(.ok("Script is valid."))
    }

    func listScripts(in scripts: ScriptStorage) async throws {
        guard let listing = try await storeCall(await scripts.run { try $0.list() }, name: "") else { return }
        var buffer = ByteBuffer()
        for name in listing.names {
            buffer.writeScriptListing(ScriptListing(name: name, isActive: name == listing.active))
        }
        buffer.writeResponse(.ok("LISTSCRIPTS completed."))
        try await output.write(buffer)
    }

    /// Activates a script that exists and still compiles; the empty name deactivates.
    func setActive(name: String, in scripts: ScriptStorage) async throws {
        guard !name.isEmpty else {
            guard try await storeCall(await scripts.run { try $0.deactivate() }, name: name) != nil else { return }
            logger.info("script deactivated")
            return try await send(.ok("No script is active."))
        }
        guard let text = try await storeCall(await scripts.run { try $0.read(name) }, name: name) else { return }
        guard try await compile(Array(text.utf8)) != nil else { return }
        guard try await storeCall(await scripts.run { try $0.activate(name) }, name: name) != nil else { return }
        logger.info("script activated", metadata: ["script": "\(name)"])
        try await send(.ok("Script activated."))
    }

    func getScript(name: String, in scripts: ScriptStorage) async throws {
        guard let text = try await storeCall(await scripts.run { try $0.read(name) }, name: name) else { return }
        var buffer = ByteBuffer()
        buffer.writeLiteral(Array(text.utf8))
        buffer.writeString("\r\n")
        buffer.writeResponse(.ok("GETSCRIPT completed."))
        try await output.write(buffer)
    }

    func deleteScript(name: String, in scripts: ScriptStorage) async throws {
        guard try await storeCall(await scripts.run { try $0.delete(name) }, name: name) != nil else { return }
        logger.info("script deleted", metadata: ["script": "\(name)"])
        try await send(.ok("Script deleted."))
    }

    func renameScript(from: String, to: String, in scripts: ScriptStorage) async throws {
        guard try await storeCall(await scripts.run { try $0.rename(from, to: to) }, name: from, newName: to) != nil else { return }
        logger.info("script renamed", metadata: ["script": "\(from)", "to": "\(to)"])
        try await send(.ok("Script renamed."))
    }

    // MARK: - Helpers

    /// The script's text when it is UTF-8 and compiles; otherwise answers NO with the
    /// validator's message at its position and returns nil.
    private func compile(_ script: [UInt8]) async throws -> String? {
        guard let text = String(validating: script, as: UTF8.self) else {
            try await send(.no("Script is not valid UTF-8."))
            return nil
        }
        do {
            _ = try SieveScript(compiling: text, resourceLimits: settings.sieveLimits)
            return text
        } catch {
            try await send(.no("line \(error.location.line): \(error.message) (column \(error.location.column))"))
            return nil
        }
    }

    /// The result of a store call, or nil after answering NO for the store's refusal.
    private func storeCall<Result>(
        _ call: @autoclosure () async throws -> Result, name: String, newName: String = ""
    ) async throws -> Result? {
        do {
            return try await call()
        } catch let error as SieveScriptStoreError {
            let reply: ManageSieveResponse
            switch error.kind {
            case .nonexistent: reply = .no("There is no script named \(name).", code: .nonexistent)
            case .alreadyExists: reply = .no("A script named \(newName) exists.", code: .alreadyExists)
            case .active: reply = .no("The active script cannot be deleted.", code: .active)
            case .invalidName: reply = .no("Invalid script name.")
            case .io:
                logger.error("script store failed", metadata: ["error": "\(error)"])
                reply = .no("The scripts are not available right now, try again later.", code: .tryLater)
            }
            try await send(reply)
            return nil
        }
    }

    private static func reply(for refusal: ScriptStorage.QuotaRefusal) -> ManageSieveResponse {
        switch refusal {
        case .tooLarge(let limit): .no("Script larger than \(limit) octets.", code: .quotaMaxSize)
        case .tooManyScripts(let limit): .no("At most \(limit) scripts are allowed.", code: .quotaMaxScripts)
        }
    }
}
