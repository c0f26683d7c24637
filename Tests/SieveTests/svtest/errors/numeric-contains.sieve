require ["comparator-i;ascii-numeric", "fileinto"];
if header :contains :comparator "i;ascii-numeric" "x-number" "1" { fileinto "X"; }
