# A user's filter set of 50 rules, as a webmail's filter editor writes them, for the LMTP delivery
# benchmark (BENCHMARKS.md, "LMTP delivery"). Pigeonhole and Columba both compile it:
#   sievec scripts/bench/lmtp-50-rules.sieve /tmp/rules.svbin
#   columba sieve check scripts/bench/lmtp-50-rules.sieve
# The made-up messages of `columba-bench lmtp` (MessageMix) meet most rules: three quarters are
# filed; mail from people no rule names runs through all 50 and stays in INBOX. No rule discards or redirects,
# so every delivered copy lands in some mailbox; the vacation rule is switched off.
require ["fileinto", "mailbox", "imap4flags", "envelope", "regex", "body", "variables", "relational",
         "comparator-i;ascii-numeric", "subaddress", "vacation"];

# rule:[spam flag]
if header :contains "X-Spam-Flag" "YES" { fileinto :create "Junk"; stop; }
# rule:[spam score]
if header :value "ge" :comparator "i;ascii-numeric" "X-Spam-Score" "6" { fileinto :create "Junk"; stop; }
# rule:[spam subject]
if header :regex "Subject" "^(\\*\\*\\*SPAM\\*\\*\\*|\\[SPAM\\])" { fileinto :create "Junk"; stop; }
# rule:[blocked senders]
if address :domain :is "from" ["bulk-offers.test", "cheap-pills.test", "lottery.test"] { fileinto :create "Junk"; stop; }

# rule:[swift-dev]
if header :contains "List-Id" "<swift-dev.lists.example.org>" { fileinto :create "Lists/swift-dev"; stop; }
# rule:[swift-users]
if header :contains "List-Id" "<swift-users.lists.example.org>" { fileinto :create "Lists/swift-users"; stop; }
# rule:[swift-server]
if header :contains "List-Id" "<swift-server.lists.example.org>" { fileinto :create "Lists/swift-server"; stop; }
# rule:[dovecot]
if header :contains "List-Id" "<dovecot.lists.example.org>" { fileinto :create "Lists/dovecot"; stop; }
# rule:[postfix-users]
if header :contains "List-Id" "<postfix-users.lists.example.org>" { fileinto :create "Lists/postfix"; stop; }
# rule:[debian-devel]
if header :contains "List-Id" "<debian-devel.lists.example.org>" { fileinto :create "Lists/debian/devel"; stop; }
# rule:[debian-security]
if header :contains "List-Id" "<debian-security-announce.lists.example.org>" {
    addflag "\\Flagged";
    fileinto :create "Lists/debian/security";
    stop;
}
# rule:[lkml]
if header :contains "List-Id" "<linux-kernel.lists.example.org>" { addflag "\\Seen"; fileinto :create "Lists/lkml"; stop; }
# rule:[nginx]
if header :contains "List-Id" "<nginx.lists.example.org>" { fileinto :create "Lists/nginx"; stop; }
# rule:[pgsql-general]
if header :contains "List-Id" "<pgsql-general.lists.example.org>" { fileinto :create "Lists/postgresql"; stop; }
# rule:[rust-users]
if header :contains "List-Id" "<rust-users.lists.example.org>" { fileinto :create "Lists/rust"; stop; }
# rule:[emailcore]
if header :contains "List-Id" "<emailcore.lists.example.org>" { fileinto :create "Lists/ietf/emailcore"; stop; }
# rule:[other lists]
if allof (exists "List-Id", header :is "Precedence" "list") { fileinto :create "Lists/other"; stop; }

# rule:[github reviews]
if allof (address :is "from" "notifications@github.com", header :is "X-GitHub-Reason" "review_requested") {
    addflag "\\Flagged";
    fileinto :create "Notifications/GitHub/Reviews";
    stop;
}
# rule:[github ci]
if allof (address :is "from" "notifications@github.com", header :is "X-GitHub-Reason" "ci_activity") {
    addflag "\\Seen";
    fileinto :create "Notifications/GitHub/CI";
    stop;
}
# rule:[github mentions]
if allof (address :domain :is "from" "github.com", header :is "X-GitHub-Reason" "mention") {
    fileinto :create "Notifications/GitHub/Mentions";
    stop;
}
# rule:[github]
if address :domain :is "from" "github.com" { fileinto :create "Notifications/GitHub"; stop; }
# rule:[jira per project]
if allof (address :is "from" "jira@issues.example.com", header :regex "Subject" "^\\[JIRA\\] \\(([A-Z]+)-[0-9]+\\)") {
    fileinto :create "Notifications/Jira/${1}";
    stop;
}
# rule:[alerts firing]
if allof (address :is "from" "noreply@monitoring.example.com", header :contains "Subject" "[FIRING") {
    addflag "\\Flagged";
    fileinto :create "Alerts";
    stop;
}
# rule:[alerts resolved]
if allof (address :is "from" "noreply@monitoring.example.com", header :contains "Subject" "[RESOLVED]") {
    addflag "\\Seen";
    fileinto :create "Alerts/Resolved";
    stop;
}
# rule:[auto replies]
if header :is "Auto-Submitted" "auto-replied" { fileinto :create "Auto-Replies"; stop; }
# rule:[bounces]
if envelope :is "from" "" { fileinto :create "Bounces"; stop; }

# rule:[invoices]
if header :contains "Subject" ["invoice", "Rechnung", "facture"] {
    addflag "$Invoice";
    fileinto :create "Finance/Invoices";
    stop;
}
# rule:[bank]
if address :domain :is "from" "bank.example.net" { fileinto :create "Finance/Bank"; stop; }
# rule:[statements]
if body :text :contains "Kontoauszug" { fileinto :create "Finance/Statements"; stop; }
# rule:[payments]
if address :domain :is "from" ["paypal.example", "stripe.example", "klarna.example"] { fileinto :create "Finance/Payments"; stop; }
# rule:[tax]
if header :contains "Subject" ["tax return", "Steuerbescheid"] { addflag "\\Flagged"; fileinto :create "Finance/Tax"; stop; }
# rule:[shipping]
if address :is "from" "shipping@shop.example" { fileinto :create "Shopping/Deliveries"; stop; }
# rule:[tracking numbers]
if body :text :regex "tracking number:? *[0-9A-Z]{10,}" { fileinto :create "Shopping/Deliveries"; stop; }
# rule:[shop detail address]
if envelope :detail "to" "shop" { fileinto :create "Shopping"; stop; }

# rule:[newsletters by sender]
if address :domain :is "from" ["news.example.com", "community.example.net"] { fileinto :create "Newsletters"; stop; }
# rule:[deals]
if address :is "from" "deals@shop.example" { addflag "\\Seen"; fileinto :create "Newsletters/Deals"; stop; }
# rule:[bulk with unsubscribe]
if allof (exists "List-Unsubscribe", header :is "Precedence" "bulk") { fileinto :create "Newsletters"; stop; }
# rule:[social]
if address :domain :is "from" ["facebookmail.example", "linkedin.example", "mastodon.example"] {
    fileinto :create "Social";
    stop;
}
# rule:[calendar]
if anyof (header :regex "Message-ID" "@calendar\\.", body :raw :contains "BEGIN:VCALENDAR") {
    fileinto :create "Calendar";
    stop;
}
# rule:[travel]
if address :domain :is "from" ["airline.example", "rail.example", "hotels.example"] { fileinto :create "Travel"; stop; }
# rule:[boss]
if address :is "from" "ceo@example.org" { addflag "\\Flagged"; }
# rule:[high priority]
if anyof (header :is "Importance" "high", header :is "X-Priority" "1") { addflag "\\Flagged"; }
# rule:[family]
if address :domain :is "from" "family.example" { addflag "$Family"; fileinto :create "Family"; stop; }
# rule:[clients]
if address :domain :is "from" "clients.example.com" {
    if address :localpart :matches "from" "*" { fileinto :create "Work/Clients/${1}"; stop; }
}
# rule:[partners]
if address :domain :is "from" "partner.example" { fileinto :create "Work/Partners"; stop; }
# rule:[projects]
if header :regex "Subject" "^((Re|AW|Fwd|WG): *)*\\[Project (Falcon|Heron)\\]" { fileinto :create "Work/Projects/${3}"; stop; }
# rule:[university]
if address :domain :matches "from" "*.example.edu" { fileinto :create "University"; stop; }
# rule:[large mail]
if size :over 5M { addflag "$Large"; }
# rule:[many recipients]
if header :count "ge" :comparator "i;ascii-numeric" ["To", "Cc"] "10" { addflag "$Crowd"; }
# rule:[vacation] (switched off)
if false { vacation :days 7 :subject "Out of office" "I am away until Monday."; }
