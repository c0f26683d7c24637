require ["enotify", "variables"];
set "m" "xmpp:a@example.org";
notify "${m}";
