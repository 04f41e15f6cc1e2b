'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const YAML = require('yaml');

/** Writes each `{ name, objects }` as `<dir>/<name>.yaml`, one YAML document per object. */
function writeEstate(files, dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const text = file.objects.map((object) => YAML.stringify(object)).join('---\n');
    fs.writeFileSync(path.join(dir, `${file.name}.yaml`), text);
  }
  return dir;
}

/** A fresh temporary directory for one benchmark; removed by the caller. */
function temporaryDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `netpol-bench-${label}-`));
}

module.exports = { writeEstate, temporaryDir };
