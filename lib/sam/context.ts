import { ApiRoute, SamError, SamNotice, SamSource } from './types';
import { GLOBALS_SECTIONS } from './globals';
import { JsonMap } from './values';

/** SAM resource attributes that carry over to every resource generated from it. */
const CARRIED_ATTRIBUTES = ['Condition'];

/** What one SAM resource generates into, with the bookkeeping every expander needs. */
export class ExpansionContext {
  public readonly resources = new Map<string, JsonMap>();
  public readonly sources = new Map<string, SamSource>();
  public readonly notices: SamNotice[] = [];

  constructor(
    /** The SAM template, for parameters and the resources events refer to. */
    public readonly template: JsonMap,
    /** Directory of the SAM file: local `CodeUri`s are relative to it. */
    public readonly baseDir: string | undefined,
  ) {}

  /**
   * Adds a generated resource. The SAM resource's Condition carries over, and so does its cdk_nag metadata, so an
   * acknowledgement written on the SAM resource applies to everything it generates.
   */
  public add(id: string, resource: JsonMap, source: SamSource, samResource?: JsonMap): void {
    if (this.resources.has(id) && this.sources.get(id)?.resource !== source.resource) {
      const other = this.sources.get(id)?.resource ?? id;
      throw new SamError(
        source.resource,
        'its logical ID',
        `generates ${id}, which is already ${other === id ? 'a resource of the template' : `generated from ${other}`}; rename one of them`,
      );
    }
    const out: JsonMap = { ...resource };
    if (samResource) {
      for (const attribute of CARRIED_ATTRIBUTES) {
        if (samResource[attribute] !== undefined && out[attribute] === undefined) out[attribute] = samResource[attribute];
      }
      const nag = (samResource.Metadata as JsonMap | undefined)?.cdk_nag;
      if (nag !== undefined) out.Metadata = { ...(out.Metadata as JsonMap | undefined), cdk_nag: nag };
    }
    this.resources.set(id, out);
    const section = samResource && typeof samResource.Type === 'string' ? GLOBALS_SECTIONS[samResource.Type] : undefined;
    this.sources.set(id, section !== undefined && source.globalsSection === undefined ? { ...source, globalsSection: section } : source);
  }

  /** Changes SAM makes to a plain resource of the template (a bucket's notifications, a user pool's triggers), applied once all are known. */
  public readonly patches: Array<{ id: string; apply: (resource: JsonMap) => void }> = [];

  /** API logical ID → the routes events add to it. */
  public readonly routes = new Map<string, ApiRoute[]>();

  public addRoute(apiId: string, route: ApiRoute): void {
    const list = this.routes.get(apiId);
    if (list) list.push(route);
    else this.routes.set(apiId, [route]);
  }

  public patch(id: string, apply: (resource: JsonMap) => void): void {
    this.patches.push({ id, apply });
  }

  /** Conditions SAM adds to the template (`NOT<Condition>` for a conditional role). */
  public readonly conditions = new Map<string, JsonMap>();

  /** The name of a condition that holds when `condition` does not, added to the template as SAM names it. */
  public negatedCondition(condition: string): string {
    const name = `NOT${condition}`;
    this.conditions.set(name, { 'Fn::Not': [{ Condition: condition }] });
    return name;
  }

  /** Reports what is not judged, naming it. */
  public notice(resource: string, key: string, message: string, path: readonly string[]): void {
    this.notices.push({ resource, key, message, path });
  }

  /** The resource a logical ID names in the input template, if any. */
  public inputResource(id: string): JsonMap | undefined {
    const resources = this.template.Resources as { [id: string]: JsonMap };
    return resources[id];
  }
}
