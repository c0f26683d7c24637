require "enotify";
notify :from "nobody" "mailto:a@example.org";
