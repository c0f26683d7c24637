require "variables";
set "frop.x" "x";
