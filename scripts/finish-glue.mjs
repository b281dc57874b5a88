// Finishes a wasm-bindgen JS glue file for shipping, in place:
//   - each inline_js snippet module it imports (ESM `import {..} from './snippets/..'`, or the
//     nodejs target's `const {..} = require(String.raw`./snippets/..`)`) is inlined where it was
//     imported, in its own function scope, and the snippets folder is removed: a browser then
//     fetches one module instead of three, one after the other;
//   - each IamClient method that takes (params, options) first asks the fast path (`fastStart`,
//     exported by src/transport.js) and enters wasm only when it declines: a call with plain
//     params is then built and sent by JS alone (src/fast.rs, BENCHMARKS.md issue 12);
//   - its comments are dropped (the JSDoc repeats the .d.ts beside it, which editors read), except
//     the `/* @ts-self-types */` line that points TypeScript at that .d.ts.
// Refuses (exit 1) anything it does not expect: a snippet with an import, a default export or an
// export form other than `export function` / `export class`, a comment it cannot delimit, a
// method taking params it cannot rewrite or no snippet exporting `fastStart` for them.
// usage: node scripts/finish-glue.mjs GLUE.js
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/finish-glue.mjs GLUE.js');
  process.exit(2);
}
const fail = (message) => {
  console.error(`finish-glue: ${file}: ${message}`);
  process.exit(1);
};
const dir = dirname(file);

const FAST_START = 'fastStart';
let fastStartInScope = false;
const names = (list) => list.split(',').map((n) => n.trim()).filter(Boolean);

// One snippet import, replaced by the snippet's text in a function scope whose value has every
// name the snippet exports: those the glue imports, and those the glue's rewritten parts call
// although wasm does not import them (`fastStart` in each method; `pend`/`unpend` in the default
// browser entry, scripts/entry-glue.mjs).
let inlined = 0;
const inline = (_, list, path) => {
  inlined += 1;
  let text;
  try {
    text = readFileSync(join(dir, path), 'utf8');
  } catch (error) {
    fail(`cannot read snippet ${path}: ${error.message}`);
  }
  const exported = [];
  text = text.replace(/^export (function|class) (\w+)/gm, (_, kind, name) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(export|import)\b/m.test(text)) fail(`snippet ${path} has an import or an export form not inlined`);
  for (const name of names(list)) if (!exported.includes(name)) fail(`snippet ${path} does not export ${name}`);
  if (exported.includes(FAST_START)) fastStartInScope = true;
  return `const {${exported.join(', ')}} = (() => {\n${text.trimEnd()}\nreturn { ${exported.join(', ')} };\n})();`;
};
let glue = readFileSync(file, 'utf8')
  .replace(/^import \{([^}]*)\} from '(\.\/snippets\/[^']+)';$/gm, inline)
  .replace(/^const \{([^}]*)\} = require\(String\.raw`(\.\/snippets\/[^`]+)`\);$/gm, inline);
if (/snippets\//.test(glue)) fail('a snippet import was not inlined');

const method = /^( {4})(\w+)\(params, options\) \{\n( {8})const ret = (wasm\.iamclient_(\w+)\(this\.__wbg_ptr, [^\n]*\));\n {8}return ret;\n/gm;
let rewritten = 0;
glue = glue.replace(method, (_, indent, name, body, call, exported) => {
  if (name !== exported) fail(`method ${name} calls wasm.iamclient_${exported}`);
  rewritten += 1;
  return `${indent}${name}(params, options) {\n${body}return ${FAST_START}(this, "${name}", params, options) ?? ${call};\n`;
});
const methods = (glue.match(/^ {4}\w+\(params, options\) \{$/gm) ?? []).length;
if (rewritten !== methods) fail(`${methods - rewritten} of ${methods} methods taking params not rewritten`);
if (rewritten > 0 && !fastStartInScope) fail(`methods rewritten, but no snippet exports ${FAST_START}`);

// Comments: whole-line `//` comments and JSDoc blocks that start a line (wasm-bindgen writes
// no other kind outside strings).
const out = [];
let inDoc = false;
for (const line of glue.split('\n')) {
  const trimmed = line.trim();
  if (inDoc) {
    if (trimmed.includes('*/')) {
      if (!trimmed.endsWith('*/')) fail(`code after a comment's end: ${trimmed}`);
      inDoc = false;
    }
    continue;
  }
  if (trimmed.startsWith('/**')) {
    if (!trimmed.endsWith('*/')) inDoc = true;
    continue;
  }
  if (trimmed.startsWith('//')) continue;
  out.push(line);
}
if (inDoc) fail('a comment does not end');
writeFileSync(file, out.join('\n').replace(/\n{3,}/g, '\n\n'));
rmSync(join(dir, 'snippets'), { recursive: true, force: true });
console.error(`finish-glue: ${file}: ${inlined} snippet module(s) inlined, ${rewritten} methods start on the fast path, ${glue.length} -> ${out.join('\n').length} chars`);
