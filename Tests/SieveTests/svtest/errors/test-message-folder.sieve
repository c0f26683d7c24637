require "vnd.dovecot.testsuite";
test_message :folder "a..b" 0;
