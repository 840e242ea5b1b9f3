import { z } from 'zod';
import { unwrapAnswer } from './answer.js';

const Uploaded = z.object({ grant: z.string(), name: z.string() });

/**
 * Streams a file to the server and resolves with the grant that imports it (the page never learns
 * where the server stored it). XMLHttpRequest rather than fetch because only it reports upload progress.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
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
