// The one place that knows which transport is in use; views import `api` and `transport` from here.
import { electronTransport } from './electron.js';
import { createHttpApi } from './http-client.js';
import { downloadExport } from './http-download.js';
import { createEventStream } from './http-events.js';
import { uploadFile } from './http-upload.js';
import type { Transport } from './transport.js';

function httpTransport(): Transport {
  const events = createEventStream();
  return {
    api: createHttpApi(events.opened),
    onEvent: events.onEvent,
    importableFile: uploadFile,
    saveExport: downloadExport,
  };
}

export const transport: Transport = window.vigil ? electronTransport(window.vigil) : httpTransport();
export const api = transport.api;
