'use strict';

const path = require('path');

/** The repository root, the compiled library and the compiled CLI. */
const ROOT = path.resolve(__dirname, '..', '..');
const BUILD = path.join(ROOT, 'build');
const CLI = path.join(BUILD, 'cli', 'main.js');

module.exports = { ROOT, BUILD, CLI };
