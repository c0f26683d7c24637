require ["fileinto", "mailbox"];
fileinto :create "FromA";
