/// <reference types="mocha" />
// First integration test: the extension is installed in the host and activates, and the host opened
// the fixture workspace (with the trust state the runner asked for).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gradient-lens.gradient-lens';
// Set by runInCodeServer.ts / runWithTestElectron.ts; the extension host inherits them.
const expectedWorkspace = process.env.GRADIENT_LENS_IT_WORKSPACE;
const expectedTrust = process.env.GRADIENT_LENS_IT_TRUST; // 'trusted' | 'untrusted' | undefined

describe('smoke @untrusted', () => {
  it('opens the fixture workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, `workspace folders: ${folders.map((f) => f.uri.toString())}`);
    const folder = folders[0].uri.fsPath;
    if (expectedWorkspace) assert.strictEqual(path.resolve(folder), path.resolve(expectedWorkspace));
    assert.ok(fs.existsSync(path.join(folder, 'model.js')), `model.js missing in ${folder}`);
  });

  it('has the trust state the runner asked for', function () {
    if (!expectedTrust) this.skip();
    assert.strictEqual(vscode.workspace.isTrusted, expectedTrust === 'trusted');
  });

  it('has the extension, and it activates', async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!vscode.workspace.isTrusted && !extension) {
      // An extension without `capabilities.untrustedWorkspaces` is disabled in Restricted Mode.
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
      const support = manifest?.capabilities?.untrustedWorkspaces?.supported;
      assert.ok(support === false || support === undefined, `extension missing although untrustedWorkspaces.supported=${support}`);
      this.skip();
    }
    assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
