// ESLint rule `layers/imports`: the import direction between folders of src/ (design.md: data
// flows one way; core is the bottom, a view never imports a command). Each zone names the files it
// governs (`from`) and the modules they must not import (`forbid`, minus `allow`), as paths from the
// repository root without extension; a folder covers everything below it. Relative specifiers are
// resolved against the importing file, so the depth of `../` does not matter. Every kind of import
// counts: `import type`, re-exports, `import()` and `require()`.
//
//   'layers/imports': ['error', { root, zones: [{ from: ['src/core'], forbid: ['src'], allow: ['src/core'], message }] }]
import * as path from 'node:path';

const toPosix = (p) => p.split(path.sep).join('/');
const strip = (p) => p.replace(/\.(ts|mts|cts|js|mjs|cjs)$/, '').replace(/\/index$/, '');
/** True when `target` is `area` or below it. */
const within = (target, area) => target === area || target.startsWith(`${area}/`);

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports between the folders of src/ pointing one way' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          zones: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                from: { type: 'array', items: { type: 'string' } },
                forbid: { type: 'array', items: { type: 'string' } },
                allow: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['from', 'forbid', 'message'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'zones'],
        additionalProperties: false,
      },
    ],
    messages: { forbidden: '{{file}} must not import {{target}}: {{message}}' },
  },
  create(context) {
    const { root, zones } = context.options[0];
    const file = strip(toPosix(path.relative(root, context.filename)));
    const mine = zones.filter((zone) => zone.from.some((area) => within(file, area)));
    if (mine.length === 0) return {};

    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return; // packages (and `vscode`) are other rules' business
      const target = strip(toPosix(path.relative(root, path.resolve(path.dirname(context.filename), source.value))));
      for (const zone of mine) {
        const forbidden = zone.forbid.some((area) => within(target, area));
        const allowed = (zone.allow ?? []).some((area) => within(target, area));
        if (forbidden && !allowed) {
          context.report({ node: source, messageId: 'forbidden', data: { file, target, message: zone.message } });
          return;
        }
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
      TSExternalModuleReference: (node) => check(node.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

export default { rules: { imports: importsRule } };
