import FS

/// How a home stores message bodies: Dovecot's two dbox layouts, in Columba's dbox format.
///
/// A home keeps the format it was created with (recorded in its index), whatever is configured
/// later, so changing the setting never makes stored mail unreadable.
public enum MailStorageFormat: String, Sendable, Hashable, CaseIterable {
    /// Single-dbox: one file per message, `mailboxes/<mailbox GUID>/u.<uid>`.
    case sdbox
    /// Multi-dbox: messages appended one after another to `storage/m.<file id>` files, found
    /// through the map in the index; a copy is one more reference, and the bytes of expunged
    /// messages stay until ``UserMailStore/purge()``.
    case mdbox

    /// The value recorded in the index.
    var code: Int64 {
        switch self {
        case .sdbox: 0
        case .mdbox: 1
        }
    }

    init?(code: Int64) {
        switch code {
        case 0: self = .sdbox
        case 1: self = .mdbox
        default: return nil
        }
    }
}

/// What ``UserMailStore/open(home:fileSystem:options:)`` needs besides the home.
public struct MailStorageOptions: Sendable, Hashable {
    /// The format of a new home; an existing home keeps its own.
    public var format: MailStorageFormat
    /// A multi-dbox file takes no more messages once the next would make it larger than this
    /// (Dovecot's `mdbox_rotate_size`); a larger message gets a file of its own.
    public var mdboxRotateSize: Int64
    /// When the default posix file system fsyncs.
    public var fsync: FsyncPolicy

    /// The default rotation size, 10 MiB as Dovecot's.
    public static let defaultRotateSize: Int64 = 10 * 1024 * 1024

    public init(format: MailStorageFormat = .sdbox, mdboxRotateSize: Int64 = defaultRotateSize, fsync: FsyncPolicy = .optimized) {
        self.format = format
        self.mdboxRotateSize = mdboxRotateSize
        self.fsync = fsync
    }
}
