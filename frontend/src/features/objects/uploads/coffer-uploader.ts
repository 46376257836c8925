import { BasePlugin, type PluginOpts, type Uppy } from '@uppy/core';
import type { Body, Meta, UppyFile } from '@uppy/core/utils';

import type { UploadPlan } from '@/client/types.gen';
import { ApiError } from '@/lib/api-error';

import {
  abortUpload,
  completeUpload,
  listUploadedParts,
  signParts,
  startUpload,
  type UploadTarget,
} from '../api/uploads';

/** Each file's object key travels in its meta: the folder shown plus the file's path in what was dropped. */
export type UploadMeta = Meta & { key: string };
export type UploadFile = UppyFile<UploadMeta, Body>;

export type CofferUploaderOptions = PluginOpts & {
  target: UploadTarget;
  /** Parts of one file sent at the same time. */
  parallelParts?: number;
  /** Files sent at the same time. */
  parallelFiles?: number;
};

/** How often one part (or one small file) is tried before the file is marked failed, and the waits between. */
const PART_RETRY_DELAYS_MS = [1000, 3000, 5000];
const SIGN_BATCH = 100;

class Cancelled extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'AbortError';
  }
}

type Multipart = { uploadId: string; key: string; partSize: number };

/** The file's bytes: only files picked or dropped here are uploaded, never remote ones. */
function bytesOf(file: UploadFile): Blob {
  if (file.data instanceof Blob) return file.data;
  throw new Error('Only files from this computer can be uploaded.');
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      window.clearTimeout(timer);
      reject(new Cancelled());
    });
  });
}

function online(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    window.addEventListener('online', () => resolve(), { once: true });
    signal.addEventListener('abort', () => reject(new Cancelled()), { once: true });
  });
}

/** One PUT of bytes to a presigned link, reporting bytes sent; the link alone authorizes it (no cookie). */
function put(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  signal: AbortSignal,
  onProgress: (sent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`The storage system answered ${xhr.status} to a part of the file.`));
    xhr.onerror = () => reject(new Error('The connection to the storage system was lost.'));
    xhr.onabort = () => reject(new Cancelled());
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/**
 * Uppy's uploader for Coffer: a small file goes in one presigned PUT, a large one as a multipart upload
 * whose parts go in parallel, each retried a few times. A retried file resumes from the parts the
 * storage system already holds; a cancelled (removed) one is aborted on the server, so no stray upload
 * stays behind. The BFF signs every link with the person's own credentials and completes from its own
 * list of the parts. (@uppy/aws-s3 6 sends a file's parts one after another and completes with the ETags
 * the browser read, so it does not fit.)
 */
export class CofferUploader extends BasePlugin<CofferUploaderOptions, UploadMeta, Body> {
  readonly #target: UploadTarget;
  readonly #parallelParts: number;
  readonly #parallelFiles: number;
  readonly #multipart = new Map<string, Multipart>();
  readonly #controllers = new Map<string, AbortController>();

  constructor(uppy: Uppy<UploadMeta, Body>, opts: CofferUploaderOptions) {
    super(uppy, opts);
    this.id = opts.id ?? 'CofferUploader';
    this.type = 'uploader';
    this.#target = opts.target;
    this.#parallelParts = opts.parallelParts ?? 6; // what a browser opens to one host over HTTP/1.1
    this.#parallelFiles = opts.parallelFiles ?? 3;
  }

  override install(): void {
    this.uppy.addUploader(this.#upload);
    this.uppy.on('file-removed', this.#onRemoved);
    this.uppy.on('cancel-all', this.#onCancelAll);
  }

  override uninstall(): void {
    this.uppy.removeUploader(this.#upload);
    this.uppy.off('file-removed', this.#onRemoved);
    this.uppy.off('cancel-all', this.#onCancelAll);
  }

  #onRemoved = (file: UploadFile): void => {
    this.#controllers.get(file.id)?.abort();
    this.#controllers.delete(file.id);
    const multipart = this.#multipart.get(file.id);
    this.#multipart.delete(file.id);
    if (multipart) void abortUpload(this.#target, multipart.key, multipart.uploadId).catch(() => undefined);
  };

  /** The page is going away: its unfinished uploads cannot go on, so none is left holding parts. */
  abandonAll(): void {
    for (const controller of this.#controllers.values()) controller.abort();
    for (const multipart of this.#multipart.values()) {
      void abortUpload(this.#target, multipart.key, multipart.uploadId, true).catch(() => undefined);
    }
    this.#multipart.clear();
  }

  #onCancelAll = (): void => {
    for (const file of this.uppy.getFiles()) this.#onRemoved(file);
  };

  #upload = async (fileIDs: string[]): Promise<void> => {
    const files = this.uppy.getFilesByIds(fileIDs).filter((file) => !file.progress.uploadComplete);
    this.uppy.emit(
      'upload-start',
      files.filter((file) => !file.progress.uploadStarted),
    );
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        if (this.uppy.getFile(file.id)) await this.#uploadFile(file);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#parallelFiles, files.length) }, worker));
  };

  async #uploadFile(file: UploadFile): Promise<void> {
    const controller = new AbortController();
    this.#controllers.set(file.id, controller);
    const size = file.size ?? 0;
    const started = file.progress.uploadStarted ?? Date.now();
    const report = (sent: number) =>
      this.uppy.emit('upload-progress', file, { uploadStarted: started, bytesUploaded: sent, bytesTotal: size });
    try {
      report(0);
      const multipart = this.#multipart.get(file.id);
      if (multipart) {
        await this.#sendParts(file, multipart, controller.signal, report);
      } else {
        // Not abortable: once asked, the upload may exist on the server, and only its id lets it be aborted.
        const plan = await this.#start(file);
        if (plan.upload_id === null) {
          await this.#sendWhole(file, plan, controller.signal, report);
        } else {
          const opened: Multipart = { uploadId: plan.upload_id, key: plan.key, partSize: plan.part_size };
          if (controller.signal.aborted) {
            await abortUpload(this.#target, opened.key, opened.uploadId); // removed while it was being started
            return;
          }
          this.#multipart.set(file.id, opened);
          await this.#sendParts(file, opened, controller.signal, report);
        }
      }
      this.#multipart.delete(file.id);
      report(size);
      this.uppy.emit('upload-success', this.uppy.getFile(file.id), { status: 200, uploadURL: file.meta.key });
    } catch (error) {
      if (controller.signal.aborted || !this.uppy.getFile(file.id)) return; // cancelled: nothing to report
      const reason = error instanceof Error ? error : new Error(String(error));
      this.uppy.emit('upload-error', this.uppy.getFile(file.id), { name: reason.name, message: reason.message });
    } finally {
      this.#controllers.delete(file.id);
    }
  }

  #start(file: UploadFile): Promise<UploadPlan> {
    return startUpload(this.#target, file.meta.key, file.size ?? 0, file.type || 'application/octet-stream');
  }

  async #sendWhole(file: UploadFile, plan: UploadPlan, signal: AbortSignal, report: (sent: number) => void) {
    let link = plan;
    await this.#withRetries(signal, async () => {
      if (link.url === null) link = await this.#start(file); // a retry gets a fresh link: the first may have expired
      const { url, headers } = link;
      link = { ...link, url: null };
      await put(url ?? '', bytesOf(file), headers, signal, report);
    });
  }

  async #sendParts(file: UploadFile, multipart: Multipart, signal: AbortSignal, report: (sent: number) => void) {
    const size = file.size ?? 0;
    const count = Math.max(1, Math.ceil(size / multipart.partSize));
    let done: Set<number>;
    try {
      done = new Set((await listUploadedParts(this.#target, multipart.key, multipart.uploadId, signal)).map((part) => part.part_number));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        this.#multipart.delete(file.id); // the upload is gone: the next try starts a new one
      }
      throw error;
    }
    const bounds = (number: number) => [(number - 1) * multipart.partSize, Math.min(number * multipart.partSize, size)];
    const sent = new Map<number, number>();
    for (const number of done) sent.set(number, bounds(number)[1] - bounds(number)[0]);
    const total = () => [...sent.values()].reduce((sum, bytes) => sum + bytes, 0);
    report(total());

    const pending = Array.from({ length: count }, (_, index) => index + 1).filter((number) => !done.has(number));
    const links = new Map<number, string>();
    const linkFor = async (number: number, fresh: boolean): Promise<string> => {
      if (fresh || !links.has(number)) {
        const batch = fresh ? [number] : pending.filter((other) => !links.has(other) && other >= number).slice(0, SIGN_BATCH);
        const signed = await signParts(this.#target, multipart.key, multipart.uploadId, batch, signal);
        for (const part of signed.parts) links.set(part.part_number, part.url);
      }
      return links.get(number) ?? '';
    };
    const queue = [...pending];
    let failed = false;
    const worker = async () => {
      for (let number = queue.shift(); number !== undefined && !failed; number = queue.shift()) {
        const [start, end] = bounds(number);
        const body = bytesOf(file).slice(start, end);
        let attempt = 0;
        await this.#withRetries(signal, async () => {
          const url = await linkFor(number, attempt++ > 0);
          await put(url, body, {}, signal, (bytes) => {
            sent.set(number, bytes);
            report(total());
          });
          sent.set(number, end - start);
          report(total());
        }, () => sent.set(number, 0)).catch((error: unknown) => {
          failed = true; // the other parts stop taking new ones; the file is retried from the parts done
          throw error;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#parallelParts, pending.length) }, worker));
    await completeUpload(this.#target, multipart.key, multipart.uploadId, size, signal);
  }

  async #withRetries(signal: AbortSignal, attempt: () => Promise<void>, onFailure?: () => void): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        await attempt();
        return;
      } catch (error) {
        if (signal.aborted) throw new Cancelled();
        const refused = error instanceof ApiError && error.status < 500; // the BFF said no: trying again won't help
        if (refused || tries >= PART_RETRY_DELAYS_MS.length) throw error;
        onFailure?.();
        await wait(PART_RETRY_DELAYS_MS[tries], signal);
        if (!navigator.onLine) await online(signal); // a dropped connection: go on where it stopped once back
      }
    }
  }
}
