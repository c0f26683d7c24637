require "fileinto";
fileinto "A";
fileinto "B";
fileinto "C";
fileinto "D";
