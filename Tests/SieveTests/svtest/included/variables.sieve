require ["include", "variables"];
global "shared";
set "shared" "${shared}, seen";
set "private" "changed";
