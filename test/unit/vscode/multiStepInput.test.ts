// The wizard runner of src/vscode/multiStepInput.ts: steps numbered from their list, skipped steps
// taking no number, Back returning to the step asked before.
import * as assert from 'node:assert/strict';
import { installFakeVscode } from '../reliability/fakeVscode';

installFakeVscode();
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
