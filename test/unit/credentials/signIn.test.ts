import * as assert from 'node:assert/strict';
import { runSignInFlow } from '../../../src/credentials/signIn';
import type { SignInInput, SignInService } from '../../../src/credentials/signIn';
import { formatEnglish as t } from '../../../src/domain/translate';
import { GoBack, WizardCancelled } from '../../../src/wizard/prompter';
import type { Answer } from '../support/fakes';
import { ScriptedPrompter, type } from '../support/fakes';

const SECRET_ID = 'AKIDexample0000000000000000000000000';
const SECRET_KEY = 'exampleSecretKey00000000000000000000';

/** Accepts the keys unless `refuse` says why not; records every check. */
function service(stored: string[] = [], refuse: (input: SignInInput) => string | undefined = () => undefined) {
  const checked: SignInInput[] = [];
  const signIn: SignInService = {
    storedNames: async () => stored,
    verifyAndSave: async (input) => {
      checked.push(input);
      return refuse(input);
    },
  };
  return { signIn, checked };
}

const back: Answer = () => {
  throw new GoBack();
};
const escape: Answer = () => {
  throw new WizardCancelled();
};

describe('credentials/runSignInFlow', () => {
  it('asks four numbered steps, hides the key and the token, and checks the key on the last', async () => {
    const { signIn, checked } = service();
    const prompter = new ScriptedPrompter([type(` ${SECRET_ID} `), type(SECRET_KEY), type(''), type('work')]);
    assert.equal(await runSignInFlow(signIn, prompter, t), 'work');
    assert.deepEqual(
      prompter.shown.map((shown) => [shown.position.title, `${shown.position.step}/${shown.position.totalSteps}`, shown.kind === 'input' && shown.request.password === true]),
      [
        ['Sign In to Tencent Cloud', '1/4', false],
        ['Sign In to Tencent Cloud', '2/4', true],
        ['Sign In to Tencent Cloud', '3/4', true],
        ['Sign In to Tencent Cloud', '4/4', false],
      ],
    );
    assert.deepEqual(checked, [{ profileName: 'work', secretId: SECRET_ID, secretKey: SECRET_KEY, token: undefined }]);
  });

  it('suggests "default" unless a profile has that name', async () => {
    const first = new ScriptedPrompter([type(SECRET_ID), type(SECRET_KEY), type('token'), escape]);
    await runSignInFlow(service().signIn, first, t);
    assert.equal(first.shown[3].kind === 'input' ? first.shown[3].request.value : undefined, 'default');
    const second = new ScriptedPrompter([type(SECRET_ID), type(SECRET_KEY), type('token'), escape]);
    await runSignInFlow(service(['default']).signIn, second, t);
    assert.equal(second.shown[3].kind === 'input' ? second.shown[3].request.value : undefined, '');
  });

  it('warns, without blocking, that an existing profile of that name gets the new key', async () => {
    const { signIn, checked } = service(['work']);
    const prompter = new ScriptedPrompter([type(SECRET_ID), type(SECRET_KEY), type(''), type(' work ')]);
    assert.equal(await runSignInFlow(signIn, prompter, t), 'work');
    assert.deepEqual(prompter.shown[3].messages, ['A profile named "work" exists: its key will be replaced.']);
    assert.equal(checked.length, 1, 'the warning did not stop the key check');
  });

  it('keeps what was typed when going Back', async () => {
    const { signIn, checked } = service();
    const prompter = new ScriptedPrompter([type(SECRET_ID), type(SECRET_KEY), back, back, type(SECRET_ID), type(SECRET_KEY), type('tok'), type('p')]);
    await runSignInFlow(signIn, prompter, t);
    const values = prompter.shown.map((shown) => (shown.kind === 'input' ? shown.request.value : undefined));
    // Shown: SecretId, SecretKey, token (Back), SecretKey again (Back), SecretId again, ...
    assert.deepEqual(values.slice(3, 5), [SECRET_KEY, SECRET_ID], 'Back shows the values accepted before');
    assert.equal(prompter.shown[3].position.canGoBack, true);
    assert.equal(prompter.shown[4].position.canGoBack, false, 'the first step has no Back');
    assert.deepEqual(checked, [{ profileName: 'p', secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'tok' }]);
  });

  it('stays on the last step with the reason when the key is refused, and saves nothing on Escape', async () => {
    const { signIn, checked } = service([], () => 'The key was not saved: AuthFailure.SignatureFailure');
    const prompter = new ScriptedPrompter([type(SECRET_ID), type('wrong'), type(''), type('p'), escape]);
    assert.equal(await runSignInFlow(signIn, prompter, t), undefined);
    assert.equal(checked.length, 1);
    assert.deepEqual(prompter.shown[3].messages, ['The key was not saved: AuthFailure.SignatureFailure']);
  });

  it('refuses an empty or spaced SecretId and a bad profile name before any call', async () => {
    const { signIn, checked } = service();
    const prompter = new ScriptedPrompter([type(''), type('AKID with space'), type(SECRET_ID), type(SECRET_KEY), type(''), type('my profile'), type('ok')]);
    await runSignInFlow(signIn, prompter, t);
    assert.deepEqual(prompter.shown[0].messages, ['Enter the SecretId.', 'The SecretId cannot contain spaces or line breaks: paste it again.']);
    assert.deepEqual(prompter.shown[3].messages, ['Use letters, digits, ".", "-" and "_" only.']);
    assert.deepEqual(checked.map((input) => input.profileName), ['ok']);
  });
});
