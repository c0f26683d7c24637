require "foreverypart";
foreverypart :name "a" { break :name "b"; }
