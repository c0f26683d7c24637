import Logging
import IMAPGrammar

/// COMPRESS DEFLATE (RFC 4978), in the authenticated state.
extension IMAPSession {
    mutating func compress(tag: String, algorithm: String) async throws -> Next {
        guard algorithm == "DEFLATE" else {
            return try await invalid(tag: tag, "Unsupported compression algorithm \(algorithm).")
        }
        guard !state.compressing else {
            try await send(tag, .no("DEFLATE is already active.", code: .other("COMPRESSIONACTIVE", nil)))
            return .continue
        }
        let ok = Response.tagged(TaggedResponse(tag: tag, state: .ok("DEFLATE active.")))
        try await flush()
        try await input.startCompression(response: ok.encoded(options: encodingOptions))
        state.compressing = true
        logger.debug("compression started")
        return .continue
    }
}
