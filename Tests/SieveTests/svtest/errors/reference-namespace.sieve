require ["variables", "fileinto"];
fileinto "${frop.box}";
