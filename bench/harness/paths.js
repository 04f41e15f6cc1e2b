'use strict';

const path = require('path');

/** The repository root, the compiled library, the compiled CLI and where profiles go (git-ignored). */
const ROOT = path.resolve(__dirname, '..', '..');
const BUILD = path.join(ROOT, 'build');
const CLI = path.join(BUILD, 'cli', 'main.js');
const PROFILES_DIR = path.join(ROOT, 'bench', 'profiles');

module.exports = { ROOT, BUILD, CLI, PROFILES_DIR };
