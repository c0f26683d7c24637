require "ihave";
if ihave "fileinto" { fileinto "Guarded"; }
