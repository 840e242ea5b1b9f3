// Zeek's http.log (TSV or JSON): one HTTP request and its response per record. Zeek names each
// connection (`uid`) and counts the requests on it (`trans_depth`): together they name the event,
// so the same request from any copy of the log is one session.
import type { FormatDefinition } from '../types.js';
import { emptyRequest, httpVersionOf, splitTarget } from './http-request.js';
import { setHost } from './web-row.js';
import {
  detectZeek,
  type ZeekKind,
  ZeekParser,
  type ZeekRecord,
  zeekAttrs,
  zeekCount,
  zeekSession,
  zeekText,
} from './zeek-log.js';

/** http.log's columns as Zeek's base scripts write them. */
const HTTP_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'trans_depth',
  'method',
  'host',
  'uri',
  'referrer',
  'version',
  'user_agent',
  'origin',
  'request_body_len',
  'response_body_len',
  'status_code',
  'status_msg',
  'info_code',
  'info_msg',
  'tags',
  'username',
  'password',
  'proxied',
  'orig_fuids',
  'orig_filenames',
  'orig_mime_types',
  'resp_fuids',
  'resp_filenames',
  'resp_mime_types',
];

const MAPPED = new Set([
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'method',
  'host',
  'uri',
  'referrer',
  'version',
  'user_agent',
  'request_body_len',
  'response_body_len',
  'status_code',
]);

const request = emptyRequest();

const httpKind: ZeekKind = {
  path: 'http',
  defaultFields: HTTP_FIELDS,
  mapped: MAPPED,
  toRow(record: ZeekRecord, line: number) {
    const row = zeekSession(record, line);
    row.method = zeekText(record, 'method');
    const uri = zeekText(record, 'uri');
    request.host = null;
    request.path = null;
    request.query = null;
    if (uri !== null) splitTarget(uri, row.method, request);
    // Zeek logs the Host header as sent, port included: stored as the name alone, as every
    // importer stores a host; a port other than the connection's is kept as `host_port`.
    row.host = request.host;
    const hostPort = setHost(row, zeekText(record, 'host'));
    row.path = request.path;
    row.query = request.query;
    row.referrer = zeekText(record, 'referrer');
    row.httpVersion = httpVersionOf(zeekText(record, 'version'));
    row.userAgent = zeekText(record, 'user_agent');
    row.bytesIn = zeekCount(record, 'request_body_len');
    row.bytesOut = zeekCount(record, 'response_body_len');
    row.responseCode = zeekCount(record, 'status_code');
    row.eventId = row.requestId === null ? null : `${row.requestId}#${zeekText(record, 'trans_depth') ?? ''}`;
    row.attrs = zeekAttrs(record, MAPPED, hostPort === null ? null : { host_port: String(hostPort) });
    return row;
  },
};

export const zeekHttp: FormatDefinition = {
  id: 'zeek-http',
  label: 'Zeek http.log (TSV or JSON)',
  // JSON: fields of http.log alone. sip.log has method, uri, trans_depth, user_agent, status_code,
  // status_msg and the body lengths too, websocket.log host and uri; `tags` is in every http.log
  // record (a set, logged even when empty), the others where the request or answer had them.
  detect: (head) =>
    detectZeek(
      head,
      'http',
      ['method', 'uri'],
      [
        'tags',
        'referrer',
        'origin',
        'info_code',
        'info_msg',
        'proxied',
        'orig_fuids',
        'orig_filenames',
        'orig_mime_types',
        'resp_fuids',
        'resp_filenames',
        'resp_mime_types',
      ],
    ),
  createParser: () => new ZeekParser(httpKind),
};
