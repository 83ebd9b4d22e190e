import { BulkheadValidationError } from '../../core/errors';

/**
 * Collects every validation error of one construct so a single synth reports them all (fixing an app should not
 * take one synth per mistake). One problem keeps its usual one-line message.
 */
export class Problems {
  private readonly found: BulkheadValidationError[] = [];

  constructor(private readonly at: string) {}

  /** Runs one check; a validation error it throws is kept, anything else is a bug and propagates. */
  public check(check: () => void): void {
    try {
      check();
    } catch (e) {
      if (!(e instanceof BulkheadValidationError)) throw e;
      this.found.push(e);
    }
  }

  public get count(): number {
    return this.found.length;
  }

  /** Throws one error naming every problem, or nothing when there is none. */
  public throwIfAny(): void {
    if (this.found.length === 0) return;
    if (this.found.length === 1) throw this.found[0];
    const prefix = `${this.at}: `;
    const lines = this.found.map((e, i) => `  ${i + 1}. ${e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message}`);
    throw new BulkheadValidationError(`${this.at}: ${this.found.length} problems\n${lines.join('\n')}`);
  }
}
