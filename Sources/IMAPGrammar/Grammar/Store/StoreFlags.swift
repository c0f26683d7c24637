import struct NIOCore.ByteBuffer

/// `store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))`.
public struct StoreFlags: Hashable, Sendable {
    public enum Operation: Hashable, Sendable {
        case replace
        case add
        case remove
    }

    public var operation: Operation
    public var silent: Bool
    public var flags: [Flag]

    public init(_ operation: Operation, silent: Bool = false, flags: [Flag]) {
        self.operation = operation
        self.silent = silent
        self.flags = flags
    }
}
