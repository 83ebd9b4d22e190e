// `npm run test:future`: the whole jest suite with the clock moved to each date below (default 2028-06-01 and
// 2030-01-01; or the dates given as arguments, and any jest arguments), to prove no test or default depends on
// today's date. Every date runs; the exit code is 1 if any failed.
const { spawnSync } = require('child_process');
const path = require('path');

// Arguments of the form YYYY-MM-DD are dates; the rest go to jest (e.g. a test path).
const args = process.argv.slice(2);
const given = args.filter((a) => /^\d{4}-\d{2}-\d{2}$/.test(a));
const jestArgs = args.filter((a) => !given.includes(a));
const dates = given.length > 0 ? given : ['2028-06-01', '2030-01-01'];
const preload = path.join(__dirname, 'fake-clock.js');
const failed = [];
for (const date of dates) {
  console.log(`\n=== jest with the clock at ${date} ===`);
  const env = {
    ...process.env,
    BULKHEAD_FAKE_TODAY: date,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require=${preload}`.trim(),
  };
  const run = spawnSync('npx', ['jest', '--ci', ...jestArgs], { stdio: 'inherit', env, cwd: path.join(__dirname, '..') });
  if (run.status !== 0) failed.push(date);
}
if (failed.length > 0) {
  console.error(`test:future: jest failed with the clock at ${failed.join(', ')}`);
  process.exit(1);
}
