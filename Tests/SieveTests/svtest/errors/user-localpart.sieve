require "subaddress";
if address :localpart :user "from" "a" { keep; }
