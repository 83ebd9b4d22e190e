'use strict';
// Renders a results object (the same one written to .bench/results.json) as text.
const { table, seconds, mb, fixed } = require('./table');

function machine(m, source, cdkValidation) {
  return (
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, node ${m.node}, ${m.platform}\n` +
    `Load average at start: ${m.loadAverageAtStart.join(' ')} (other processes may share the machine)\n` +
    `Code under test: ${source === 'ts' ? 'TypeScript sources through ts-node (transpile-only)' : 'built lib/ (JavaScript)'}\n` +
    `aws-cdk-lib's built-in CloudFormation validation at synth: ${cdkValidation ? 'on (the default)' : 'off (CDK_VALIDATION=false)'}\n`
  );
}

function resources(r, perStack) {
  const c = r.c;
  const permission = c.types['AWS::Lambda::Permission'] || 0;
  return (
    `Resources per function (from synthesized templates, one invoke permission each): ` +
    `(a) ${r.a.perFunction}, (b) ${r.b.perFunction}, (b0) ${r.b0.perFunction}, SecureFunction ${c.perFunction} (${c.perFunction - permission} without the permission)\n` +
    `SecureFunction resources: ${Object.entries(c.types)
      .map(([t, k]) => `${k} ${t}`)
      .join(', ')}\n` +
    `Per stack: ${perStack} SecureFunctions fit in CloudFormation's 500 resources (${perStack * c.perFunction} resources, one kept for CDKMetadata); every case is split ${perStack} functions per stack\n`
  );
}

function synth(rows) {
  return table(
    [
      'case',
      'N/stage',
      'functions',
      'stacks',
      'resources',
      'max/stack',
      'construct s',
      'time s',
      'µs/resource',
      'peak RSS MB',
      'over baseline MB',
      'Bulkhead alone s',
      'cdk-nag alone s',
      'findings B/nag',
    ],
    rows.map((r) => [
      r.case,
      r.n,
      r.n * 3,
      r.stacks,
      r.resources,
      r.maxStackResources,
      seconds(r.constructMs),
      seconds(r.totalMs),
      Math.round((r.totalMs * 1000) / r.resources),
      mb(r.synthRssKb),
      mb(r.synthRssKb - r.baselineRssKb),
      seconds(r.packs.bulkhead && r.packs.bulkhead.ms),
      seconds(r.packs.cdkNag && r.packs.cdkNag.ms),
      `${r.packs.bulkhead ? r.packs.bulkhead.findings : '-'}/${r.packs.cdkNag ? r.packs.cdkNag.findings : '-'}`,
    ]),
  );
}

function ratios(rows) {
  const cell = (p, k) => (p ? fixed(p[k]) : undefined);
  return table(
    [
      'N/stage',
      '(c)/(b) time',
      '(c)/(b) peak RSS',
      '(c)/(b) over baseline',
      '(c)/(b0) time',
      '(c)/(b0) peak RSS',
      '(c)/(a) time',
      '(c)/(a) peak RSS',
      '(d)/(b) time',
      '(d)/(b) peak RSS',
    ],
    rows.map((r) => [
      r.n,
      cell(r.cOverB, 'time'),
      cell(r.cOverB, 'peakRss'),
      cell(r.cOverB, 'rssOverBaseline'),
      cell(r.cOverB0, 'time'),
      cell(r.cOverB0, 'peakRss'),
      cell(r.cOverA, 'time'),
      cell(r.cOverA, 'peakRss'),
      cell(r.dOverB, 'time'),
      cell(r.dOverB, 'peakRss'),
    ]),
  );
}

function growth(g) {
  if (!g) return 'Growth: needs two N values\n';
  return (
    `Growth from N=${g.from} to N=${g.to} (linear = ${fixed(g.linear)}):\n` +
    table(
      ['case', 'time', 'Bulkhead pack alone', 'cdk-nag packs alone'],
      Object.entries(g.cases).map(([c, x]) => [c, fixed(x.time), fixed(x.bulkheadPack), fixed(x.cdkNagPacks)]),
    )
  );
}

function targets(t) {
  if (!t) return '';
  const verdict = (ok, value) => (ok === undefined ? 'no value' : `${ok ? 'met' : 'NOT met'} (${fixed(value)})`);
  const line = (x, name) =>
    `(c) <= ${t.limit} x ${name} in time: ${verdict(x.timeMet, x.time)}; ` +
    `in peak RSS: ${verdict(x.peakRssMet, x.peakRss)}; in RSS over baseline: ${verdict(x.rssOverBaselineMet, x.rssOverBaseline)}`;
  return (
    `Targets at N=${t.n} (reported, not asserted): ${line(t, '(b)')}\n` +
    (t.b0 ? `Against the lighter (b0), which has fewer resources: ${line(t.b0, '(b0)')}\n` : '')
  );
}

function check(rows) {
  return table(
    ['templates', 'resources', 'packs', 'cold s', 'warm s', 'resources/s warm', 'resources/s cold', 'peak RSS MB', 'findings'],
    rows.map((r) => [
      r.templates,
      r.resources,
      r.packs,
      seconds(r.cold.ms),
      seconds(r.warm.ms),
      Math.round(r.resources / (r.warm.ms / 1000)),
      Math.round(r.resources / (r.cold.ms / 1000)),
      mb(r.peakRssKb),
      r.warm.findings,
    ]),
  );
}

function sam(result) {
  if (!result) return '';
  const rows = result.rows;
  const expanded = rows.filter((r) => r.checkSamWarmMs === undefined);
  const first = expanded[0];
  const last = expanded[expanded.length - 1];
  const growthLine =
    first && last && first !== last
      ? `Expansion growth: x${fixed(last.expandMs / first.expandMs)} time for x${fixed(last.generatedResources / first.generatedResources)} generated resources`
      : '';
  return [
    'SAM templates (lib/sam expansion; check times warm, the SAM file and its expansion written as a plain template):',
    table(
      ['SAM functions', 'SAM KB', 'generated resources', 'expand ms', 'check SAM s', 'check plain s', 'SAM extra s'],
      rows.map((r) => [
        r.functions,
        (r.bytes / 1024).toFixed(0),
        r.generatedResources,
        r.expandMs.toFixed(1),
        r.checkSamWarmMs === undefined ? '-' : seconds(r.checkSamWarmMs),
        r.checkPlainWarmMs === undefined ? '-' : seconds(r.checkPlainWarmMs),
        r.checkSamWarmMs === undefined ? '-' : seconds(r.checkSamWarmMs - r.checkPlainWarmMs),
      ]),
    ),
    growthLine,
  ].join('\n');
}

function legend(cases) {
  return Object.entries(cases)
    .map(([k, c]) => `  (${k}) ${c}`)
    .join('\n');
}

function render(results) {
  const lines = [
    '',
    machine(results.machine, results.source, results.cdkBuiltinValidation),
    resources(results.resources, results.functionsPerStack),
    'Synth: time = construct + app.synth(), after the same warm-up in every process (a one-function-per-stage app of every case);',
    'peak RSS right after synth; "over baseline" = peak RSS minus the peak after warm-up. Three stages, N functions each:',
    legend(results.cases),
    synth(results.synth),
    '',
    ratios(results.ratios),
    '',
    growth(results.growth),
    '',
    targets(results.targets),
    "`bulkhead check` through main(['check', ...]) (cold: first call in a fresh process; warm: second call):",
    check(results.check),
    results.checkGrowth
      ? `Check growth: warm time x${fixed(results.checkGrowth.time)} for x${fixed(results.checkGrowth.resources)} resources`
      : '',
    '',
    sam(results.sam),
    '',
    `Whole bench: ${seconds(results.benchMs)} s (${results.repeat} run(s) per synth measurement, fastest kept)`,
    ...results.failures.map((f) => `FAILED: ${f.label}: ${f.error.split('\n')[0]}`),
  ];
  return `${lines.join('\n')}\n`;
}

module.exports = { render };
