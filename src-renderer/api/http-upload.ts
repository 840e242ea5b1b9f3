import { z } from 'zod';
import { unwrapAnswer } from './answer.js';

const Uploaded = z.object({ grant: z.string(), name: z.string() });

/** The analyst stopped the upload: nothing of the file reached an import. */
export class UploadCancelled extends Error {
  constructor(name: string) {
    super(`Upload cancelled; nothing of ${name} was imported.`);
  }
}

/**
 * Streams a file to the server and resolves with the grant that imports it (the page never learns
 * where the server stored it). XMLHttpRequest rather than fetch because only it reports upload progress.
 */
export function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UploadCancelled(file.name));
    const xhr = new XMLHttpRequest();
    // Aborting closes the request before it completes: the server drops the partial file.
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.onabort = () => reject(new UploadCancelled(file.name));
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    // Every byte is sent (also when no progress event could say how many): the page shows the file
    // as sent while the server still receives it and starts its import, not a percentage.
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      try {
        resolve(Uploaded.parse(unwrapAnswer(xhr.status, xhr.responseText)).grant);
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new Error(`The upload of ${file.name} was interrupted.`));
    xhr.send(file);
  });
}
