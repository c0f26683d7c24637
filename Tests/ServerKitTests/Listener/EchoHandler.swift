import NIOCore
import ServiceLifecycle

@testable import ServerKit

/// A tiny line protocol for exercising the listener: `ECHO text`, `SLOW ms`, `STARTTLS`, `QUIT`.
struct EchoHandler: ConnectionHandler {
    func handle(connection: Connection, channel: NIOAsyncChannel<LineFrame, ByteBuffer>) async throws {
        let shutdown = SessionShutdown()
        try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "HELLO tls=\(connection.isTLS)\r\n"))
            try await shutdown.run(connection: connection, farewell: "BYE shutting down\r\n") {
            for try await frame in inbound {
                guard frame.epoch == connection.epoch else { continue }
                guard shutdown.beginCommand() else { return }
                guard case .line(let buffer) = frame.kind else {
                    try await outbound.write(ByteBuffer(string: "ERR too long\r\n"))
                    continue
                }
                let line = String(buffer: buffer)
                if line.hasPrefix("ECHO ") {
                    try await outbound.write(ByteBuffer(string: "\(line.dropFirst(5))\r\n"))
                } else if line.hasPrefix("SLOW ") {
                    try await Task.sleep(for: .milliseconds(Int(line.dropFirst(5)) ?? 0))
                    try await outbound.write(ByteBuffer(string: "DONE\r\n"))
                } else if line == "STARTTLS" {
                    try await connection.startTLS(response: ByteBuffer(string: "GO\r\n"))
                } else if line == "QUIT" {
                    try await outbound.write(ByteBuffer(string: "BYE\r\n"))
                    return
                } else {
                    try await outbound.write(ByteBuffer(string: "ERR unknown\r\n"))
                }
                guard shutdown.endCommand() else {
                    try await outbound.write(ByteBuffer(string: "BYE shutting down\r\n"))
                    return
                }
            }
            }
        }
    }

    func refusalMessage(_ refusal: ConnectionLimiter.Refusal) -> String {
        "REFUSED \(refusal)\r\n"
    }

    var idleTimeoutMessage: String { "IDLE timeout\r\n" }
}
