// `npm run sandbox [-- --json] [--tls] [--allow-enabled-clients] [--rate-limit free|PER_S/BURST] [--auto-login EMAIL]
// [--no-test-shortcuts] [--provider-port N] [--rp-port N]`
// Starts both tenants and keeps them running until SIGINT/SIGTERM.
// --json prints exactly one JSON line with the facts once both tenants are ready.
import { parseRateLimit, startSandbox, type Sandbox, type SandboxOptions } from './index';

function parseArgs(argv: string[]): { json: boolean; options: SandboxOptions } {
  const options: SandboxOptions = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--json':
        json = true;
        break;
      case '--tls':
        options.tls = true;
        break;
      case '--allow-enabled-clients':
        // the old behaviour: tenants created before 2026-01-07 accept enabled_clients in bodies
        options.rejectEnabledClientsInBody = false;
        break;
      case '--rate-limit':
        options.rateLimit = parseRateLimit(argv[++i] ?? '');
        break;
      case '--no-test-shortcuts':
        options.testShortcuts = false;
        break;
      case '--auto-login':
        options.autoLogin = argv[++i];
        break;
      case '--provider-port':
      case '--rp-port': {
        // Taken when free, else the OS picks one (npm start asks for its last sandbox's ports).
        const port = Number(argv[++i]);
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
          process.stderr.write(`sandbox: ${arg} needs a port number (1-65535)\n`);
          process.exit(2);
        }
        options.ports = { ...options.ports, [arg === '--rp-port' ? 'rp' : 'provider']: port };
        break;
      }
      case '--help':
      case '-h':
        process.stdout.write(
          'usage: npm run sandbox -- [--json] [--tls] [--allow-enabled-clients] [--rate-limit free|PER_SECOND/BURST] [--auto-login EMAIL] [--no-test-shortcuts] [--provider-port N] [--rp-port N]\n',
        );
        process.exit(0);
        break;
      default:
        process.stderr.write(`sandbox: unknown argument ${arg ?? ''}\n`);
        process.exit(2);
    }
  }
  return { json, options };
}

function describe(sandbox: Sandbox): string {
  const facts = sandbox.toJSON();
  const lines: string[] = ['Auth0-like sandbox tenants are running (Ctrl+C to stop).', ''];
  for (const [name, t] of Object.entries(facts.tenants)) {
    lines.push(
      `${name.toUpperCase()}  ${t.baseUrl}   domain: ${t.domain}   custom domain (logins only): ${t.customDomain}`,
    );
    lines.push(`  Management API audience: ${t.managementAudience}`);
    lines.push(`  M2M (all scopes):  client_id=${t.m2m.clientId}  client_secret=${t.m2m.clientSecret}`);
    lines.push(`  M2M (read-only):   client_id=${t.m2mReadOnly.clientId}  client_secret=${t.m2mReadOnly.clientSecret}`);
    for (const app of t.apps.filter((a) => a.appType !== 'non_interactive')) {
      lines.push(
        `  App "${app.name}" (${app.appType}): client_id=${app.clientId}${app.appType === 'spa' ? '' : `  client_secret=${app.clientSecret}`}`,
      );
      if (app.callbacks.length) lines.push(`      callbacks: ${app.callbacks.join(', ')}`);
    }
    for (const user of t.users) lines.push(`  User ${user.email} / ${user.password}  (${user.userId})`);
    lines.push('');
  }
  if (facts.caCertPath)
    lines.push(`TLS CA certificate: ${facts.caCertPath}  (NODE_EXTRA_CA_CERTS=${facts.caCertPath})`, '');
  const rp = facts.tenants.rp;
  const web = rp.apps.find((a) => a.name === 'RP Web App');
  if (web) {
    lines.push('Try it: create an auth0-oidc connection on the RP (see test/sandbox/README.md), then open');
    lines.push(
      `  ${rp.baseUrl}/authorize?client_id=${web.clientId}&response_type=code&redirect_uri=${encodeURIComponent('http://127.0.0.1:53682/callback')}&scope=openid%20profile%20email&state=demo&connection=NAME`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { json, options } = parseArgs(process.argv.slice(2));
  if (json) {
    // stdout carries exactly one line: route any library notice to stderr.
    console.log = console.error;
    console.info = console.error;
  }
  // Handlers go in before the (slowest) start, so a signal during start-up also ends cleanly.
  let sandbox: Sandbox | undefined = undefined;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!json) process.stderr.write(`\n${signal}: stopping the sandbox\n`);
    if (!sandbox) return; // main() closes it as soon as it is up
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`sandbox: close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  sandbox = await startSandbox(options);
  if (stopping) {
    await sandbox.close();
    process.exit(0);
  }
  process.stdout.write(json ? `${JSON.stringify(sandbox.toJSON())}\n` : `${describe(sandbox)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `sandbox: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
