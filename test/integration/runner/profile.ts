// A throwaway profile for one run: HOME, TMPDIR and XDG_* all point into one temp folder, so
// neither code-server nor Chromium leaves files in ~ or /tmp, and runs never see each other.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onCleanup } from './processes';

export interface RunProfile {
  root: string;
  env: NodeJS.ProcessEnv;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  /** Where a suite's workspace folder is created. */
  workspacesDir: string;
}

/** User settings that keep the workbench quiet and offline. */
export const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'git.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
};

export async function createProfile(
  opts: { keep?: boolean | undefined; prefix?: string; settings?: Record<string, unknown> } = {},
): Promise<RunProfile> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), opts.prefix ?? 'auth0-oidc-it-'));
  const dirs = {
    home: path.join(root, 'home'),
    tmp: path.join(root, 'tmp'),
    config: path.join(root, 'xdg-config'),
    data: path.join(root, 'xdg-data'),
    cache: path.join(root, 'xdg-cache'),
    state: path.join(root, 'xdg-state'),
    runtime: path.join(root, 'xdg-runtime'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspaces: path.join(root, 'workspaces'),
  };
  for (const d of Object.values(dirs)) await fs.mkdir(d, { recursive: true, mode: 0o700 });
  await fs.mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  await fs.writeFile(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2),
  );
  const configFile = path.join(root, 'config.yaml');
  await fs.writeFile(configFile, 'auth: none\ncert: false\n');

  const env: NodeJS.ProcessEnv = { ...process.env };
  // An `npm run` parent exports its own settings; they mean nothing to code-server or Chromium.
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  Object.assign(env, {
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    XDG_RUNTIME_DIR: dirs.runtime,
  });
  // code-server reads these from the environment: $PORT would override --bind-addr's port, and a
  // password would put a login page in front of the workbench.
  delete env.PORT;
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;

  if (!opts.keep) onCleanup('profile folder', () => fs.rm(root, { recursive: true, force: true, maxRetries: 3 }));
  return {
    root,
    env,
    userDataDir: dirs.userData,
    extensionsDir: dirs.extensions,
    configFile,
    workspacesDir: dirs.workspaces,
  };
}
