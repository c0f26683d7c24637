require ["vnd.dovecot.testsuite", "variables"];
set "tst.path" "x";
