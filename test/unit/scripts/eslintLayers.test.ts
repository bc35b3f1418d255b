// The import direction between the folders of src/ is enforced by ESLint (eslint.config.mjs, rule
// `layers/imports` from scripts/eslint-layers.mjs). These lint small files that exist only in
// memory, placed by path where the rule applies: each would pass if the rule were gone.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.join(__dirname, '..', '..', '..');

describe('the layer rule (eslint.config.mjs, run by npm run lint)', function () {
  this.timeout(60_000);
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({
      cwd: root,
      // The import rules only, on syntax alone: the type-aware rules would want the files on disk.
      ruleFilter: ({ ruleId }) => ruleId === 'layers/imports' || ruleId === 'no-restricted-imports',
      overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    });
  });

  /** The rule ids and messages of the errors ESLint reports for `text` at `file` (from the root). */
  const errors = async (file: string, text: string): Promise<string[]> => {
    const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
    return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('refuses src/core importing src/auth0, a type too, at any depth', async () => {
    const found = await errors(
      'src/core/layerProbe.ts',
      "import { requireConnectionOptions } from '../auth0/errors';\nexport const probe = requireConnectionOptions;\n",
    );
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /^layers\/imports: src\/core\/layerProbe must not import src\/auth0\/errors: /);

    const deeper = await errors(
      'src/core/deploy/layerProbe.ts',
      "import type { Connection } from '../../auth0';\nexport type Probe = Connection;\n",
    );
    assert.deepEqual(
      deeper.map((e) => e.split(':')[0]),
      ['layers/imports'],
    );
  });

  it("lets src/core import its own folders, though they share feature folders' names", async () => {
    const found = await errors(
      'src/core/deploy/layerProbe.ts',
      "import { isConnectionFileName } from '../connectionFile/connectionModel';\nexport const probe = isConnectionFileName;\n",
    );
    assert.deepEqual(found, []);
  });

  it('refuses src/auth0 importing vscode or the VS Code side', async () => {
    const found = await errors(
      'src/auth0/layerProbe.ts',
      "import * as vscode from 'vscode';\nimport { userMessage } from '../vscode/errors';\nexport const probe = [vscode, userMessage];\n",
    );
    assert.deepEqual(
      found.map((e) => e.split(':')[0]),
      ['no-restricted-imports', 'layers/imports'],
    );
  });

  it('refuses a view importing a command, and lets it use a service', async () => {
    const found = await errors(
      'src/tree/nodes/layerProbe.ts',
      [
        "import { deployConnection } from '../../deploy/deployConnection';",
        "import { addTenant } from '../../tenants/addTenant';",
        "import type { TenantRegistry } from '../../tenants/tenantRegistry';",
        'export const probe: unknown[] = [deployConnection, addTenant, {} as TenantRegistry];',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      found.map((e) => e.split(':')[0]),
      ['layers/imports', 'layers/imports'],
    );
    assert.match(found[0]!, /must not import src\/deploy\/deployConnection: a view never imports a command/);
  });
});
