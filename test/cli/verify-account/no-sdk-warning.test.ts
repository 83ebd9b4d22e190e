import * as fs from 'fs';
import { StsEndpoint } from '../../support/sts-endpoint';
import { fakeAwsEnv, PROD, restoreEnv, synthAssembly, verify } from './fixture';

// Its own file: jest gives each file a fresh module registry, so the SDK has not yet decided whether to warn.
test('no AWS SDK Node-version warning reaches the output, even when the variable is not set', async () => {
  const assembly = synthAssembly();
  const sts = await StsEndpoint.start({ kind: 'identity', account: PROD });
  const warnings: string[] = [];
  const spy = jest.spyOn(process, 'emitWarning').mockImplementation(((w: string | Error) => {
    warnings.push(String(w));
  }) as any);
  try {
    fakeAwsEnv(sts.url);
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const r = await verify(['--stage', 'prod', '--assembly', assembly]);
    expect(r.code).toBe(0);
    expect(`${r.out}${r.err}`).not.toMatch(/Node\.js|NodeVersionSupportWarning|node >=/);
    expect(warnings.filter((w) => /NodeVersion|node >=/i.test(w))).toEqual([]);
  } finally {
    spy.mockRestore();
    restoreEnv();
    await sts.stop();
    fs.rmSync(assembly, { recursive: true, force: true });
  }
});
