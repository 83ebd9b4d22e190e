/**
 * Finds code that executes dynamic input (T6) in one JavaScript or TypeScript source, from its syntax tree
 * (@babel/parser): a regex over source text cannot tell `eval(x)` from `"eval(x)"`, a comment or `re.exec(s)`.
 *
 * Bindings are tracked by name over the whole file, not per scope: `const { exec: run } = require('child_process')`
 * makes every `run(...)` in the file a child_process exec. A same-named local elsewhere is then flagged too; that
 * errs on the side of a finding, which can be acknowledged by its `<file>:<line>` key.
 *
 * Calls through `.call`/`.apply`/`.bind`/`Reflect.apply`, globals named by computed keys (`globalThis['ev' + 'al']`
 * is folded; a key only known at run time is flagged), the Function constructor reached through `.constructor`
 * chains, shells spawned with `-c`, workers with `eval: true`, `Module._compile`, `import()` of built data URLs
 * and `require()`/`import()` of a module named wholly at run time are followed.
 *
 * Out of scope (documented limits): values resolved through variables (`const code = 'x'; eval(code)` is
 * flagged; `spawn(cmd, args, opts)` with `opts` a variable holding `shell: true` is not), `util.promisify` is
 * followed but `child_process/promises`-style wrappers of other libraries (execa, shelljs) are not, and a timer
 * given a value that is not visibly a string (`setTimeout(event.body)`) is not flagged.
 */

import { scanPythonSource } from './python-code-scanner';

// The package's typings import @babel/types, which is not installed; the two calls used are typed here.
const babel = require('@babel/parser') as { parse(text: string, options: object): { program: AstNode } };

/** A node of the Babel AST (ESTree-like); only the fields read here are typed. */
interface AstNode {
  readonly type: string;
  readonly loc?: { readonly start: { readonly line: number } };
  readonly [field: string]: any;
}

/** One occurrence of dynamic code, or a file the parser rejected. */
export interface CodeFinding {
  /** 1-based line in the source. */
  readonly line: number;
  /** What was found, e.g. `eval of a non-literal argument`; or why the file could not be read. */
  readonly construct: string;
  /** True when the source could not be parsed (so it was not checked). */
  readonly unparsable?: boolean;
}

/** Which syntax a source is parsed with. */
export enum SourceDialect {
  JAVASCRIPT = 'js',
  JAVASCRIPT_MODULE = 'mjs',
  TYPESCRIPT = 'ts',
  TYPESCRIPT_MODULE = 'mts',
  PYTHON = 'py',
}

let parses = 0;

/** How many sources were parsed since the process started (lets tests prove that shared assets are parsed once). */
export function parseCount(): number {
  return parses;
}

/** The dialect of a file by its extension, or undefined for files that are not JavaScript or TypeScript. */
export function dialectOf(fileName: string): SourceDialect | undefined {
  const ext = /\.([cm]?[jt]s)$/.exec(fileName)?.[1];
  switch (ext) {
    case 'js':
    case 'cjs':
      return SourceDialect.JAVASCRIPT;
    case 'mjs':
      return SourceDialect.JAVASCRIPT_MODULE;
    case 'ts':
    case 'cts':
      return SourceDialect.TYPESCRIPT;
    case 'mts':
      return SourceDialect.TYPESCRIPT_MODULE;
    default:
      return /\.py$/.test(fileName) ? SourceDialect.PYTHON : undefined;
  }
}

/** Every dynamic-code construct of one source, in source order; a source that does not parse gives one finding. */
export function scanSource(text: string, dialect: SourceDialect): CodeFinding[] {
  let program: AstNode;
  parses++;
  if (dialect === SourceDialect.PYTHON) return scanPythonSource(text);
  try {
    program = babel.parse(text, parserOptions(dialect)).program;
  } catch (e) {
    const error = e as { message?: string; loc?: { line: number } };
    // Babel's messages name the token and position only, never echo the source (which may hold secrets).
    const reason = String(error.message ?? e).split('\n')[0];
    return [{ line: error.loc?.line ?? 1, construct: `could not be parsed (${reason})`, unparsable: true }];
  }
  return findDynamicCode(program);
}

function parserOptions(dialect: SourceDialect): object {
  const typescript = dialect === SourceDialect.TYPESCRIPT || dialect === SourceDialect.TYPESCRIPT_MODULE;
  const module = dialect === SourceDialect.JAVASCRIPT_MODULE || dialect === SourceDialect.TYPESCRIPT_MODULE;
  return {
    sourceType: module ? 'module' : 'unambiguous',
    // Lambda handlers are CommonJS or ES modules; accept what either allows at top level.
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    allowNewTargetOutsideFunction: true,
    allowSuperOutsideMethod: true,
    // JSX is only tried in JavaScript: in TypeScript `<T>x` is a cast, and .tsx files are not scanned.
    plugins: typescript ? ['typescript', 'decorators-legacy'] : ['jsx', 'decorators-legacy'],
  };
}

const MODULES: { [specifier: string]: string } = {
  vm: 'vm',
  'node:vm': 'vm',
  child_process: 'child_process',
  'node:child_process': 'child_process',
  worker_threads: 'worker_threads',
  'node:worker_threads': 'worker_threads',
};
const VM_CODE_FUNCTIONS = new Set(['runInContext', 'runInNewContext', 'runInThisContext', 'compileFunction', 'Script']);
const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
const SPAWN_FUNCTIONS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'global', 'self']);
const GLOBAL_FUNCTIONS = new Set(['eval', 'Function', 'setTimeout', 'setInterval']);
/** A global called by a name computed at run time may be eval. */
const COMPUTED_GLOBAL = 'a global function named at run time';
/** Shells that run their `-c` argument as a command line. */
const SHELL_PATH = /(^|[/\\])((ba|z|da|k|c|tc|fi|a)?sh|cmd(\.exe)?|powershell(\.exe)?|pwsh)$/i;

/** What an expression is known to be: a module object, the global object, or one function of interest. */
type Meaning =
  { readonly kind: 'module'; readonly module: string } | { readonly kind: 'global' } | { readonly kind: 'function'; readonly name: string };

const SKIPPED_FIELDS = new Set(['loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments']);

/** Every AST node under `root`, iteratively (minified or generated code can nest deeper than the call stack). */
function* nodes(root: AstNode): Generator<AstNode> {
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    const children: AstNode[] = [];
    for (const key of Object.keys(node)) {
      if (SKIPPED_FIELDS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

/** Type-only wrappers and parentheses do not change what an expression is. */
function unwrap(node: AstNode): AstNode {
  let n = node;
  while (
    [
      'TSAsExpression',
      'TSSatisfiesExpression',
      'TSNonNullExpression',
      'TSTypeAssertion',
      'TypeCastExpression',
      'ParenthesizedExpression',
      'TSInstantiationExpression',
    ].includes(n.type)
  ) {
    n = n.expression;
  }
  return n;
}

/** A value fixed in the source: literals, expression-free templates, and operators over them. */
function isStatic(raw: AstNode | undefined): boolean {
  if (!raw) return true;
  const node = unwrap(raw);
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
    case 'RegExpLiteral':
      return true;
    case 'Identifier':
      return node.name === 'undefined';
    case 'TemplateLiteral':
      return node.expressions.every((e: AstNode) => isStatic(e));
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isStatic(node.left) && isStatic(node.right);
    case 'UnaryExpression':
      return isStatic(node.argument);
    default:
      return false;
  }
}

/** The static name of a property access (`a.b`, `a['b']`, `` a[`b`] ``), if any. */
function propertyName(node: AstNode): string | undefined {
  const p = node.property ?? node.key;
  if (!p) return undefined;
  if (!node.computed && p.type === 'Identifier') return p.name;
  return staticString(p);
}

/** The module named by `require('x')`, `import('x')` or `await import('x')`. */
function requiredModule(raw: AstNode): string | undefined {
  let node = unwrap(raw);
  if (node.type === 'AwaitExpression') node = unwrap(node.argument);
  if (node.type === 'ImportExpression') return staticString(node.source);
  if (node.type !== 'CallExpression' || node.arguments.length < 1) return undefined;
  return isModuleLoader(node.callee) ? staticString(node.arguments[0]) : undefined;
}

/** `require`, `import`, `module.require`, `process.mainModule.require`, `require.main.require`: Node's module loaders. */
function isModuleLoader(raw: AstNode): boolean {
  const callee = unwrap(raw);
  if (callee.type === 'Import' || (callee.type === 'Identifier' && callee.name === 'require')) return true;
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || propertyName(callee) !== 'require')
    return false;
  const of = unwrap(callee.object);
  if (of.type === 'Identifier') return of.name === 'module';
  return (
    (of.type === 'MemberExpression' || of.type === 'OptionalMemberExpression') && ['mainModule', 'main'].includes(propertyName(of) ?? '')
  );
}

/** A string fixed in the source: a literal, an expression-free template, or `+` of those (`'child_' + 'process'`). */
function staticString(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked;
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const left = staticString(n.left);
    const right = left === undefined ? undefined : staticString(n.right);
    return right === undefined ? undefined : left! + right;
  }
  return undefined;
}

/** The literal text a string expression starts with (`'data:' + x` starts with `data:`). */
function leadingText(raw: AstNode | undefined): string | undefined {
  if (!raw) return undefined;
  const n = unwrap(raw);
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral') return n.quasis[0].value.cooked;
  if (n.type === 'BinaryExpression' && n.operator === '+') return leadingText(n.left);
  return undefined;
}

/**
 * True when an expression is the Function constructor reached without its name: `x.constructor` of a function
 * (`(() => 1).constructor`), of another `.constructor` (`[].constructor.constructor`), of `Function.prototype` or
 * of `Object.getPrototypeOf(async function () {})` (AsyncFunction).
 */
function reachesFunctionConstructor(raw: AstNode): boolean {
  const n = unwrap(raw);
  if (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression') return false;
  if (propertyName(n) !== 'constructor') return false;
  const of = unwrap(n.object);
  if (of.type === 'FunctionExpression' || of.type === 'ArrowFunctionExpression') return true;
  if ((of.type === 'MemberExpression' || of.type === 'OptionalMemberExpression') && propertyName(of) === 'constructor') return true;
  if (
    (of.type === 'MemberExpression' || of.type === 'OptionalMemberExpression') &&
    propertyName(of) === 'prototype' &&
    unwrap(of.object).type === 'Identifier' &&
    unwrap(of.object).name === 'Function'
  )
    return true;
  return of.type === 'CallExpression' && propertyName(unwrap(of.callee)) === 'getPrototypeOf';
}

/** Names bound (anywhere in the file) to modules or functions of interest. */
class Bindings {
  private readonly byName = new Map<string, Meaning>();
  public changed = false;

  public bind(name: string, meaning: Meaning | undefined): void {
    if (!meaning || this.byName.has(name)) return;
    this.byName.set(name, meaning);
    this.changed = true;
  }

  /** What an expression is, following requires, imports, aliases, member accesses and `(0, f)`. */
  public meaning(raw: AstNode | undefined): Meaning | undefined {
    if (!raw) return undefined;
    const node = unwrap(raw);
    switch (node.type) {
      case 'Identifier': {
        const bound = this.byName.get(node.name);
        if (bound) return bound;
        if (GLOBAL_OBJECTS.has(node.name)) return { kind: 'global' };
        if (GLOBAL_FUNCTIONS.has(node.name)) return { kind: 'function', name: node.name };
        return undefined;
      }
      case 'SequenceExpression':
        return this.meaning(node.expressions[node.expressions.length - 1]);
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        if (reachesFunctionConstructor(node)) return { kind: 'function', name: 'Function' };
        const of = this.meaning(node.object);
        if (of?.kind === 'global' && propertyName(node) === undefined) return { kind: 'function', name: COMPUTED_GLOBAL };
        return this.member(of, propertyName(node));
      }
      case 'AwaitExpression':
      case 'CallExpression':
      case 'ImportExpression': {
        const module = requiredModule(node);
        if (module !== undefined) return MODULES[module] ? { kind: 'module', module: MODULES[module] } : undefined;
        if (node.type === 'AwaitExpression') return undefined;
        return node.type === 'CallExpression' ? this.wrapped(node) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** `obj.name` where `obj` means `of`. */
  public member(of: Meaning | undefined, name: string | undefined): Meaning | undefined {
    if (!of || name === undefined) return undefined;
    if (of.kind === 'global') return GLOBAL_FUNCTIONS.has(name) ? { kind: 'function', name } : undefined;
    if (of.kind !== 'module') return undefined;
    if (name === 'default') return of; // ESM interop: the default export of a builtin is the module
    const known =
      of.module === 'vm'
        ? VM_CODE_FUNCTIONS.has(name)
        : of.module === 'worker_threads'
          ? name === 'Worker'
          : SHELL_FUNCTIONS.has(name) || SPAWN_FUNCTIONS.has(name);
    return known ? { kind: 'function', name: `${of.module}.${name}` } : undefined;
  }

  /** `util.promisify(f)` and `f.bind(...)` keep f's arguments and so its danger. */
  private wrapped(call: AstNode): Meaning | undefined {
    const callee = unwrap(call.callee);
    const calleeName = callee.type === 'Identifier' ? callee.name : propertyName(callee);
    if (calleeName === 'promisify' && call.arguments.length > 0) {
      const target = this.meaning(call.arguments[0]);
      return target?.kind === 'function' ? target : undefined;
    }
    if (calleeName === 'bind' && (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression')) {
      const target = this.meaning(callee.object);
      return target?.kind === 'function' ? target : undefined;
    }
    return undefined;
  }

  /** Binds the names of a destructuring pattern whose source means `source`. */
  public bindPattern(pattern: AstNode, source: Meaning | undefined): void {
    if (!source || pattern.type !== 'ObjectPattern') return;
    for (const prop of pattern.properties) {
      if (prop.type !== 'ObjectProperty') continue;
      let target = prop.value;
      if (target.type === 'AssignmentPattern') target = target.left;
      const meaning = this.member(source, propertyName(prop));
      if (target.type === 'Identifier') this.bind(target.name, meaning);
      else this.bindPattern(target, meaning);
    }
  }
}

function collectBindings(program: AstNode): Bindings {
  const bindings = new Bindings();
  const all = [...nodes(program)];
  // Aliases may be declared before what they alias is known (`const run = cp.exec` above a hoisted require):
  // repeat until nothing new is learned; each pass can only add names, so this ends.
  for (let pass = 0; pass < 10; pass++) {
    bindings.changed = false;
    for (const node of all) {
      switch (node.type) {
        case 'VariableDeclarator':
          if (!node.init) break;
          if (node.id.type === 'Identifier') bindings.bind(node.id.name, bindings.meaning(node.init));
          else bindings.bindPattern(node.id, bindings.meaning(node.init));
          break;
        case 'AssignmentExpression':
          if (node.operator !== '=') break;
          if (node.left.type === 'Identifier') bindings.bind(node.left.name, bindings.meaning(node.right));
          else bindings.bindPattern(node.left, bindings.meaning(node.right));
          break;
        case 'ImportDeclaration': {
          const module = MODULES[node.source.value];
          if (!module || node.importKind === 'type') break;
          const moduleMeaning: Meaning = { kind: 'module', module };
          for (const s of node.specifiers) {
            if (s.type === 'ImportSpecifier') {
              const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
              bindings.bind(s.local.name, bindings.member(moduleMeaning, imported));
            } else {
              bindings.bind(s.local.name, moduleMeaning);
            }
          }
          break;
        }
        case 'TSImportEqualsDeclaration': {
          const ref = node.moduleReference;
          const module = ref.type === 'TSExternalModuleReference' ? MODULES[ref.expression.value] : undefined;
          if (module) bindings.bind(node.id.name, { kind: 'module', module });
          break;
        }
        default:
          break;
      }
    }
    if (!bindings.changed) break;
  }
  return bindings;
}

/** A string assembled from values that are not all literals: a template with expressions or a `+` chain with a string. */
function isBuiltString(raw: AstNode): boolean {
  const node = unwrap(raw);
  if (node.type === 'TemplateLiteral') return !isStatic(node);
  if (node.type !== 'BinaryExpression' || node.operator !== '+' || isStatic(node)) return false;
  const leaves: AstNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const n = unwrap(stack.pop()!);
    if (n.type === 'BinaryExpression' && n.operator === '+') stack.push(n.left, n.right);
    else leaves.push(n);
  }
  return leaves.some((l) => l.type === 'StringLiteral' || l.type === 'TemplateLiteral');
}

/** `shell: true` (or a shell path) in an options object literal among the arguments. */
function hasShellOption(args: AstNode[]): boolean {
  for (const arg of args) {
    const a = unwrap(arg);
    if (a.type !== 'ObjectExpression') continue;
    for (const prop of a.properties) {
      if (prop.type !== 'ObjectProperty' || propertyName(prop) !== 'shell') continue;
      const v = unwrap(prop.value);
      if ((v.type === 'BooleanLiteral' && v.value) || (v.type === 'StringLiteral' && v.value !== '')) return true;
    }
  }
  return false;
}

/** `eval: true` in an options object literal among the arguments (a Worker whose first argument is code). */
function hasEvalOption(args: AstNode[]): boolean {
  return args.some((arg) => {
    const a = unwrap(arg);
    return (
      a.type === 'ObjectExpression' &&
      a.properties.some(
        (prop: AstNode) =>
          prop.type === 'ObjectProperty' &&
          propertyName(prop) === 'eval' &&
          unwrap(prop.value).type === 'BooleanLiteral' &&
          unwrap(prop.value).value === true,
      )
    );
  });
}

/** `spawn('sh', ['-c', cmd])`: a shell given a command line to run, i.e. exec by another name. */
function spawnsShellCommand(args: AstNode[]): boolean {
  const file = staticString(args[0]);
  const list = args[1] ? unwrap(args[1]) : undefined;
  if (file === undefined || !SHELL_PATH.test(file) || list?.type !== 'ArrayExpression') return false;
  return list.elements.some((e: AstNode | null) => e !== null && /^[-/]c$/i.test(staticString(e) ?? ''));
}

/** Whether a spawn-like call passes anything non-literal: the file, the argument list or one of its elements. */
function hasDynamicSpawnArgument(args: AstNode[]): boolean {
  if (args.length > 0 && !isStatic(args[0])) return true;
  const list = args[1] ? unwrap(args[1]) : undefined;
  if (!list || list.type === 'ObjectExpression' || list.type === 'ArrowFunctionExpression' || list.type === 'FunctionExpression')
    return false;
  if (list.type !== 'ArrayExpression') return !isStatic(list);
  return list.elements.some((e: AstNode | null) => e !== null && (e.type === 'SpreadElement' || !isStatic(e)));
}

function describeCall(call: AstNode, fn: string): string | undefined {
  const args: AstNode[] = call.arguments;
  const isNew = call.type === 'NewExpression';
  const first = args[0];
  const dynamicFirst = first !== undefined && (first.type === 'SpreadElement' || !isStatic(first));
  switch (fn) {
    case 'eval':
      return !isNew && dynamicFirst ? 'eval of a non-literal argument' : undefined;
    case 'Function':
      return args.some((a) => a.type === 'SpreadElement' || !isStatic(a))
        ? `${isNew ? 'new Function' : 'Function'} with a non-literal argument`
        : undefined;
    case COMPUTED_GLOBAL:
      return dynamicFirst ? 'a global function named at run time, called with a non-literal argument (may be eval)' : undefined;
    case 'setTimeout':
    case 'setInterval':
      return first !== undefined && first.type !== 'SpreadElement' && isBuiltString(first)
        ? `${fn} with a string built from non-literals (evaluated as code)`
        : undefined;
    default:
      break;
  }
  const [module, name] = fn.split('.');
  if (module === 'vm') {
    if (!dynamicFirst) return undefined;
    return name === 'Script'
      ? `${isNew ? 'new ' : ''}vm.Script of a non-literal code argument`
      : `vm.${name} of a non-literal code argument`;
  }
  if (module === 'child_process') {
    if (SHELL_FUNCTIONS.has(name)) return dynamicFirst ? `child_process.${name} of a non-literal command` : undefined;
    if (spawnsShellCommand(args) && hasDynamicSpawnArgument(args))
      return `child_process.${name} of a shell with -c and a non-literal command`;
    return hasShellOption(args) && hasDynamicSpawnArgument(args)
      ? `child_process.${name} with shell: true and a non-literal argument`
      : undefined;
  }
  if (module === 'worker_threads') {
    return hasEvalOption(args) && dynamicFirst ? 'new Worker with eval: true of a non-literal code argument' : undefined;
  }
  return undefined;
}

/** Stands for an argument list only known at run time (`f.apply(t, args)`). */
const DYNAMIC_ARGUMENT: AstNode = { type: 'Identifier', name: 'arguments' };

/**
 * The function a call really calls, and with which arguments: `f.call(t, ...a)`, `f.apply(t, [a])`, `f.bind(t, a)`
 * and `Reflect.apply(f, t, [a])` / `Reflect.construct(f, [a])` call `f` with `a`.
 */
function effectiveCall(call: AstNode, bindings: Bindings): { meaning: Meaning | undefined; call: AstNode } {
  const callee = unwrap(call.callee);
  const spread = (list: AstNode | undefined): AstNode[] => {
    const l = list ? unwrap(list) : undefined;
    if (!l) return [];
    return l.type === 'ArrayExpression' ? l.elements.filter((e: AstNode | null) => e !== null) : [DYNAMIC_ARGUMENT];
  };
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
    const name = propertyName(callee);
    if (name === 'call' || name === 'apply' || name === 'bind') {
      const target = bindings.meaning(callee.object);
      if (target?.kind === 'function') {
        const args = name === 'apply' ? spread(call.arguments[1]) : call.arguments.slice(1);
        return { meaning: target, call: { ...call, type: 'CallExpression', arguments: args } };
      }
    }
    const of = unwrap(callee.object);
    if ((name === 'apply' || name === 'construct') && of.type === 'Identifier' && of.name === 'Reflect') {
      const target = bindings.meaning(call.arguments[0]);
      const args = spread(call.arguments[name === 'apply' ? 2 : 1]);
      return { meaning: target, call: { ...call, type: name === 'apply' ? 'CallExpression' : 'NewExpression', arguments: args } };
    }
  }
  return { meaning: bindings.meaning(call.callee), call };
}

/** `import('data:...' + x)`: code built from data and loaded as a module. */
function importsDataUrl(node: AstNode): boolean {
  const source =
    node.type === 'ImportExpression'
      ? node.source
      : node.type === 'CallExpression' && unwrap(node.callee).type === 'Import'
        ? node.arguments[0]
        : undefined;
  return source !== undefined && !isStatic(source) && /^data:/i.test(leadingText(source) ?? '');
}

/**
 * `require(x)` / `import(x)` of a module named wholly at run time (`import(event.plugin)`): it loads and runs
 * whatever code the value names. A name that starts with literal text (`'./handlers/' + name`) or is built from
 * `__dirname` picks among the function's own files and is not reported; nor is anything in node_modules, which is
 * not read.
 */
function loadsModuleNamedAtRunTime(node: AstNode): boolean {
  let source: AstNode | undefined;
  if (node.type === 'ImportExpression') source = node.source;
  else if (node.type === 'CallExpression' && node.arguments.length > 0 && isModuleLoader(node.callee)) source = node.arguments[0];
  if (source === undefined || source.type === 'SpreadElement' || isStatic(source)) return false;
  return (leadingText(source) ?? '') === '' && !namesOwnFileOrSetting(source);
}

/**
 * `path.join(__dirname, x)` / `path.resolve(__dirname, x)` (a file of the function's own, as a literal prefix is) and
 * `process.env.X` (configuration, which the template holds and the other rules judge).
 */
function namesOwnFileOrSetting(raw: AstNode): boolean {
  const n = unwrap(raw);
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed) {
    const of = unwrap(n.object);
    return (
      (of.type === 'MemberExpression' || of.type === 'OptionalMemberExpression') &&
      propertyName(of) === 'env' &&
      unwrap(of.object).type === 'Identifier' &&
      unwrap(of.object).name === 'process'
    );
  }
  if (n.type !== 'CallExpression' || n.arguments.length === 0) return false;
  const callee = unwrap(n.callee);
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  if (name !== 'join' && name !== 'resolve') return false;
  const first = unwrap(n.arguments[0]);
  return (
    (first.type === 'Identifier' && (first.name === '__dirname' || first.name === '__filename')) || /^[./]/.test(staticString(first) ?? '')
  );
}

/** `m._compile(src, file)`: Node's Module compiles and runs a source, the way `require` does. */
function compilesModule(node: AstNode): boolean {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return false;
  if (propertyName(callee) === '_compile') return node.arguments.length > 0 && !isStatic(node.arguments[0]);
  // `Module.prototype._compile.call(m, src, file)` / `.apply(m, [src, file])`.
  const of = unwrap(callee.object);
  const through = propertyName(callee);
  if ((through !== 'call' && through !== 'apply') || (of.type !== 'MemberExpression' && of.type !== 'OptionalMemberExpression'))
    return false;
  if (propertyName(of) !== '_compile') return false;
  const list = node.arguments[1] ? unwrap(node.arguments[1]) : undefined;
  const source = through === 'call' ? list : list?.type === 'ArrayExpression' ? list.elements[0] : list;
  return source !== undefined && source !== null && !isStatic(source);
}

/** The dynamic-code constructs of a parsed program, in source order. */
function findDynamicCode(program: AstNode): CodeFinding[] {
  const bindings = collectBindings(program);
  const found: CodeFinding[] = [];
  for (const node of nodes(program)) {
    const line = node.loc?.start.line ?? 1;
    if (importsDataUrl(node)) {
      found.push({ line, construct: 'import() of a data: URL built from non-literals' });
      continue;
    }
    if (loadsModuleNamedAtRunTime(node)) {
      found.push({ line, construct: 'require()/import() of a module named at run time (loads the code a value names)' });
      continue;
    }
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression' && node.type !== 'NewExpression') continue;
    if (compilesModule(node)) {
      found.push({ line, construct: 'Module._compile of a non-literal source' });
      continue;
    }
    const effective = effectiveCall(node, bindings);
    if (effective.meaning?.kind !== 'function') continue;
    const construct = describeCall(effective.call, effective.meaning.name);
    if (construct) found.push({ line, construct });
  }
  return found.sort((a, b) => a.line - b.line);
}
