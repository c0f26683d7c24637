import Testing

@testable import Auth

@Suite("UserRecord")
struct UserRecordTests {
    @Test("Dovecot userdb fields map to properties and back")
    func fields() throws {
        let record = try UserRecord(
            username: "a@example.org",
            fields: [
                "uid": "1000", "gid": "100", "home": "/home/a", "mail": "sdbox:~/mail",
                "quota_rule": "*:storage=512M", "quota_rule2": "*:messages=100", "quota_rule3": "Trash:storage=+10%%",
                "quota_rule4": "Spam:ignore",
                "mail_replica": "tcp:b.example.org", "host": "10.0.0.2", "imap_client_workarounds": "delay-newmail",
            ]
        )
        #expect(
            record
                == UserRecord(
                    username: "a@example.org",
                    uid: 1000,
                    gid: 100,
                    home: "/home/a",
                    mailLocation: "sdbox:~/mail",
                    quotaStorageBytes: 512 << 20,
                    quotaMessageCount: 100,
                    mailReplica: "tcp:b.example.org",
                    directorHost: "10.0.0.2",
                    extraFields: [
                        "quota_rule3": "Trash:storage=+10%%", "quota_rule4": "Spam:ignore",
                        "imap_client_workarounds": "delay-newmail",
                    ]
                )
        )
        #expect(try UserRecord(username: "a@example.org", fields: record.fields) == record)
        #expect(try UserRecord(username: "x", fields: ["user": "renamed"]).username == "renamed")
    }

    @Test(
        "quota rule sizes",
        arguments: [
            ("*:storage=1024", Int64(1024 * 1024)), ("*:storage=1k", 1024), ("*:storage=2G", 2 << 30),
            ("*:bytes=1000", 1000), ("*:storage=1T", 1 << 40), ("*:storage=10B", 10),
        ]
    )
    func quota(rule: String, bytes: Int64) throws {
        #expect(try UserRecord(username: "a", fields: ["quota_rule": rule]).quotaStorageBytes == bytes)
    }

    @Test(
        "invalid numbers name the field",
        arguments: [["uid": "x"], ["gid": "-1"], ["quota_rule": "*:storage=lots"], ["quota_messages": "many"]]
    )
    func invalid(fields: [String: String]) {
        #expect(throws: InvalidUserField.self) { try UserRecord(username: "a", fields: fields) }
    }
}
