require "include";
include "level1";
