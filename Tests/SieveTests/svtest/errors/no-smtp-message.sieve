require "vnd.dovecot.testsuite";
test_message :smtp 5;
