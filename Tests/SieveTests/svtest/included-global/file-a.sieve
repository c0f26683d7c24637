redirect "global@example.org";
