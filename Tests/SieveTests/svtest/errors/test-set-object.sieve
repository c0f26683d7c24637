require "vnd.dovecot.testsuite";
test_set "frop" "x";
