import Testing

@testable import MailStore

@Suite("Maildir names and files")
struct MaildirTests {
    @Test("file names split into base and flag letters; letters map to flags and keywords")
    func fileNames() {
        #expect(Maildir.splitFileName("1700.M1P2.host,S=115,W=121:2,FRa") == ("1700.M1P2.host,S=115,W=121", "FRa"))
        #expect(Maildir.splitFileName("1700.M1P2.host") == ("1700.M1P2.host", ""))
        let keywords = Maildir.parseKeywords("0 $Work\n1 Project-X\n2 $Later\n27 Ignored\nbad line\n")
        #expect(keywords == [0: "$Work", 1: "Project-X", 2: "$Later"])
        #expect(Maildir.flags(letters: "DFPRSTac", keywords: keywords)
            == FlagSet(system: [.draft, .flagged, .answered, .seen, .deleted], keywords: ["$Forwarded", "$Work", "$Later"]))
        #expect(Maildir.flags(letters: "z", keywords: keywords) == FlagSet())
    }

    @Test("dovecot-uidlist version 3: header numbers and UIDs by base name; other versions refused")
    func uidList() throws {
        let list = try #require(Maildir.UIDList(parsing: """
            3 V1795933514 N7 G0bc5790d4ac50b6be766000083ecc375
            1 :1795933514.M223859P26343.vm,S=115,W=121
            4 G0123 W200 :1795933514.M324475P26343.vm,S=115,W=121
            """))
        #expect(list.uidValidity == 1_795_933_514)
        #expect(list.nextUID == 7)
        #expect(list.uids == ["1795933514.M223859P26343.vm,S=115,W=121": 1, "1795933514.M324475P26343.vm,S=115,W=121": 4])
        #expect(Maildir.UIDList(parsing: "1 1795933514 7\n") == nil)
        #expect(Maildir.UIDList(parsing: "3 N7\n") == nil)
    }

    @Test("Maildir++ folder directories become mailbox names; other directories are not folders")
    func folderNames() {
        let identity: (String) -> String? = { $0 == "bad" ? nil : $0 }
        #expect(Maildir.mailboxName(directory: ".Work", decode: identity) == "Work")
        #expect(Maildir.mailboxName(directory: ".Work.Reports", decode: identity) == "Work/Reports")
        for notFolder in ["cur", ".", "..", ".Work..x", ".bad"] {
            #expect(Maildir.mailboxName(directory: notFolder, decode: identity) == nil, "\(notFolder)")
        }
    }
}
