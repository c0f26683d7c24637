import Foundation

/// Reads a password the way `doveadm pw` does: from the terminal without echo, asked twice,
/// or one line from standard input when that is not a terminal.
enum PasswordInput {
    static func read(prompt: String = "Enter new password: ", confirm: Bool = true) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw PasswordInputError.empty
            }
            return line
        }
        let first = try readHidden(prompt)
        guard !first.isEmpty else { throw PasswordInputError.empty }
        if confirm {
            guard try readHidden("Retype new password: ") == first else { throw PasswordInputError.mismatch }
        }
        return first
    }

    private static func readHidden(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}

enum PasswordInputError: Error, CustomStringConvertible {
    case empty
    case mismatch

    var description: String {
        switch self {
        case .empty: "empty password"
        case .mismatch: "passwords don't match"
        }
    }
}
