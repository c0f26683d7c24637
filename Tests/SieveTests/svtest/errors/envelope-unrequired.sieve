if envelope :is "from" "a@b" { keep; }
