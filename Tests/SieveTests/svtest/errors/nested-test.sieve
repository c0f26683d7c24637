require "vnd.dovecot.testsuite";
if true { test "inner" { } }
