require ["encoded-character", "variables"];
set "x" "${unicode:D800}";
