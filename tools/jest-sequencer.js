// Starts the slow integration files (packaging, examples, the real cdk CLI) first, so on a fresh clone (no timing
// cache) they do not end up as a long tail on one worker while the other sits idle. Later runs use jest's own timings.
const Sequencer = require('@jest/test-sequencer').default;
const { INTEGRATION } = require('./test-groups');

const SLOW_FIRST = [...INTEGRATION.map((p) => new RegExp(p)), /\.property\.test\.ts$/];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const rank = (t) => {
      const i = SLOW_FIRST.findIndex((re) => re.test(t.path));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    // Timings from an earlier run are better than this list; without them, slow files go first.
    const timed = sorted.some((t) => t.duration != null);
    return timed ? sorted : [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
