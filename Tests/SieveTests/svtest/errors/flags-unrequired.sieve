require "fileinto";
fileinto :flags "\\Seen" "A";
