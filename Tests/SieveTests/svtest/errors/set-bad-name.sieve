require "variables";
set "bad-name" "x";
