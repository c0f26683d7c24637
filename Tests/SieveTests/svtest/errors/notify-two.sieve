require "enotify";
notify "mailto:a@example.org";
notify "mailto:b@example.org";
