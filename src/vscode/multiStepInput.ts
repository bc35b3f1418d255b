import * as vscode from 'vscode';
import { disposeAll } from './lifecycle';

/**
 * Thrown when the person presses Escape or the input otherwise goes away: the flow just stops.
 * It is the client's CancelledError, the one cancellation type the command wrapper keeps quiet.
 */
import { CancelledError as InputCancelled } from '../auth0/errors';

export { InputCancelled };

/** What a step answers when the person pressed the Back button. */
export const BACK: unique symbol = Symbol('back');

/** The title and "step N of M" a box shows. */
export interface StepCommon {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

export interface TextStep extends StepCommon {
  readonly prompt: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly password?: boolean;
  /** Runs on every keystroke: a message stops Enter, undefined lets it through. */
  readonly validate?: (value: string) => string | vscode.InputBoxValidationMessage | undefined;
  /**
   * A check that needs the disk or secret storage (is the name taken?): run once typing passes
   * `validate`, and again on Enter, which waits for it. An error stops Enter; a warning lets the
   * second Enter through, so it is seen before the next step (see acceptAfterCheck).
   */
  readonly check?: (value: string) => Promise<string | vscode.InputBoxValidationMessage | undefined>;
}

/** What Enter does once the step's `check` answered `problem`, with `shown` the message the box showed. */
export function acceptAfterCheck(
  problem: string | vscode.InputBoxValidationMessage | undefined,
  shown: string | vscode.InputBoxValidationMessage | undefined,
): 'accept' | 'stay' {
  if (problem === undefined) return 'accept';
  // A plain string is an error, as VS Code shows it; only a warning or info lets the person go on.
  if (typeof problem === 'string' || problem.severity === vscode.InputBoxValidationSeverity.Error) return 'stay';
  const text = (m: typeof shown): string | undefined => (typeof m === 'object' ? m.message : m);
  // A warning the person has not seen yet stays on this step once, so it is read before moving on.
  return text(shown) === problem.message ? 'accept' : 'stay';
}

export interface PickStep<T extends vscode.QuickPickItem> extends StepCommon {
  readonly placeholder: string;
  readonly items: readonly T[];
  readonly selected?: readonly T[];
  /**
   * Items still loading (a tenant's applications): the pick shows `items` and a busy bar at once,
   * and puts these first when they come. The promise must settle in bounded time (it answers
   * "could not load" items itself), and must not reject.
   */
  readonly loading?: Promise<readonly T[]>;
  /** Filter on the description too (client ids, hosts). */
  readonly matchOnDescription?: boolean;
  /**
   * pickMany only: asked when Enter is pressed with nothing ticked; false keeps the pick open with
   * its items and filter, as they were (the person goes back to ticking).
   */
  readonly confirmNone?: () => Promise<boolean>;
}

/** A wizard step's text box or pick: the wizard adds its title and the step's number. */
export type TextOptions = Omit<TextStep, keyof StepCommon>;
export type PickOptions<T extends vscode.QuickPickItem> = Omit<PickStep<T>, keyof StepCommon>;

/**
 * One input box or quick pick shown after another, with a step counter and a Back button, as
 * VS Code's own multi-step flows do. Each step returns its answer or goes back one step.
 */
export class MultiStepInput {
  async text(step: TextStep): Promise<string | typeof BACK> {
    const box = vscode.window.createInputBox();
    box.title = step.title;
    box.step = step.step;
    box.totalSteps = step.totalSteps;
    box.prompt = step.prompt;
    box.value = step.value ?? '';
    box.placeholder = step.placeholder;
    box.password = step.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise<string | typeof BACK>((resolve, reject) => {
      const disposables: vscode.Disposable[] = [];
      let done = false;
      const finish = (result: () => void): void => {
        if (done) return;
        done = true;
        disposeAll(disposables);
        box.dispose();
        result();
      };
      const passes = (problem: string | vscode.InputBoxValidationMessage | undefined): boolean =>
        problem === undefined ||
        (typeof problem === 'object' && problem.severity !== vscode.InputBoxValidationSeverity.Error);
      const check = (value: string): boolean => {
        const problem = step.validate?.(value);
        box.validationMessage = problem;
        return passes(problem);
      };
      // The slower check runs once the typing passes validate; only the answer for the value still in the box shows.
      const checkFurther = (value: string): void => {
        if (!step.check) return;
        void step.check(value).then(
          (problem) => {
            if (!done && box.value === value && problem !== undefined && passes(step.validate?.(value)))
              box.validationMessage = problem;
          },
          () => undefined,
        );
      };
      const accept = async (): Promise<void> => {
        const value = box.value;
        // What the person saw when pressing Enter: a warning already shown lets this Enter through.
        const shown = box.validationMessage;
        if (!check(value)) return;
        if (step.check) {
          box.busy = true;
          const problem = await step.check(value).catch(() => undefined);
          if (done) return;
          box.busy = false;
          if (box.value !== value) return;
          if (problem !== undefined) box.validationMessage = problem;
          if (acceptAfterCheck(problem, shown) === 'stay') return;
        }
        finish(() => resolve(value));
      };
      disposables.push(
        box.onDidChangeValue((value) => {
          if (check(value)) checkFurther(value);
        }),
        box.onDidAccept(() => void accept()),
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) finish(() => resolve(BACK));
        }),
        box.onDidHide(() => finish(() => reject(new InputCancelled()))),
      );
      if (box.value && check(box.value)) checkFurther(box.value);
      box.show();
    });
  }

  async pickOne<T extends vscode.QuickPickItem>(step: PickStep<T>): Promise<T | typeof BACK> {
    const chosen = await this.pick(step, false);
    return chosen === BACK ? BACK : chosen[0]!;
  }

  async pickMany<T extends vscode.QuickPickItem>(step: PickStep<T>): Promise<readonly T[] | typeof BACK> {
    return this.pick(step, true);
  }

  private async pick<T extends vscode.QuickPickItem>(
    step: PickStep<T>,
    many: boolean,
  ): Promise<readonly T[] | typeof BACK> {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = step.title;
    pick.step = step.step;
    pick.totalSteps = step.totalSteps;
    pick.placeholder = step.placeholder;
    pick.canSelectMany = many;
    pick.ignoreFocusOut = true;
    pick.items = step.items;
    if (many) pick.selectedItems = step.selected ?? [];
    // An empty activeItems would leave no row focused, and Enter would do nothing: keep the first.
    else if (step.selected && step.selected.length > 0) pick.activeItems = step.selected;
    pick.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    pick.matchOnDescription = step.matchOnDescription ?? false;
    return new Promise<readonly T[] | typeof BACK>((resolve, reject) => {
      const disposables: vscode.Disposable[] = [];
      let done = false;
      const finish = (result: () => void): void => {
        done = true;
        disposeAll(disposables);
        pick.dispose();
        result();
      };
      const accept = async (): Promise<void> => {
        const chosen = many ? pick.selectedItems : pick.activeItems;
        if (many && chosen.length === 0 && step.confirmNone) {
          pick.enabled = false;
          const go = await step.confirmNone().catch(() => false);
          if (done) return;
          pick.enabled = true;
          if (!go) return;
        }
        if (chosen.length > 0 || many) finish(() => resolve(chosen));
      };
      if (step.loading) {
        pick.busy = true;
        void step.loading.then((loaded) => {
          if (done) return;
          pick.busy = false;
          const items = [...loaded, ...step.items];
          pick.items = items;
          if (many) pick.selectedItems = [...(step.selected ?? []), ...loaded.filter((i) => i.picked)];
          else pick.activeItems = items.slice(0, 1);
        });
      }
      disposables.push(
        pick.onDidAccept(() => void accept()),
        pick.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) finish(() => resolve(BACK));
        }),
        pick.onDidHide(() => finish(() => reject(new InputCancelled()))),
      );
      pick.show();
    });
  }

  /**
   * Runs the wizard `steps` in order, titled `title`: each step whose shouldPrompt() holds when
   * it is reached is asked, numbered by its place among those; a step that answers BACK returns
   * to the one asked before it. Each step reads and writes the shared state, so going back shows
   * what was typed before. `start` opens the wizard at that step, with the answers in `state`.
   */
  static async wizard<S>(title: string, state: S, steps: readonly WizardStep<S>[], start = 0): Promise<S> {
    const input = new MultiStepInput();
    // Opened at a later step (Add Tenant's Try Again): the steps before count as asked, so Back reaches them.
    const asked: number[] = steps.flatMap((step, i) => (i < start && step.shouldPrompt(state) ? [i] : []));
    let index = start;
    while (index < steps.length) {
      const step = steps[index]!;
      if (!step.shouldPrompt(state)) {
        index++;
        continue;
      }
      const later = steps.slice(index + 1).filter((s) => s.shouldPrompt(state)).length;
      const numbered = new StepInput(input, { title, step: asked.length + 1, totalSteps: asked.length + 1 + later });
      if ((await step.prompt(numbered, state)) === BACK) index = asked.pop() ?? index;
      else asked.push(index++);
    }
    return state;
  }

  /**
   * Runs `steps` in order; a step that answers BACK re-runs the one before. Each step names its
   * own title and number (Add Tenant: its last step asks one box or two).
   */
  static async run<S>(
    state: S,
    steps: readonly ((input: MultiStepInput, state: S) => Promise<typeof BACK | undefined>)[],
  ): Promise<S> {
    return MultiStepInput.wizard(
      '',
      state,
      steps.map((prompt) => ({ shouldPrompt: () => true, prompt: (input, s) => prompt(input.boxes, s) })),
    );
  }
}

/**
 * One step of a wizard run by MultiStepInput.wizard, as Azure's AzureWizardPromptStep: a step is
 * added by putting it in the list, and the "step N of M" numbers follow from the list.
 */
export interface WizardStep<S> {
  /** False when this path skips the step; it then takes no number. Asked each time the step is reached. */
  shouldPrompt(state: S): boolean;
  /** Asks through `input` (titled and numbered for this step); BACK returns to the step asked before. */
  prompt(input: StepInput, state: S): Promise<typeof BACK | undefined>;
}

/** What a wizard step asks with: MultiStepInput's boxes, with the wizard's title and the step's number. */
export class StepInput {
  constructor(
    /** The boxes themselves, for a step that numbers its own boxes. */
    readonly boxes: MultiStepInput,
    /** The wizard's title and this step's number, as its boxes show them. */
    readonly numbering: StepCommon,
  ) {}

  text(options: TextOptions): Promise<string | typeof BACK> {
    return this.boxes.text({ ...this.numbering, ...options });
  }

  pickOne<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T | typeof BACK> {
    return this.boxes.pickOne<T>({ ...this.numbering, ...options });
  }

  pickMany<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<readonly T[] | typeof BACK> {
    return this.boxes.pickMany<T>({ ...this.numbering, ...options });
  }
}
