import NIOCore
import ServiceLifecycle
import Synchronization

/// Lets a graceful shutdown end a session at a command boundary.
///
/// A session marks each command with ``beginCommand()`` and ``endCommand()``. When the server
/// shuts down while the session waits for a command, the farewell is sent and the connection
/// closed at once; while a command runs, it is allowed to finish and ``endCommand()`` then
/// returns `false`, telling the session to say goodbye and stop.
public final class SessionShutdown: Sendable {
    private enum State {
        case waiting
        case running
        case stopping
    }

    private let state = Mutex(State.waiting)

    public init() {}

    /// Runs `body` (the session's command loop); on graceful shutdown while the session waits
    /// for input, sends `farewell` and closes `connection`.
    public func run<Result: Sendable>(
        connection: Connection,
        farewell: String,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await withGracefulShutdownHandler {
            try await body()
        } onGracefulShutdown: {
            let closeNow = self.state.withLock { state -> Bool in
                defer { state = .stopping }
                return state == .waiting
            }
            if closeNow {
                connection.sendAndClose(farewell)
            }
        }
    }

    /// Marks the start of a command. Returns `false` when the session is stopping.
    public func beginCommand() -> Bool {
        state.withLock { state in
            guard state != .stopping else { return false }
            state = .running
            return true
        }
    }

    /// Marks the end of a command. Returns `false` when the server is shutting down and the
    /// session should say goodbye and end.
    public func endCommand() -> Bool {
        state.withLock { state in
            guard state != .stopping else { return false }
            state = .waiting
            return true
        }
    }
}
