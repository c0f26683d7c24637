/// The signatures of `vnd.dovecot.testsuite`, the test runner's extension
/// (see the runner's specification in docs and ``SieveTestRunner``).
extension SieveSignature {
    static let testsuiteExtension = "vnd.dovecot.testsuite"

    /// `[MATCH-TYPE] [COMPARATOR] [:index n]` of `test_error` and `test_result_action`.
    private static let testsuiteMatching = matching.merging(["index": Tag(value: .number)]) { $1 }

    /// `:smtp` or `:folder "<mailbox>"` of `test_message`.
    private static let messageSource: [String: Tag] = [
        "smtp": Tag(value: nil, group: "source"),
        "folder": Tag(value: .string, group: "source"),
    ]

    static let testsuiteCommands: [String: SieveSignature] = [
        "test": SieveSignature(positional: [.string], block: true, requires: testsuiteExtension),
        "test_fail": SieveSignature(positional: [.string], requires: testsuiteExtension),
        "test_set": SieveSignature(positional: [.string, .string], requires: testsuiteExtension),
        "test_config_set": SieveSignature(positional: [.string, .string], requires: testsuiteExtension),
        "test_config_unset": SieveSignature(positional: [.string], requires: testsuiteExtension),
        "test_config_reload": SieveSignature(positional: [], tags: ["extension": Tag(value: .string)],
                                             requires: testsuiteExtension),
        "test_result_reset": SieveSignature(positional: [], requires: testsuiteExtension),
        "test_result_print": SieveSignature(positional: [], requires: testsuiteExtension),
        "test_message": SieveSignature(positional: [.number], tags: messageSource, requires: testsuiteExtension),
        "test_message_print": SieveSignature(positional: [], requires: testsuiteExtension),
        "test_mailbox_create": SieveSignature(positional: [.string], requires: testsuiteExtension),
        "test_mailbox_delete": SieveSignature(positional: [.string], requires: testsuiteExtension),
        "test_binary_save": SieveSignature(positional: [.string], requires: testsuiteExtension),
        "test_binary_load": SieveSignature(positional: [.string], requires: testsuiteExtension),
    ]

    static let testsuiteTests: [String: SieveSignature] = [
        "test_message": SieveSignature(positional: [.number], tags: messageSource, requires: testsuiteExtension),
        "test_result_execute": SieveSignature(positional: [], requires: testsuiteExtension),
        "test_script_compile": SieveSignature(positional: [.string], requires: testsuiteExtension),
        "test_script_run": SieveSignature(positional: [], tags: ["append_result": Tag(value: nil)],
                                          requires: testsuiteExtension),
        "test_multiscript": SieveSignature(positional: [.stringList], requires: testsuiteExtension),
        "test_error": SieveSignature(positional: [.stringList], tags: testsuiteMatching, requires: testsuiteExtension),
        // Columba's addition: the `line:column` of each error, which test_error leaves out.
        "test_error_location": SieveSignature(positional: [.stringList], tags: testsuiteMatching,
                                              requires: testsuiteExtension),
        "test_result_action": SieveSignature(positional: [.stringList], tags: testsuiteMatching,
                                             requires: testsuiteExtension),
    ]

    /// The objects `test_set` may change (member names are case-insensitive).
    static let testSetObjects: Set<String> = [
        "message", "envelope.from", "envelope.to", "envelope.orig_to", "envelope.auth",
    ]
}
