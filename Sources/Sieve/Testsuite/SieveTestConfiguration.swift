/// The engine settings a test file may change with `test_config_set`/`test_config_unset`, named as
/// in Dovecot 2.4, translated to Columba's; changes apply at `test_config_reload`.
struct SieveTestConfiguration {
    /// The system user the runner pretends to run as: the default `envelope "auth"`.
    static let runnerUser = "testsuite"
    static let postmaster = "postmaster@example.com"

    private var pending: [String: String] = [:]
    private(set) var active: [String: String] = [:]

    /// The limit a setting changes, for the settings this engine has.
    private static func limit(_ key: String) -> WritableKeyPath<SieveLimits, Int>? {
        switch key {
        case "sieve_max_script_size": \.maximumScriptSize
        case "sieve_max_actions": \.maximumActions
        case "sieve_max_redirects": \.maximumRedirects
        case "sieve_variables_max_variable_size", "sieve_variables_max_value_size": \.maximumVariableSize
        case "sieve_variables_max_scope_size": \.maximumVariables
        case "sieve_include_max_nesting_depth": \.maximumIncludeDepth
        case "sieve_include_max_includes": \.maximumIncludes
        case "sieve_notify_max_notifications": \.maximumNotifications
        // Columba measures CPU time in evaluation steps.
        case "columba_sieve_max_steps": \.maximumSteps
        default: nil
        }
    }

    /// Settings kept as text.
    private static let textSettings: Set<String> = [
        "sieve_user_email", "sieve_redirect_envelope_from",
        "sieve_spamtest_status_header", "sieve_spamtest_status_type", "sieve_spamtest_score_max_value",
        "sieve_virustest_status_header", "sieve_virustest_status_type", "sieve_virustest_score_max_value",
    ]

    /// `sieve_spamtest_text_value/<n>` and `sieve_virustest_text_value/<n>`.
    private static func isTextValue(_ key: String) -> Bool {
        for prefix in ["sieve_spamtest_text_value/", "sieve_virustest_text_value/"] where key.hasPrefix(prefix) {
            return Int(key.dropFirst(prefix.count)) != nil
        }
        return false
    }

    /// `mailbox/<name>/special_use`: the special-use attributes of a mailbox of the test store.
    private static func specialUseMailbox(_ key: String) -> String? {
        guard key.hasPrefix("mailbox/"), key.hasSuffix("/special_use") else { return nil }
        let name = key.dropFirst("mailbox/".count).dropLast("/special_use".count)
        return name.isEmpty ? nil : String(name)
    }

    /// Records a change; the problem when the setting is unknown or its value is not a number.
    mutating func set(_ key: String, _ value: String) -> String? {
        if Self.specialUseMailbox(key) != nil || Self.isTextValue(key) {
            // Any text will do.
        } else if Self.limit(key) != nil {
            guard Int(value) != nil else { return "setting '\(key)' needs a number, not '\(value)'" }
        } else if !Self.textSettings.contains(key) {
            return "setting '\(key)' is not supported"
        }
        pending[key] = value
        return nil
    }

    mutating func unset(_ key: String) -> String? {
        guard Self.limit(key) != nil || Self.textSettings.contains(key) || Self.specialUseMailbox(key) != nil
            || Self.isTextValue(key) else {
            return "setting '\(key)' is not supported"
        }
        pending[key] = nil
        return nil
    }

    /// Applies the recorded changes.
    mutating func reload() {
        active = pending
    }

    var limits: SieveLimits {
        var limits = SieveLimits()
        for (key, value) in active {
            if let path = Self.limit(key), let number = Int(value) { limits[keyPath: path] = number }
        }
        return limits
    }

    /// The special-use attributes of the store's mailboxes, lower-cased, by mailbox.
    var specialUse: [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for (key, value) in active {
            guard let mailbox = Self.specialUseMailbox(key) else { continue }
            result[mailbox] = Set(value.split(separator: " ").map { SieveRun.specialUseKey(String($0)) })
        }
        return result
    }

    /// How `spamtest` (`"spamtest"`) or `virustest` (`"virustest"`) reads the scanner's header, when
    /// the file configured it: `sieve_<test>_status_header`, `_status_type` (score, strlen, text),
    /// `_score_max_value`, `_text_value/<n>`.
    func scannerHeader(_ test: String) -> SieveScannerHeader? {
        guard let header = active["sieve_\(test)_status_header"] else { return nil }
        let maximum = active["sieve_\(test)_score_max_value"].flatMap { Double($0) } ?? 10
        let kind: SieveScannerHeader.Kind
        switch active["sieve_\(test)_status_type"] ?? "score" {
        case "strlen":
            kind = .length(maximum: Int(maximum))
        case "text":
            var texts: [Int: String] = [:]
            let prefix = "sieve_\(test)_text_value/"
            for (key, value) in active where key.hasPrefix(prefix) {
                if let number = Int(key.dropFirst(prefix.count)) { texts[number] = value }
            }
            kind = .text(texts)
        default:
            kind = .score(maximum: maximum)
        }
        return SieveScannerHeader(setting: header, kind: kind)
    }

    /// The user's own address: what vacation answers from.
    var userEmail: String? { active["sieve_user_email"] }
    /// MAIL FROM for redirected messages, instead of the original sender.
    var redirectEnvelopeFrom: String? { active["sieve_redirect_envelope_from"] }

    /// What the `environment` test reads in the runner: Pigeonhole's name and location, so that
    /// tests shared between the engines pass on both.
    var environmentItems: [String: String] {
        ["name": "Pigeonhole Sieve", "location": "MS", "phase": "during", "domain": "example.com", "host": "localhost"]
    }
}
