/** Called by S3 for every new object under uploads/: records the key and size it was given. */
interface S3Event {
  readonly Records: ReadonlyArray<{ readonly s3: { readonly object: { readonly key: string; readonly size: number } } }>;
}

export async function handler(event: S3Event): Promise<{ processed: number }> {
  for (const record of event.Records) {
    console.log(JSON.stringify({ key: record.s3.object.key, bytes: record.s3.object.size }));
  }
  return { processed: event.Records.length };
}
