if header :comparator "i;ascii-numeric" :is "x" "1" { keep; }
