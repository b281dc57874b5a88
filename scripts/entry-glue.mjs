// Writes the browser entry point, web/index.js, from the finished --target web glue (see
// finish-glue.mjs): the same module with `await init()` at its end, so that
// `import { IamClient } from 'akamai-iam-wasm'` is ready to use. A page then loads two files in
// sequence, this module and the .wasm it fetches, instead of three (an index.js, the glue it
// imports, then the .wasm); on a fresh page each step of that chain costs about as much as the
// API call itself (BENCHMARKS.md, issue 12). The glue itself stays beside it for
// 'akamai-iam-wasm/manual'. The two are separate module instances: a page uses one of them.
// Refuses (exit 1) a glue without the export line or the @ts-self-types line it rewrites.
// usage: node scripts/entry-glue.mjs GLUE.js OUT.js
import { readFileSync, writeFileSync } from 'node:fs';

const [glueFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node scripts/entry-glue.mjs GLUE.js OUT.js');
  process.exit(2);
}
const fail = (message) => {
  console.error(`entry-glue: ${glueFile}: ${message}`);
  process.exit(1);
};

const exportLine = /^export \{ initSync, __wbg_init as default \};$/m;
const selfTypes = /^\/\* @ts-self-types="\.\/[\w.]+\.d\.ts" \*\/$/m;
const glue = readFileSync(glueFile, 'utf8');
if (!exportLine.test(glue)) fail('no `export { initSync, __wbg_init as default };` line');
if (!selfTypes.test(glue)) fail('no @ts-self-types line');
const entry = glue
  .replace(selfTypes, () => '/* @ts-self-types="./index.d.ts" */')
  .replace(exportLine, () => 'export { initSync, __wbg_init as default, __wbg_init as init };')
  .trimEnd();
writeFileSync(outFile, `${entry}\n\nawait __wbg_init();\n`);
console.error(`entry-glue: ${outFile} written`);
