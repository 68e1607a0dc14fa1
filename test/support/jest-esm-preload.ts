// Jest setup file. @nestjs/throttler is CommonJS and require()s @nestjs/common and @nestjs/core,
// ES modules. Jest refuses such a require() while the module is still being evaluated in the same
// import graph (ERR_REQUIRE_CYCLE_MODULE); Node does not, as it evaluates them first. Evaluating
// them here, before any test file, turns the require() into a lookup of a finished module.
import '@nestjs/common';
import '@nestjs/core';
