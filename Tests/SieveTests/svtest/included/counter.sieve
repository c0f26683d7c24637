require ["include", "variables"];
global "shared";
set "shared" "${shared}x";
