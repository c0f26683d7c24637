require ["variables", "fileinto"];
set "v" "abcdefghij";
if string :is "${v}" "abcde" { fileinto "Truncated"; }
