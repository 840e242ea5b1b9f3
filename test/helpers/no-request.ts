// The HTTP request's fields of a stored session whose source logs no requests: each is null.
import type { Session } from '../../src-shared/domain.js';

type RequestFieldName =
  | 'method'
  | 'host'
  | 'path'
  | 'query'
  | 'httpVersion'
  | 'userAgent'
  | 'referrer'
  | 'requestTimeMs'
  | 'tlsProtocol'
  | 'tlsCipher'
  | 'requestId'
  | 'requestLine';

export const NO_REQUEST: Pick<Session, RequestFieldName> = {
  method: null,
  host: null,
  path: null,
  query: null,
  httpVersion: null,
  userAgent: null,
  referrer: null,
  requestTimeMs: null,
  tlsProtocol: null,
  tlsCipher: null,
  requestId: null,
  requestLine: null,
};
