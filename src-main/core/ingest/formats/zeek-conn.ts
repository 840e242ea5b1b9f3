// Zeek's conn.log (TSV or JSON): one connection per record, named by its `uid`.
import type { FormatDefinition } from '../types.js';
import {
  detectZeek,
  type ZeekKind,
  ZeekParser,
  type ZeekRecord,
  zeekAttrs,
  zeekCount,
  zeekInterval,
  zeekSession,
  zeekText,
} from './zeek-log.js';

/** conn.log's columns as Zeek's base scripts write them. */
const CONN_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'service',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'conn_state',
  'local_orig',
  'local_resp',
  'missed_bytes',
  'history',
  'orig_pkts',
  'orig_ip_bytes',
  'resp_pkts',
  'resp_ip_bytes',
  'tunnel_parents',
];

// orig_pkts and resp_pkts make `packets` and stay as attributes too: the sum loses the direction.
const MAPPED = new Set([
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'duration',
  'orig_bytes',
  'resp_bytes',
]);

const connKind: ZeekKind = {
  path: 'conn',
  defaultFields: CONN_FIELDS,
  mapped: MAPPED,
  toRow(record: ZeekRecord, line: number) {
    const row = zeekSession(record, line);
    const duration = zeekInterval(record, 'duration');
    if (duration !== null) row.endTs = row.startTs + Math.round(duration);
    row.protocol = zeekText(record, 'proto');
    // What the originator sent is the request side, what the responder sent the response side.
    row.bytesIn = zeekCount(record, 'orig_bytes');
    row.bytesOut = zeekCount(record, 'resp_bytes');
    const sent = zeekCount(record, 'orig_pkts');
    const received = zeekCount(record, 'resp_pkts');
    row.packets = sent === null && received === null ? null : (sent ?? 0) + (received ?? 0);
    row.eventId = row.requestId;
    row.attrs = zeekAttrs(record, MAPPED);
    return row;
  },
};

export const zeekConn: FormatDefinition = {
  id: 'zeek-conn',
  label: 'Zeek conn.log (TSV or JSON)',
  // JSON: fields of conn.log alone (proto is in dns.log and notice.log as well).
  detect: (head) =>
    detectZeek(
      head,
      'conn',
      ['conn_state', 'proto'],
      ['conn_state', 'history', 'orig_pkts', 'resp_pkts', 'orig_ip_bytes', 'resp_ip_bytes'],
    ),
  createParser: () => new ZeekParser(connKind),
};
