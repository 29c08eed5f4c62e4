import { OFFICER } from './http';
import { withBearer } from './test-identity';

export interface AttachmentReference {
  name: string;
  sha256: string;
  size: number;
}

/**
 * Uploads a small text file to a case (POST /cases/{id}/attachments) and answers its reference
 * {name, sha256, size}: actions cite only files uploaded to their own case. The content defaults to
 * the name, so the reference equals `document(name)` of test/api/procedure-support.ts.
 */
export async function uploadFile(
  baseUrl: string,
  caseId: string,
  name: string,
  content: string = name,
  caller: Record<string, string> = OFFICER,
): Promise<AttachmentReference> {
  const res = await fetch(`${baseUrl}/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { ...(await withBearer(baseUrl, caller)), 'content-type': 'text/plain', 'x-filename': encodeURIComponent(name) },
    body: Buffer.from(content, 'utf8'),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`upload of ${name} to case ${caseId} failed: ${res.status} ${text}`);
  return (JSON.parse(text) as { reference: AttachmentReference }).reference;
}

/** Uploads each named file (content = name) to the case: what `document(name)` references then cite. */
export async function uploadFiles(baseUrl: string, caseId: string, names: readonly string[], caller: Record<string, string> = OFFICER) {
  for (const name of names) await uploadFile(baseUrl, caseId, name, name, caller);
}
