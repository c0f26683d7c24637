require "include";
include "level3";
include :global "file-a";
