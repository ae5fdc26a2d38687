import * as assert from 'node:assert/strict';
import { GoBack, WizardCancelled } from '../../../src/wizard/prompter';
import type { PromptStep } from '../../../src/wizard/wizard';
import { Wizard } from '../../../src/wizard/wizard';
import type { Answer } from '../support/fakes';
import { ScriptedPrompter } from '../support/fakes';

interface Ctx {
  skipFirst: boolean;
  first?: string;
  second?: string;
  detail?: string;
  third?: string;
}

function pickStep(id: keyof Ctx & string, options: Partial<PromptStep<Ctx>> = {}): PromptStep<Ctx> {
  return {
    id,
    shouldPrompt: () => true,
    async prompt(context, ui) {
      const previous = context[id as 'first'];
      const value = await ui.pick<string>({
        placeholder: id,
        items: ['a', 'b', 'c'].map((label) => ({ label, value: `${id}-${label}` })),
        isActive: (candidate) => candidate === previous,
      });
      (context as unknown as Record<string, string>)[id] = value;
    },
    ...options,
  };
}

const steps: PromptStep<Ctx>[] = [
  pickStep('first', { shouldPrompt: (context) => !context.skipFirst }),
  pickStep('second'),
  pickStep('detail', { continuesPreviousStep: true, shouldPrompt: (context) => context.second === 'second-c' }),
  pickStep('third'),
];

function wizardWith(answers: Answer[]) {
  const prompter = new ScriptedPrompter(answers);
  return { prompter, wizard: new Wizard<Ctx>({ title: () => 'Title', steps }, prompter) };
}

const pickLabel = (label: string): Answer => (prompt) => {
  if (prompt.kind !== 'pick') throw new Error('expected a pick');
  return prompt.items.find((item) => item.label === label)?.value;
};
const back: Answer = () => {
  throw new GoBack();
};
const escape: Answer = () => {
  throw new WizardCancelled();
};

describe('wizard/Wizard', () => {
  it('numbers the steps it shows and offers Back only where there is a previous step', async () => {
    const { prompter, wizard } = wizardWith([pickLabel('a'), pickLabel('b'), pickLabel('a')]);
    const context: Ctx = { skipFirst: false };
    await wizard.run(context);
    assert.deepEqual(
      prompter.shown.map((prompt) => [prompt.position.step, prompt.position.totalSteps, prompt.position.canGoBack]),
      [[1, 3, false], [2, 3, true], [3, 3, true]],
    );
    assert.deepEqual(context, { skipFirst: false, first: 'first-a', second: 'second-b', third: 'third-a' });
  });

  it('skips steps whose value is already known, and counts without them', async () => {
    const { prompter, wizard } = wizardWith([pickLabel('a'), pickLabel('b')]);
    await wizard.run({ skipFirst: true });
    assert.deepEqual(prompter.shown.map((prompt) => `${prompt.position.step}/${prompt.position.totalSteps}`), ['1/2', '2/2']);
    assert.equal(prompter.shown[0].position.canGoBack, false);
  });

  it('goes back to the previous step with the earlier choice as its default', async () => {
    const { prompter, wizard } = wizardWith([pickLabel('a'), pickLabel('b'), back, pickLabel('c'), pickLabel('a'), pickLabel('b')]);
    const context: Ctx = { skipFirst: false };
    await wizard.run(context);
    const shownIds = prompter.shown.map((prompt) => (prompt.kind === 'pick' ? prompt.request.placeholder : ''));
    assert.deepEqual(shownIds, ['first', 'second', 'third', 'second', 'detail', 'third']);
    const secondAgain = prompter.shown[3];
    assert.ok(secondAgain.kind === 'pick' && secondAgain.request.isActive?.('second-b'), 'the previous choice is highlighted');
    assert.equal(context.second, 'second-c');
    assert.equal(context.detail, 'detail-a');
  });

  it('gives a second page of a step the same number as the step', async () => {
    const { prompter, wizard } = wizardWith([pickLabel('a'), pickLabel('c'), pickLabel('a'), pickLabel('a')]);
    await wizard.run({ skipFirst: false });
    assert.deepEqual(prompter.shown.map((prompt) => `${prompt.position.step}/${prompt.position.totalSteps}`), ['1/3', '2/3', '2/3', '3/3']);
  });

  it('stops at Escape with the cancellation, asking nothing more', async () => {
    const { prompter, wizard } = wizardWith([pickLabel('a'), escape]);
    await assert.rejects(wizard.run({ skipFirst: false }), WizardCancelled);
    assert.equal(prompter.shown.length, 2);
  });

  it('opens on a later step with Back to the earlier ones', async () => {
    const context: Ctx = { skipFirst: false, first: 'first-b', second: 'second-a', third: 'third-a' };
    const { prompter, wizard } = wizardWith([back, pickLabel('c'), pickLabel('a'), pickLabel('a')]);
    await wizard.run(context, 'third');
    assert.deepEqual(prompter.shown.map((prompt) => `${prompt.position.step}/${prompt.position.totalSteps}`), ['3/3', '2/3', '2/3', '3/3']);
    assert.equal(prompter.shown[0].position.canGoBack, true);
    assert.equal(context.first, 'first-b', 'the earlier choice stays');
  });
});
