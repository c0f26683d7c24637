require "include";
include "level3";
