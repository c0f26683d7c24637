keep;
discard
