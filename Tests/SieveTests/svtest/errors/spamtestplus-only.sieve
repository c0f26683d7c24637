require "spamtestplus";
if spamtest "5" { keep; }
