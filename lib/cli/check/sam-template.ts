import { expandSam, isSamTemplate, SamError, SamExpansion } from '../../sam';
import { UsageError } from '../io';
import { exceedsDepth, MAX_DEPTH } from '../../cfn/template-shape';
import { isMap } from '../../sam/values';

/**
 * The hook between the CLI and lib/sam: a SAM template is expanded (offline, no AWS call) before it is judged;
 * anything else passes through. Input the transform would refuse exits 2 naming the resource and the property.
 */
export function expandSamFile(file: string, value: unknown, baseDir: string): SamExpansion | undefined {
  if (!isSamTemplate(value) || !isMap(value)) return undefined;
  if (exceedsDepth(value, MAX_DEPTH)) return undefined; // the shape check refuses it with its own reason
  try {
    return expandSam(value, { baseDir });
  } catch (e) {
    if (e instanceof SamError) throw new UsageError(`${file}: SAM template: ${e.message}`);
    throw e;
  }
}
