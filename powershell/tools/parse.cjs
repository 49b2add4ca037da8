// Parses PowerShell files with tree-sitter-powershell (WebAssembly, through
// web-tree-sitter) and reports every ERROR or MISSING node as file:line:col.
// Usage: node parse.cjs FILE...   (exit 1 when any file does not parse)
'use strict';
const fs = require('fs');
const { Parser, Language } = require('web-tree-sitter');

(async () => {
  await Parser.init();
  const lang = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
  const parser = new Parser();
  parser.setLanguage(lang);
  let bad = 0;
  for (const file of process.argv.slice(2)) {
    // .psd1 is a PowerShell data file: a hashtable literal, parsed as an expression.
    const src = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const tree = parser.parse(src);
    const problems = [];
    const walk = (n) => {
      if (n.isError || n.isMissing) {
        const what = n.isMissing ? `missing ${n.type}` : 'syntax error';
        const text = src.slice(n.startIndex, Math.min(n.endIndex, n.startIndex + 60)).replace(/\s+/g, ' ');
        problems.push(`${file}:${n.startPosition.row + 1}:${n.startPosition.column + 1}: ${what} near ${JSON.stringify(text)}`);
        if (n.isError) return; // one report per broken region
      }
      for (const c of n.children) walk(c);
    };
    walk(tree.rootNode);
    if (problems.length > 0) {
      bad++;
      for (const p of problems) console.error(p);
    } else {
      console.log(`ok ${file}`);
    }
    tree.delete();
  }
  process.exit(bad > 0 ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
