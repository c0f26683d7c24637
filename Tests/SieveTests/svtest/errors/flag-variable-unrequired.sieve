require "imap4flags";
setflag "var" "\\Seen";
