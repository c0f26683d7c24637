require "date";
if date :is "date" "frop" "1" { keep; }
