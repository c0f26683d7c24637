require "fileinto";
fileinto :specialuse "\\Junk" "Spam";
