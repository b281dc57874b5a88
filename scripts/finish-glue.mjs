// Finishes a wasm-bindgen JS glue file for shipping, in place:
//   - each inline_js snippet module it imports (ESM `import {..} from './snippets/..'`, or the
//     nodejs target's `const {..} = require(String.raw`./snippets/..`)`) is inlined where it was
//     imported, in its own function scope, and the snippets folder is removed: a browser then
//     fetches one module instead of three, one after the other;
//   - its comments are dropped (the JSDoc repeats the .d.ts beside it, which editors read), except
//     the `/* @ts-self-types */` line that points TypeScript at that .d.ts.
// Refuses (exit 1) anything it does not expect: a snippet with an import, a default export or an
// export form other than `export function` / `export class`, a comment it cannot delimit.
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

// One snippet module as an expression whose value has its exports.
const scoped = (path, names) => {
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
  for (const name of names) if (!exported.includes(name)) fail(`snippet ${path} does not export ${name}`);
  return `(() => {\n${text.trimEnd()}\nreturn { ${names.join(', ')} };\n})()`;
};
const names = (list) => list.split(',').map((n) => n.trim()).filter(Boolean);

let inlined = 0;
const inline = (_, list, path) => {
  inlined += 1;
  return `const {${list}} = ${scoped(path, names(list))};`;
};
const glue = readFileSync(file, 'utf8')
  .replace(/^import \{([^}]*)\} from '(\.\/snippets\/[^']+)';$/gm, inline)
  .replace(/^const \{([^}]*)\} = require\(String\.raw`(\.\/snippets\/[^`]+)`\);$/gm, inline);
if (/snippets\//.test(glue)) fail('a snippet import was not inlined');

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
console.error(`finish-glue: ${file}: ${inlined} snippet module(s) inlined, ${glue.length} -> ${out.join('\n').length} chars`);
