keep;
keep "abc;
