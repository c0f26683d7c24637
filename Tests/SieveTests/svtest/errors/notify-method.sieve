require "enotify";
notify "xmpp:a@example.org";
