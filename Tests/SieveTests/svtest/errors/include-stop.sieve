require ["include", "fileinto", "mailbox"];
include "stops";
fileinto :create "NotReached";
