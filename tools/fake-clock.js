// Moves the clock of this process to BULKHEAD_FAKE_TODAY (YYYY-MM-DD, noon UTC) and lets it run on from there, so
// `npm run test:future` can show the suite does not depend on the calendar. Loaded two ways: by NODE_OPTIONS
// (child processes: the cdk CLI, example apps, the bulkhead CLI) and by tools/jest-env.js (jest runs each test file
// in its own context, with a Date of its own). Never loaded by the default run.
const target = process.env.BULKHEAD_FAKE_TODAY;
if (target !== undefined && !globalThis.__bulkheadFakeClock) {
  const RealDate = Date;
  const offset = RealDate.parse(`${target}T12:00:00Z`) - RealDate.now();
  if (Number.isNaN(offset)) throw new Error(`BULKHEAD_FAKE_TODAY is "${target}"; write it like 2028-06-01`);
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct: (Real, args, newTarget) => Reflect.construct(Real, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (Real, prop, receiver) => (prop === 'now' ? now : Reflect.get(Real, prop, receiver)),
  });
  globalThis.__bulkheadFakeClock = target;
}
