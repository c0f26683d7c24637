require "include";
include "recursive";
