// The wizard runner of src/vscode/multiStepInput.ts: steps numbered from their list, skipped steps
// taking no number, Back returning to the step asked before.
import * as assert from 'node:assert/strict';
import { installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();

// A stand-in for VS Code's InputBox and QuickPick: the test types, ticks and presses Enter.
type Listener = (value?: unknown) => unknown;
class FakeInput {
  value = '';
  validationMessage: unknown;
  busy = false;
  enabled = true;
  selectedItems: unknown[] = [];
  activeItems: unknown[] = [];
  items: unknown[] = [];
  hidden = false;
  private readonly listeners = new Map<string, Listener[]>();
  private on = (name: string) => (listener: Listener) => {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return {
      dispose: () =>
        this.listeners.set(
          name,
          (this.listeners.get(name) ?? []).filter((l) => l !== listener),
        ),
    };
  };
  onDidChangeValue = this.on('change');
  onDidAccept = this.on('accept');
  onDidTriggerButton = this.on('button');
  onDidHide = this.on('hide');
  fire(name: string, value?: unknown): void {
    for (const l of this.listeners.get(name) ?? []) void l(value);
  }
  type(text: string): void {
    this.value = text;
    this.fire('change', text);
  }
  enter(): void {
    this.fire('accept');
  }
  show(): void {}
  dispose(): void {
    this.hidden = true;
  }
}

const shown: FakeInput[] = [];
const vscodeFake = require('../reliability/fakeVscode') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-require-imports
vscodeFake.window.createInputBox = () => shown[shown.push(new FakeInput()) - 1];
vscodeFake.window.createQuickPick = () => shown[shown.push(new FakeInput()) - 1];

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the fake vscode is installed */
const msi = require('../../../src/vscode/multiStepInput') as typeof import('../../../src/vscode/multiStepInput');
/* eslint-enable @typescript-eslint/no-require-imports */
const { MultiStepInput } = msi;
type WizardStep<S> = import('../../../src/vscode/multiStepInput').WizardStep<S>;
/** A step's answer: back, or on to the next. */
type Answer = typeof msi.BACK | undefined;
const BACK: Answer = msi.BACK;

interface State {
  skipB: boolean;
  /** What each step answers, in turn: BACK or undefined (next). */
  answers: Answer[];
  seen: string[];
}

const step = (name: string, shouldPrompt: (s: State) => boolean = () => true): WizardStep<State> => ({
  shouldPrompt,
  prompt: (input, s) => {
    const { title, step: n, totalSteps } = input.numbering;
    s.seen.push(`${name} ${n}/${totalSteps} ${title}`);
    return Promise.resolve(s.answers.shift());
  },
});

describe('MultiStepInput.wizard (the New Connection File wizard runner)', () => {
  it('numbers the steps from the list, in order', async () => {
    const state: State = { skipB: false, answers: [], seen: [] };
    await MultiStepInput.wizard('T', state, [step('a'), step('b'), step('c')]);
    assert.deepEqual(state.seen, ['a 1/3 T', 'b 2/3 T', 'c 3/3 T']);
  });

  it('gives a skipped step no number, and Back returns to the step asked before', async () => {
    const state: State = { skipB: true, answers: [undefined, BACK, BACK, undefined, undefined], seen: [] };
    await MultiStepInput.wizard('T', state, [step('a'), step('b', (s) => !s.skipB), step('c')]);
    // c goes back to a (b was skipped), a's Back stays on a (there is nothing before it).
    assert.deepEqual(state.seen, ['a 1/2 T', 'c 2/2 T', 'a 1/2 T', 'a 1/2 T', 'c 2/2 T']);
  });

  it('asks shouldPrompt when the step is reached, so an answer can bring a later step in', async () => {
    const state: State = { skipB: true, answers: [], seen: [] };
    const a: WizardStep<State> = {
      shouldPrompt: () => true,
      prompt: (input, s) => {
        s.seen.push(`a ${input.numbering.step}/${input.numbering.totalSteps}`);
        s.skipB = false;
        return Promise.resolve(undefined);
      },
    };
    await MultiStepInput.wizard('T', state, [a, step('b', (s) => !s.skipB), step('c')]);
    assert.deepEqual(state.seen, ['a 1/2', 'b 2/3 T', 'c 3/3 T']);
  });

  it("opens at `start` (Add Tenant's Try Again) with the steps before counted as asked, so Back reaches them", async () => {
    const state: State = { skipB: true, answers: [BACK, undefined, undefined], seen: [] };
    await MultiStepInput.wizard('T', state, [step('a'), step('b', (s) => !s.skipB), step('c'), step('d')], 3);
    // d first (3/3: b is skipped), its Back goes to c, then on to d.
    assert.deepEqual(state.seen, ['d 3/3 T', 'c 2/3 T', 'd 3/3 T']);
  });

  it('runs hand-numbered function steps (Add Tenant) as before: Back re-runs the one before', async () => {
    const seen: string[] = [];
    const answers: Answer[] = [undefined, BACK, undefined, undefined];
    const fn = (name: string) => () => {
      seen.push(name);
      return Promise.resolve(answers.shift());
    };
    await MultiStepInput.run({}, [fn('a'), fn('b'), fn('c')]);
    assert.deepEqual(seen, ['a', 'b', 'a', 'b', 'c']);
  });
});

/** Lets the promise callbacks run (the box's async check, the confirmation). */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const common = { title: 'T', step: 1, totalSteps: 2 };

describe('MultiStepInput boxes', () => {
  it("a text step's check stops Enter on an error, shown at that step, and lets a corrected answer through", async () => {
    const taken = new Set(['partner']);
    const answer = new MultiStepInput().text({
      ...common,
      prompt: 'Name',
      check: (v) => Promise.resolve(taken.has(v) ? 'partner.auth0-oidc.json already exists here.' : undefined),
    });
    const box = shown.at(-1)!;
    box.type('partner');
    box.enter();
    await settle();
    assert.equal(box.hidden, false, 'a taken name does not leave the step');
    assert.equal(box.validationMessage, 'partner.auth0-oidc.json already exists here.');
    box.type('partner-2');
    box.enter();
    assert.equal(await answer, 'partner-2');
  });

  it("a text step's warning is seen before the next step: the first Enter shows it, the second goes on", async () => {
    const warning = { message: 'A secret is already stored as ##PARTNER_CLIENT_SECRET##.', severity: 2 };
    const answer = new MultiStepInput().text({ ...common, prompt: 'Name', check: () => Promise.resolve(warning) });
    const box = shown.at(-1)!;
    box.value = 'partner'; // typed, and Enter pressed before the check of the typing answered
    box.enter();
    await settle();
    assert.equal(box.hidden, false);
    assert.deepEqual(box.validationMessage, warning);
    box.enter();
    assert.equal(await answer, 'partner');
  });

  it('acceptAfterCheck: an error stays, a warning stays once unless it was shown, nothing accepts', () => {
    const warning = { message: 'w', severity: 2 };
    assert.equal(msi.acceptAfterCheck(undefined, undefined), 'accept');
    assert.equal(msi.acceptAfterCheck('taken', 'taken'), 'stay');
    assert.equal(msi.acceptAfterCheck({ message: 'e', severity: 3 }, { message: 'e', severity: 3 }), 'stay');
    assert.equal(msi.acceptAfterCheck(warning, undefined), 'stay');
    assert.equal(msi.acceptAfterCheck(warning, { ...warning }), 'accept');
  });

  it('pickMany asks before accepting nothing ticked; "Go back" keeps the pick open, "Continue" answers none', async () => {
    const answers = [false, true];
    let asked = 0;
    const picked = new MultiStepInput().pickMany({
      ...common,
      placeholder: 'Applications',
      items: [{ label: 'RP Web App' }],
      confirmNone: () => {
        asked++;
        return Promise.resolve(answers.shift()!);
      },
    });
    const pick = shown.at(-1)!;
    pick.enter();
    await settle();
    assert.equal(asked, 1);
    assert.equal(pick.hidden, false, 'Go back: the same pick, still open');
    assert.equal(pick.enabled, true);
    pick.enter();
    assert.deepEqual(await picked, []);
    assert.equal(asked, 2);
  });

  it('pickMany does not ask when an item is ticked', async () => {
    const item = { label: 'RP Web App' };
    const picked = new MultiStepInput().pickMany({
      ...common,
      placeholder: 'Applications',
      items: [item],
      confirmNone: () => Promise.reject(new Error('asked')),
    });
    const pick = shown.at(-1)!;
    pick.selectedItems = [item];
    pick.enter();
    assert.deepEqual(await picked, [item]);
  });
});
