if address :is ["to", "subject"] "a@b" { keep; }
