// Part of `npm run lint`: every commit since the habit was agreed has a subject of at most 72
// characters (the reasons go in the body), so that `git log --oneline` and review tools show it
// whole. Older commits are left as they are.
import { spawnSync } from 'node:child_process';

/** The last commit before the rule; its own and earlier subjects are not checked. */
export const RULE_SINCE = '61a8d85';
export const MAX_SUBJECT = 72;
/**
 * Commits merged before this check ran on them (73-80 characters); history is not rewritten for
 * them, since branches already merged contain them.
 */
export const KNOWN_LONG = new Set([
  '6f84afb',
  '5426983',
  'e82e506',
  'fa3a382',
  'c5c4243',
  '2bf6688',
  '0ee1684',
  'd6dceec',
]);

export function longSubjects(log: string, max = MAX_SUBJECT): string[] {
  return log
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [hash = '', ...rest] = line.split(' ');
      return { hash, subject: rest.join(' ') };
    })
    .filter((c) => [...c.subject].length > max)
    .map((c) => `${c.hash} (${[...c.subject].length} characters): ${c.subject}`);
}

if (require.main === module) {
  const git = (args: string[]) => spawnSync('git', args, { encoding: 'utf8' });
  if (git(['cat-file', '-e', `${RULE_SINCE}^{commit}`]).status !== 0) {
    // A tarball or a shallow clone: nothing to check against, said rather than silently passed.
    console.log(`[commit subjects] not checked: ${RULE_SINCE} is not in this checkout's history`);
  } else {
    const log = git(['log', '--format=%h %s', `${RULE_SINCE}..HEAD`]);
    if (log.status !== 0) throw new Error(`git log failed: ${log.stderr}`);
    const long = longSubjects(log.stdout).filter((line) => !KNOWN_LONG.has(line.split(' ')[0]!));
    if (long.length > 0) {
      console.error(
        `Commit subjects over ${MAX_SUBJECT} characters (put the reasons in the body):\n  ${long.join('\n  ')}`,
      );
      process.exitCode = 1;
    }
  }
}
