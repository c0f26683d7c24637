if header :comparator "i;frop" :is "subject" "x" { keep; }
