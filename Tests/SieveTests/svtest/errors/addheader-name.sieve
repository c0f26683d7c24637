require "editheader";
addheader "X Bad:" "v";
