require "variables";
set "to" "nobody";
redirect "${to}";
