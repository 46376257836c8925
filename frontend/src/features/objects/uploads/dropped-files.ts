/** A file to upload and its path below the folder shown (`photos/2024/a.jpg` when a folder was given). */
export type PickedFile = { file: File; path: string };

/** Files of an `<input type="file">`, with their paths inside the folder picked (`webkitdirectory`). */
export function pickedFiles(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [], (file) => ({ file, path: file.webkitRelativePath || file.name }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, found: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    found.push({ file: await fileOf(entry as FileSystemFileEntry), path: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // A directory reader answers in batches (about 100 entries each) until it answers none.
    for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
      for (const child of batch) await walk(child, found);
    }
  }
}

/** Everything dropped: files, and folders with everything inside them, each with its path. */
export async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(transfer.items, (item) => item.webkitGetAsEntry()).filter(
    (entry): entry is FileSystemEntry => entry !== null,
  );
  if (entries.length === 0) return pickedFiles(transfer.files);
  const found: PickedFile[] = [];
  for (const entry of entries) await walk(entry, found);
  return found;
}
