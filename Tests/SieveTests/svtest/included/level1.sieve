require "include";
include "level2";
