// A second, independent Schematron implementation (node-schematron, on fontoxpath) run over files:
// prints {"file": ["pattern-id", ...]} with one entry per failed assert or successful report.
// Usage: node schematron_node.js SCHEMA.sch FILE...
'use strict';
const fs = require('fs');
const { Schema } = require('node-schematron');

const [schemaPath, ...files] = process.argv.slice(2);
const json = Schema.fromDomToJson(require('slimdom').parseXmlDocument(fs.readFileSync(schemaPath, 'utf8')));
// Results carry the assert's id only: give each assert its pattern's id, to compare verdicts by rule.
for (const pattern of json.patterns) {
  for (const rule of pattern.rules) {
    for (const assert of rule.asserts) assert.id = pattern.id;
  }
}
const schema = Schema.fromJson(json);
const out = {};
for (const file of files) {
  try {
    out[file] = schema.validateString(fs.readFileSync(file, 'utf8')).map((r) => r.assertId);
  } catch (error) {
    out[file] = ['error: ' + String(error.message || error).split('\n')[0]];
  }
}
process.stdout.write(JSON.stringify(out));
