require "ihave";
error "giving up";
