import { CollectionTag, ScalarTag, Scalar, YAMLMap, YAMLSeq, isNode, Node } from 'yaml';

/** Short-form tag → long-form key. `!GetAtt` and `!Ref`/`!Condition` have their own shapes. */
const FN_TAGS: { [tag: string]: string } = {
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  FindInMap: 'Fn::FindInMap',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  Sub: 'Fn::Sub',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  ForEach: 'Fn::ForEach',
  GetAtt: 'Fn::GetAtt',
  Ref: 'Ref',
  Condition: 'Condition',
};

/** Wraps a node as `{ key: node }`, keeping it a YAML node so anchors and aliases inside still resolve. */
function wrap(key: string, value: unknown): YAMLMap {
  const map = new YAMLMap();
  map.items.push({ key: new Scalar(key), value: isNode(value) ? value : new Scalar(value) } as any);
  return map;
}

/** `!GetAtt Res.Attr.Sub` → `['Res', 'Attr.Sub']`: CloudFormation splits at the first dot only. */
function getAttScalar(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function tagsFor(name: string, key: string): Array<ScalarTag | CollectionTag> {
  const tag = `!${name}`;
  // A scalar holds no aliases, so plain JS is enough; collections stay nodes so aliases inside them resolve.
  const scalar: ScalarTag = {
    tag,
    resolve: (value: string) => ({ [key]: name === 'GetAtt' ? getAttScalar(value) : value }),
  } as unknown as ScalarTag;
  const collections: CollectionTag[] = (['seq', 'map'] as const).map(
    (collection) =>
      ({
        tag,
        collection,
        nodeClass: collection === 'seq' ? YAMLSeq : YAMLMap,
        resolve: (node: Node) => wrap(key, node),
      }) as unknown as CollectionTag,
  );
  return [scalar, ...collections];
}

/** yaml custom tags turning CloudFormation's short-form intrinsics (`!Ref`, `!Sub`, ...) into their long form. */
export function cloudFormationTags(): Array<ScalarTag | CollectionTag> {
  return Object.entries(FN_TAGS).flatMap(([name, key]) => tagsFor(name, key));
}
