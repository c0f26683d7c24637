require "ihave";
if ihave "x-frop" { frop :blah; }
