/** `<service>-<id lower-kebab>-<stage>` when the profile names both (T9), as SecureFunction names its functions. */
export function profileFunctionName(service: string | undefined, stage: string | undefined, id: string): string | undefined {
  if (!service || !stage) return undefined;
  const kebab = id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${service}-${kebab}-${stage}`;
}
