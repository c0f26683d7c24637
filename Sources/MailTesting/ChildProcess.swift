import Foundation
import Synchronization

/// Runs a program to completion and collects what it printed.
public enum ChildProcess {
    /// What a finished program left behind.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var error: String
    }

    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments`.
    /// - Parameters:
    ///   - input: written to the program's standard input, which is then closed.
    ///   - environment: added to (and overriding) this process's environment.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        input: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes at once so a child filling one cannot block on the other.
        let errorBytes = Mutex<[UInt8]>([])
        let errorDone = DispatchSemaphore(value: 0)
        let errorDescriptor = error.fileHandleForReading.fileDescriptor
        Thread.detachNewThread {
            let bytes = readToEnd(errorDescriptor)
            errorBytes.withLock { $0 = bytes }
            errorDone.signal()
        }
        let outputBytes = readToEnd(output.fileHandleForReading.fileDescriptor)
        errorDone.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputBytes, as: UTF8.self),
            error: String(decoding: errorBytes.withLock { $0 }, as: UTF8.self)
        )
    }

    /// Reads a file descriptor to its end, retrying reads a signal interrupted (Foundation's
    /// `readDataToEndOfFile` traps on EINTR, and tests get SIGCHLD from their server processes).
    static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        var result: [UInt8] = []
        readChunks(descriptor) { result += $0 }
        return result
    }

    /// Calls `handle` with each chunk read from `descriptor` until its end, retrying reads a
    /// signal interrupted. Blocks: run it on a thread of its own.
    static func readChunks(_ descriptor: Int32, _ handle: ([UInt8]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                handle(Array(buffer[0..<count]))
            } else if count == 0 || errno != EINTR {
                return
            }
        }
    }
}
