if header :comparator "i;unicode-casemap" :is "x" "y" { keep; }
