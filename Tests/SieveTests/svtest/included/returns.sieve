require ["include", "fileinto", "mailbox"];
fileinto :create "Before";
return;
fileinto :create "NotReached";
