import * as sdk from '@/client/sdk.gen';
import type { CompletedUpload, PartLinks, UploadedPart, UploadPlan } from '@/client/types.gen';

/** The BFF's side of an upload: it signs links and completes or aborts; the bytes go to the storage system. */
export type UploadTarget = { accountId: string; bucket: string };

export async function startUpload(
  target: UploadTarget,
  key: string,
  size: number,
  contentType: string,
  signal?: AbortSignal,
): Promise<UploadPlan> {
  const { data } = await sdk.startUpload({
    path: { account_id: target.accountId, bucket: target.bucket },
    body: { key, size, content_type: contentType },
    signal,
  });
  return data;
}

export async function signParts(
  target: UploadTarget,
  key: string,
  uploadId: string,
  partNumbers: number[],
  signal?: AbortSignal,
): Promise<PartLinks> {
  const { data } = await sdk.signUploadParts({
    path: { account_id: target.accountId, bucket: target.bucket, upload_id: uploadId },
    body: { key, part_numbers: partNumbers },
    signal,
  });
  return data;
}

export async function listUploadedParts(
  target: UploadTarget,
  key: string,
  uploadId: string,
  signal?: AbortSignal,
): Promise<UploadedPart[]> {
  const { data } = await sdk.listUploadedParts({
    path: { account_id: target.accountId, bucket: target.bucket, upload_id: uploadId },
    query: { key },
    signal,
  });
  return data.parts;
}

export async function completeUpload(
  target: UploadTarget,
  key: string,
  uploadId: string,
  size: number,
  signal?: AbortSignal,
): Promise<CompletedUpload> {
  const { data } = await sdk.completeUpload({
    path: { account_id: target.accountId, bucket: target.bucket, upload_id: uploadId },
    body: { key, size },
    signal,
  });
  return data;
}

/** `keepalive` lets the request outlive the page (an upload abandoned by closing the tab is aborted too). */
export async function abortUpload(target: UploadTarget, key: string, uploadId: string, keepalive = false): Promise<void> {
  await sdk.abortUpload({
    path: { account_id: target.accountId, bucket: target.bucket, upload_id: uploadId },
    body: { key },
    keepalive,
  });
}
