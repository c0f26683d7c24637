# an unknown command
frobnicate "x";
