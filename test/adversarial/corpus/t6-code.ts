import { AdversarialCase, bad, clean, fn, tpl } from './case';

/** T6: code that evaluates input, written to slip past name matching; Python; code the scanner cannot read; runtimes (T8). */

const js = (id: string, cls: string, code: string): AdversarialCase =>
  bad(id, 'T6', cls, ['DynamicCode'], tpl({ Fn: fn('fn', { Code: { ZipFile: code } }) }));
const okJs = (id: string, cls: string, code: string): AdversarialCase =>
  clean(id, 'T6', cls, tpl({ Fn: fn('fn', { Code: { ZipFile: code } }) }));
const py = (id: string, cls: string, code: string): AdversarialCase =>
  bad(id, 'T6', cls, ['DynamicCode'], tpl({ Fn: fn('fn', { Runtime: 'python3.13', Handler: 'index.handler', Code: { ZipFile: code } }) }));
const okPy = (id: string, cls: string, code: string): AdversarialCase =>
  clean(id, 'T6', cls, tpl({ Fn: fn('fn', { Runtime: 'python3.13', Handler: 'index.handler', Code: { ZipFile: code } }) }));
const handler = (body: string): string => `exports.handler = async (event) => {\n  ${body}\n};\n`;
const pyHandler = (imports: string, body: string): string => `${imports}\n\ndef handler(event, context):\n    ${body}\n`;
const asset = (id: string, expect: string[], files: { [f: string]: string }, over: object = {}, assetFile?: string): AdversarialCase =>
  (expect.length === 0
    ? clean
    : (i: string, t: string, c: string, tp: object, a?: AdversarialCase['assets']) => bad(i, t, c, expect, tp, a))(
    id,
    expect.includes('AssetLockfile') || id.startsWith('t10') ? 'T10' : 'T6',
    expect.includes('AssetLockfile') ? 'python-lockfile' : expect.length === 0 ? 'lookalike-asset' : 'code-asset',
    tpl({
      Fn: {
        ...fn('fn', { Code: { S3Bucket: 'cdk-assets-111111111111-eu-west-1', S3Key: 'fake.zip' }, ...over }),
        Metadata: {
          'aws:asset:path': assetFile === undefined ? `${id}.assets` : `${id}.assets/${assetFile}`,
          'aws:asset:property': 'Code',
        },
      },
    }),
    files,
  ) as AdversarialCase;

export const T6_CASES: AdversarialCase[] = [
  js('t6-eval-direct', 'eval-evasion', handler('return eval(event.body);')),
  js('t6-eval-call', 'eval-evasion', handler('return eval.call(null, event.body);')),
  js('t6-eval-apply', 'eval-evasion', handler('return eval.apply(globalThis, [event.body]);')),
  js('t6-reflect-apply', 'eval-evasion', handler('return Reflect.apply(eval, undefined, [event.body]);')),
  js('t6-computed-global', 'eval-evasion', handler("return globalThis['ev' + 'al'](event.body);")),
  js('t6-global-bracket', 'eval-evasion', handler("return global['eval'](event.body);")),
  js('t6-indirect-comma', 'eval-evasion', handler('return (0, eval)(event.body);')),
  js('t6-alias', 'eval-evasion', handler('const run = eval;\n  return run(event.body);')),
  js('t6-function-constructor-chain', 'eval-evasion', handler('return [].constructor.constructor(event.body)();')),
  js('t6-function-bind', 'eval-evasion', handler('return Function.prototype.constructor.bind(null, event.body)()();')),
  js('t6-new-function', 'eval-evasion', handler("return new Function('e', event.body)(event);")),
  js('t6-spawn-sh-c', 'shell-evasion', `const { spawn } = require('child_process');\n${handler("spawn('sh', ['-c', event.cmd]);")}`),
  js(
    't6-spawn-bash-c',
    'shell-evasion',
    `const cp = require('child_process');\n${handler("cp.spawnSync('/bin/bash', ['-c', 'convert ' + event.file]);")}`,
  ),
  js(
    't6-spawn-shell-true',
    'shell-evasion',
    `const cp = require('node:child_process');\n${handler('cp.spawn(event.cmd, [], { shell: true });')}`,
  ),
  js('t6-exec-template', 'shell-evasion', `const { exec } = require('child_process');\n${handler('exec(`ls ${event.dir}`);')}`),
  js('t6-computed-require', 'shell-evasion', handler("const m = require('child_' + 'process');\n  m.execSync(event.cmd);")),
  js('t6-import-data-url', 'import-evasion', handler("return import('data:text/javascript,' + encodeURIComponent(event.body));")),
  js(
    't6-worker-eval',
    'worker-evasion',
    `const { Worker } = require('worker_threads');\n${handler('new Worker(event.body, { eval: true });')}`,
  ),
  js('t6-vm-compile-function', 'vm-evasion', `const vm = require('vm');\n${handler('return vm.compileFunction(event.body)();')}`),
  js(
    't6-vm-script',
    'vm-evasion',
    `const { Script } = require('node:vm');\n${handler('return new Script(event.body).runInThisContext();')}`,
  ),
  js(
    't6-module-compile',
    'vm-evasion',
    `const Module = require('module');\n${handler("const m = new Module('x');\n  m._compile(event.body, 'x.js');\n  return m.exports;")}`,
  ),
  js('t6-settimeout-string', 'eval-evasion', handler('setTimeout(event.body, 0);')),
  bad(
    't6-zipfile-join',
    'T6',
    'inline-intrinsic',
    ['DynamicCode'],
    tpl({
      Fn: fn('fn', {
        Code: { ZipFile: { 'Fn::Join': ['\n', ['exports.handler = async (event) => {', '  return eval(event.body);', '};']] } },
      }),
    }),
  ),
  bad(
    't6-zipfile-sub',
    'T6',
    'inline-intrinsic',
    ['DynamicCode'],
    tpl({
      Fn: fn('fn', {
        Code: {
          ZipFile: {
            'Fn::Sub': 'const t = "${AWS::Region}";\nexports.handler = async (e) => require("child_process").execSync(e.cmd).toString();',
          },
        },
      }),
    }),
  ),
  py('t6-py-eval', 'python', pyHandler('import json', 'return eval(event["expr"])')),
  py('t6-py-exec', 'python', pyHandler('', 'exec(event["code"])')),
  py('t6-py-pickle', 'python', pyHandler('import base64, pickle', 'return pickle.loads(base64.b64decode(event["body"]))')),
  py(
    't6-py-subprocess-shell',
    'python',
    pyHandler('import subprocess', 'return subprocess.check_output("convert " + event["file"], shell=True)'),
  ),
  py('t6-py-os-system', 'python', pyHandler('import os', 'os.system("tar xf " + event["name"])')),
  py('t6-py-os-popen', 'python', pyHandler('import os', 'return os.popen(event["cmd"]).read()')),
  py('t6-py-dunder-import', 'python', pyHandler('', 'return __import__("os").system(event["cmd"])')),
  py('t6-py-builtins-getattr', 'python', pyHandler('import builtins', 'return getattr(builtins, "ev" + "al")(event["expr"])')),
  py('t6-py-yaml-load', 'python', pyHandler('import yaml', 'return yaml.load(event["body"], Loader=yaml.Loader)')),
  py('t6-py-compile', 'python', pyHandler('', 'code = compile(event["src"], "x", "exec")\n    exec(code)')),
  asset(
    't6-asset-python-eval',
    ['DynamicCode'],
    { 'handler.py': pyHandler('import json', 'return eval(event["expr"])') },
    { Runtime: 'python3.13', Handler: 'handler.handler' },
  ),
  asset('t6-asset-js-reflect', ['DynamicCode'], { 'index.js': handler('return Reflect.apply(eval, null, [event.body]);') }),
  asset('t6-asset-zip', ['UnscannedCode'], { 'code.zip': 'PK\u0003\u0004 fake zip: not read by the scanner' }, {}, 'code.zip'),
  asset(
    't10-python-requirements-unpinned',
    ['AssetLockfile'],
    { 'handler.py': pyHandler('import json', 'return json.loads(event["body"])'), 'requirements.txt': 'requests\nboto3>=1.28\n' },
    { Runtime: 'python3.13', Handler: 'handler.handler' },
  ),

  okJs('t6-ok-json-parse', 'lookalike-js', handler('return JSON.parse(event.body);')),
  okJs(
    't6-ok-named-evaluate',
    'lookalike-js',
    `const rules = { evaluate: (x) => x > 1 };\n${handler('return rules.evaluate(Number(event.n));')}`,
  ),
  okJs(
    't6-ok-execfile',
    'lookalike-js',
    `const { execFile } = require('child_process');\n${handler("execFile('/opt/bin/convert', [event.in, event.out]);")}`,
  ),
  okJs('t6-ok-spawn-args', 'lookalike-js', `const { spawn } = require('child_process');\n${handler("spawn('ls', ['-l', event.dir]);")}`),
  okJs('t6-ok-timer-function', 'lookalike-js', handler('await new Promise((r) => setTimeout(r, 10));\n  return 1;')),
  okJs('t6-ok-eval-in-string', 'lookalike-js', handler("const doc = 'never call eval(input) in a handler';\n  return doc.length;")),
  okJs('t6-ok-regexp-exec', 'lookalike-js', handler('const m = /id=(\\d+)/.exec(event.q);\n  return m ? m[1] : null;')),
  okPy(
    't6-ok-py-literal-eval',
    'lookalike-python',
    pyHandler('import ast, json', 'return ast.literal_eval(event["x"]), json.loads(event["body"])'),
  ),
  okPy(
    't6-ok-py-subprocess-list',
    'lookalike-python',
    pyHandler('import subprocess', 'return subprocess.run(["ls", "-l", event["dir"]], check=True)'),
  ),
  okPy(
    't6-ok-py-comment',
    'lookalike-python',
    pyHandler('# we never eval(), exec() or pickle.loads() input here', 'return {"statusCode": 200}'),
  ),
  okPy('t6-ok-py-safe-yaml', 'lookalike-python', pyHandler('import yaml', 'return yaml.safe_load(event["body"])')),
  okPy('t6-ok-py-method-named-exec', 'lookalike-python', pyHandler('import re', 'return re.compile(r"\\d+").match(event["q"])')),
  asset(
    't10-ok-python-requirements-pinned',
    [],
    {
      'handler.py': pyHandler('import json', 'return json.loads(event["body"])'),
      'requirements.txt': 'requests==2.32.3 --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\n',
    },
    { Runtime: 'python3.13', Handler: 'handler.handler' },
  ),

  // Runtimes (T8) from Mappings and parameter defaults are judged like literals.
  bad('t8-runtime-literal', 'T8', 'runtime', ['DeprecatedRuntime'], tpl({ Fn: fn('fn', { Runtime: 'nodejs16.x' }) })),
  bad(
    't8-runtime-mapping',
    'T8',
    'runtime-mapping',
    ['DeprecatedRuntime'],
    tpl(
      { Fn: fn('fn', { Runtime: { 'Fn::FindInMap': ['Runtimes', 'node', 'version'] } }) },
      { Mappings: { Runtimes: { node: { version: 'nodejs14.x' } } } },
    ),
  ),
  bad(
    't8-runtime-mapping-region',
    'T8',
    'runtime-mapping',
    ['DeprecatedRuntime'],
    tpl(
      {
        Fn: fn('fn', {
          Runtime: { 'Fn::FindInMap': ['Runtimes', { Ref: 'AWS::Region' }, 'python'] },
          Handler: 'index.handler',
          Code: { ZipFile: 'def handler(e, c):\n    return 1\n' },
        }),
      },
      { Mappings: { Runtimes: { 'eu-west-1': { python: 'python3.7' }, 'us-east-1': { python: 'python3.13' } } } },
    ),
  ),
  bad(
    't8-runtime-parameter-default',
    'T8',
    'runtime-parameter',
    ['DeprecatedRuntime'],
    tpl({ Fn: fn('fn', { Runtime: { Ref: 'Runtime' } }) }, { Parameters: { Runtime: { Type: 'String', Default: 'nodejs12.x' } } }),
  ),
  bad(
    't8-runtime-parameter-allowed',
    'T8',
    'runtime-parameter',
    ['DeprecatedRuntime'],
    tpl(
      { Fn: fn('fn', { Runtime: { Ref: 'Runtime' } }) },
      { Parameters: { Runtime: { Type: 'String', Default: 'nodejs22.x', AllowedValues: ['nodejs22.x', 'nodejs16.x'] } } },
    ),
  ),
  bad(
    't8-runtime-if',
    'T8',
    'runtime',
    ['DeprecatedRuntime'],
    tpl(
      { Fn: fn('fn', { Runtime: { 'Fn::If': ['Legacy', 'nodejs16.x', 'nodejs22.x'] } }) },
      { Conditions: { Legacy: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } } },
    ),
  ),
  clean(
    't8-ok-runtime-mapping',
    'T8',
    'lookalike-runtime',
    tpl(
      { Fn: fn('fn', { Runtime: { 'Fn::FindInMap': ['Runtimes', 'node', 'version'] } }) },
      { Mappings: { Runtimes: { node: { version: 'nodejs22.x' } } } },
    ),
  ),
  clean(
    't8-ok-runtime-parameter',
    'T8',
    'lookalike-runtime',
    tpl(
      { Fn: fn('fn', { Runtime: { Ref: 'Runtime' } }) },
      { Parameters: { Runtime: { Type: 'String', Default: 'nodejs22.x', AllowedValues: ['nodejs22.x', 'nodejs24.x'] } } },
    ),
  ),
];
