import Uppy from '@uppy/core';
import type { Body } from '@uppy/core/utils';

import { CofferUploader, type UploadFile, type UploadMeta } from './coffer-uploader';
import type { PickedFile } from './dropped-files';
import type { UploadTarget } from '../api/uploads';

export type FileStatus = 'waiting' | 'uploading' | 'done' | 'failed';

export type FileProgress = {
  id: string;
  key: string;
  size: number;
  sent: number;
  status: FileStatus;
  error: string | null;
  bytesPerSecond: number | null;
  secondsLeft: number | null;
};

export type UploadSnapshot = {
  files: FileProgress[];
  size: number;
  sent: number;
  bytesPerSecond: number | null;
  secondsLeft: number | null;
  active: boolean;
};

const SPEED_WINDOW_MS = 5000;
const LISTING_REFRESH_MS = 500;
const EMPTY: UploadSnapshot = { files: [], size: 0, sent: 0, bytesPerSecond: null, secondsLeft: null, active: false };

function statusOf(file: UploadFile): FileStatus {
  if (file.error) return 'failed';
  if (file.progress.uploadComplete) return 'done';
  return file.progress.uploadStarted ? 'uploading' : 'waiting';
}

/**
 * The uploads of one bucket view: Uppy holds the files and their progress, CofferUploader sends them,
 * and this turns Uppy's state into what the panel shows (speed over the last seconds, time left).
 */
export class UploadSession {
  readonly #uppy: Uppy<UploadMeta, Body>;
  readonly #listeners = new Set<() => void>();
  #snapshot: UploadSnapshot = EMPTY;
  #samples: { at: number; sent: number }[] = [];
  #serial = 0;
  #listingRefresh: number | null = null;

  constructor(target: UploadTarget, onUploaded: () => void) {
    this.#uppy = new Uppy<UploadMeta, Body>({ autoProceed: true, allowMultipleUploadBatches: true });
    this.#uppy.use(CofferUploader, { target });
    window.addEventListener('beforeunload', this.#warnBeforeLeaving);
    window.addEventListener('pagehide', this.#abandon);
    this.#uppy.on('state-update', this.#refresh);
    // A folder of many small files refreshes the listing twice a second at most, not once per file.
    this.#uppy.on('upload-success', () => {
      if (this.#listingRefresh !== null) return;
      this.#listingRefresh = window.setTimeout(() => {
        this.#listingRefresh = null;
        onUploaded();
      }, LISTING_REFRESH_MS);
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): UploadSnapshot => this.#snapshot;

  /** Adds the files under `prefix` (the folder shown); they start at once. */
  add(prefix: string, picked: PickedFile[]): void {
    this.#uppy.addFiles(
      picked.map(({ file, path }) => ({
        id: `upload-${++this.#serial}`, // the same file may be uploaded again, or into another folder
        name: file.name,
        type: file.type || 'application/octet-stream',
        data: file,
        source: 'Local',
        isRemote: false,
        meta: { key: prefix + path, relativePath: path },
      })),
    );
  }

  /** Stops the file and aborts its upload on the server (nothing of it stays). */
  cancel(id: string): void {
    this.#uppy.removeFile(id);
  }

  cancelAll(): void {
    this.#uppy.cancelAll();
  }

  /** Sends a failed file again, from the parts the storage system already holds. */
  retry(id: string): void {
    void this.#uppy.retryUpload(id);
  }

  clearFinished(): void {
    const finished = this.#uppy.getFiles().filter((file) => file.progress.uploadComplete);
    this.#uppy.removeFiles(finished.map((file) => file.id));
  }

  close(): void {
    window.removeEventListener('beforeunload', this.#warnBeforeLeaving);
    window.removeEventListener('pagehide', this.#abandon);
    this.#uppy.cancelAll();
    this.#uppy.destroy();
  }

  /** Closing or reloading the page while files upload asks first: they would have to start over. */
  #warnBeforeLeaving = (event: BeforeUnloadEvent): void => {
    if (this.#snapshot.active) event.preventDefault();
  };

  #abandon = (): void => {
    this.#uppy.getPlugin<CofferUploader>('CofferUploader')?.abandonAll();
  };

  #refresh = (): void => {
    const now = Date.now();
    const files = this.#uppy.getFiles().map((file): FileProgress => {
      const size = file.size ?? 0;
      const sent = file.progress.uploadComplete ? size : (file.progress.bytesUploaded || 0);
      const status = statusOf(file);
      const started = file.progress.uploadStarted;
      const seconds = started ? (now - started) / 1000 : 0;
      const bytesPerSecond = status === 'uploading' && seconds > 0.5 && sent > 0 ? sent / seconds : null;
      return {
        id: file.id,
        key: file.meta.key,
        size,
        sent,
        status,
        error: file.error ?? null,
        bytesPerSecond,
        secondsLeft: bytesPerSecond ? (size - sent) / bytesPerSecond : null,
      };
    });
    const size = files.reduce((sum, file) => sum + file.size, 0);
    const sent = files.reduce((sum, file) => sum + file.sent, 0);
    const active = files.some((file) => file.status === 'uploading' || file.status === 'waiting');
    this.#samples = [...this.#samples.filter((sample) => now - sample.at < SPEED_WINDOW_MS), { at: now, sent }];
    const oldest = this.#samples[0];
    const span = (now - oldest.at) / 1000;
    const bytesPerSecond = active && span > 0.5 && sent > oldest.sent ? (sent - oldest.sent) / span : null;
    this.#snapshot = {
      files,
      size,
      sent,
      bytesPerSecond,
      secondsLeft: bytesPerSecond ? (size - sent) / bytesPerSecond : null,
      active,
    };
    for (const listener of this.#listeners) listener();
  };
}
