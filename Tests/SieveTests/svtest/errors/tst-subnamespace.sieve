require ["vnd.dovecot.testsuite", "variables", "fileinto"];
fileinto "${tst.a.b}";
