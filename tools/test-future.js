// `npm run test:future`: the whole jest suite with the clock moved to each date below (default 2028-06-01 and
// 2030-01-01; or the dates given as arguments), to prove no test or default depends on today's date.
const { spawnSync } = require('child_process');
const path = require('path');

const dates = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['2028-06-01', '2030-01-01'];
const preload = path.join(__dirname, 'fake-clock.js');
for (const date of dates) {
  console.log(`\n=== jest with the clock at ${date} ===`);
  const env = {
    ...process.env,
    BULKHEAD_FAKE_TODAY: date,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require=${preload}`.trim(),
  };
  const run = spawnSync('npx', ['jest', '--ci'], { stdio: 'inherit', env, cwd: path.join(__dirname, '..') });
  if (run.status !== 0) {
    console.error(`test:future: jest failed with the clock at ${date}`);
    process.exit(run.status ?? 1);
  }
}
